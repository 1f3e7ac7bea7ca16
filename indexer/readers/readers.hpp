#pragma once
// One reader per format; article_formats.cpp picks one. Each receives the article made from the
// file's bytes (text = the whole file as UTF-8) and turns its text into plain paragraphs (one
// per line), setting the title and metadata the format carries.

#include <string>
#include <string_view>
#include <vector>

#include "pith/article.hpp"
#include "pith/article_formats.hpp"

namespace pith::detail {

void read_text(Article& article);
void read_markdown(Article& article);
void read_html(Article& article);

// Markdown converted a piece at a time (a streamed file, cut after blank lines): what a piece
// leaves open for the next one.
struct MarkdownState {
    bool first = true;         // the next piece starts the file (front matter)
    bool titled = false;       // the front matter named the title
    bool in_fence = false;     // inside a ``` code block
    std::string heading_title; // the first level-1 heading, once seen
};
// The plain paragraphs of one piece; front matter fields go into `article`.
std::string markdown_text(std::string_view source, Article& article, MarkdownState& state);
// One article per line; broken lines become warnings naming `file:line`.
void read_jsonl(const Article& file, std::vector<Article>& articles, std::vector<std::string>& warnings,
                std::vector<std::string>& notices);

// A date on one of the first short lines of `text` (a dateline such as "30 Jun, 2025" or
// "Updated June 6, 2025"), as YYYY-MM-DD; empty when there is none.
std::string find_dateline(std::string_view text);

}  // namespace pith::detail
