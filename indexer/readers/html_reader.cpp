// HTML → plain paragraphs with gumbo (the HTML5 parsing algorithm, so real-world tag soup parses
// as browsers parse it, and entities are decoded). The story is taken from <article>, else
// <main>, else the body; navigation, asides, footers, forms, scripts and styles are dropped.

#include <gumbo.h>

#include <cstring>
#include <memory>
#include <string>

#include "readers.hpp"

namespace pith::detail {
namespace {

bool is_skipped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
        case GUMBO_TAG_HEAD: case GUMBO_TAG_MENU:
            return true;
        default:
            return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
        case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_MAIN: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
        case GUMBO_TAG_TH: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BR:
        case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_BODY:
            return true;
        default:
            return false;
    }
}

const char* attribute(const GumboNode* node, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? a->value : nullptr;
}

// Whitespace collapsed to single spaces, as a browser renders inline text.
void append_text(std::string& paragraph, const char* text) {
    for (const char* p = text; *p; ++p) {
        bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
        if (space) {
            if (!paragraph.empty() && paragraph.back() != ' ') paragraph += ' ';
        } else {
            paragraph += *p;
        }
    }
}

struct TextCollector {
    std::string out;
    std::string paragraph;

    void end_paragraph() {
        while (!paragraph.empty() && paragraph.back() == ' ') paragraph.pop_back();
        std::size_t start = paragraph.find_first_not_of(' ');
        if (start != std::string::npos) out += paragraph.substr(start) + "\n\n";
        paragraph.clear();
    }

    void walk(const GumboNode* node) {
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
            append_text(paragraph, node->v.text.text);
            return;
        }
        if (node->type == GUMBO_NODE_WHITESPACE) {
            append_text(paragraph, " ");
            return;
        }
        if (node->type != GUMBO_NODE_ELEMENT) return;
        GumboTag tag = node->v.element.tag;
        if (is_skipped(tag)) return;
        if (const char* hidden = attribute(node, "hidden"); hidden) return;
        if (const char* role = attribute(node, "role");
            role && (!std::strcmp(role, "navigation") || !std::strcmp(role, "banner") || !std::strcmp(role, "contentinfo")))
            return;
        bool block = is_block(tag);
        if (block) end_paragraph();
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) walk(static_cast<const GumboNode*>(children.data[i]));
        if (block) end_paragraph();
    }
};

std::string text_of(const GumboNode* node) {
    TextCollector collector;
    collector.walk(node);
    collector.end_paragraph();
    std::string text = collector.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    for (char& c : text)
        if (c == '\n') c = ' ';
    return text;
}

const GumboNode* find_first(const GumboNode* node, GumboTag tag) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    if (node->v.element.tag == tag) return node;
    if (is_skipped(node->v.element.tag) && tag != GUMBO_TAG_TITLE && tag != GUMBO_TAG_HEAD) return nullptr;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        if (const GumboNode* found = find_first(static_cast<const GumboNode*>(children.data[i]), tag)) return found;
    return nullptr;
}

const GumboNode* find_role_main(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    if (const char* role = attribute(node, "role"); role && !std::strcmp(role, "main")) return node;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        if (const GumboNode* found = find_role_main(static_cast<const GumboNode*>(children.data[i]))) return found;
    return nullptr;
}

// <meta name|property=… content=…> and <link rel=canonical>, the usual publishers' vocabularies
// (Open Graph, Dublin Core, article:*, schema.org itemprop).
void read_meta(const GumboNode* node, Article& article, std::string& meta_title) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_META) {
        const char* key = attribute(node, "property");
        if (!key) key = attribute(node, "name");
        if (!key) key = attribute(node, "itemprop");
        const char* content = attribute(node, "content");
        if (key && content && *content) {
            std::string k(key);
            for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (article.date.empty() &&
                (k == "article:published_time" || k == "date" || k == "pubdate" || k == "publishdate" ||
                 k == "dc.date" || k == "dc.date.issued" || k == "datepublished" || k == "og:published_time" ||
                 k == "sailthru.date" || k == "parsely-pub-date"))
                article.date = normalize_date(content);
            else if (article.author.empty() && (k == "author" || k == "article:author" || k == "dc.creator"))
                article.author = content;
            else if (article.source.empty() && (k == "og:site_name" || k == "application-name" || k == "dc.publisher" || k == "publisher"))
                article.source = content;
            else if (article.url.empty() && (k == "og:url" || k == "dc.identifier"))
                article.url = content;
            else if (meta_title.empty() && (k == "og:title" || k == "dc.title"))
                meta_title = content;
        }
    } else if (tag == GUMBO_TAG_LINK) {
        const char* rel = attribute(node, "rel");
        const char* href = attribute(node, "href");
        if (rel && href && !std::strcmp(rel, "canonical") && article.url.empty()) article.url = href;
    } else if (tag == GUMBO_TAG_TIME && article.date.empty()) {
        if (const char* datetime = attribute(node, "datetime")) article.date = normalize_date(datetime);
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) read_meta(static_cast<const GumboNode*>(children.data[i]), article, meta_title);
}

}  // namespace

void read_html(Article& article) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, article.text.data(), article.text.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    const GumboNode* root = output->root;

    std::string meta_title;
    read_meta(root, article, meta_title);

    const GumboNode* story = find_first(root, GUMBO_TAG_ARTICLE);
    if (!story) story = find_first(root, GUMBO_TAG_MAIN);
    if (!story) story = find_role_main(root);
    if (!story) story = find_first(root, GUMBO_TAG_BODY);
    if (!story) story = root;

    // The page's own heading names the story; <title> often carries " | Site" after it.
    std::string title;
    if (const GumboNode* h1 = find_first(story, GUMBO_TAG_H1)) title = text_of(h1);
    if (title.empty() && !meta_title.empty()) title = meta_title;
    if (title.empty())
        if (const GumboNode* t = find_first(root, GUMBO_TAG_TITLE)) title = text_of(t);

    TextCollector collector;
    collector.walk(story);
    collector.end_paragraph();
    article.text = std::move(collector.out);
    article.title = title;
    if (article.date.empty()) article.date = find_dateline(article.text);
}

}  // namespace pith::detail
