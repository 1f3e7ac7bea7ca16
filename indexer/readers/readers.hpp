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
// One article per line; broken lines become warnings naming `file:line`.
void read_jsonl(const Article& file, std::vector<Article>& articles, std::vector<std::string>& warnings,
                std::vector<std::string>& notices);

// A date on one of the first short lines of `text` (a dateline such as "30 Jun, 2025" or
// "Updated June 6, 2025"), as YYYY-MM-DD; empty when there is none.
std::string find_dateline(std::string_view text);

}  // namespace pith::detail
