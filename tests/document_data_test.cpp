// A passage's document data (document_data.hpp): the header is read field by field from the
// JSON parser's events, so what the format allows and refuses is pinned down here.

#include <catch2/catch.hpp>

#include <string>

#include "document_data.hpp"
#include "pith/error.hpp"

namespace {

pith::DocumentHeader decoded(const std::string& data, std::string* text = nullptr) {
    pith::DocumentHeader header;
    std::string passage;
    pith::decode_document_data(data, header, passage);
    if (text) *text = passage;
    return header;
}

}  // namespace

TEST_CASE("a first passage's header and text read back as they were written", "[document_data]") {
    pith::DocumentHeader header;
    header.article_id = "ab12";
    header.ordinal = 0;
    header.begin = 7;
    header.end = 4000000000;
    header.title = "Montréal \"quoted\" \\ line\tbreak 😀";
    header.path = "dir/ünï.txt";
    header.date = "2025-03-31";
    header.source = "Example Gazette";
    header.url = "https://example.org/a";
    header.author = "Ada Writer";
    header.duplicate_of = "cd34";
    std::string text;
    const pith::DocumentHeader back = decoded(pith::encode_document_data(header, "Passage\ntext."), &text);
    CHECK(back.article_id == header.article_id);
    CHECK(back.ordinal == 0);
    CHECK(back.begin == 7);
    CHECK(back.end == 4000000000);
    CHECK(back.title == header.title);
    CHECK(back.path == header.path);
    CHECK(back.date == header.date);
    CHECK(back.source == header.source);
    CHECK(back.url == header.url);
    CHECK(back.author == header.author);
    CHECK(back.duplicate_of == header.duplicate_of);
    CHECK(text == "Passage\ntext.");
}

TEST_CASE("a later passage's header leaves the article's fields empty", "[document_data]") {
    pith::DocumentHeader header;
    header.article_id = "ab12";
    header.ordinal = 3;
    header.title = "not stored";
    const pith::DocumentHeader back = decoded(pith::encode_document_data(header, "x"));
    CHECK(back.ordinal == 3);
    CHECK(back.title.empty());
}

TEST_CASE("decoding overwrites every field of a reused header", "[document_data]") {
    pith::DocumentHeader header;
    std::string text;
    pith::decode_document_data(R"({"article":"a","passage":0,"begin":1,"end":2,"title":"T","url":"u"})" "\nx", header, text);
    pith::decode_document_data(R"({"article":"b","passage":4,"begin":5,"end":6})" "\ny", header, text);
    CHECK(header.article_id == "b");
    CHECK(header.ordinal == 4);
    CHECK(header.title.empty());
    CHECK(header.url.empty());
    CHECK(text == "y");
}

TEST_CASE("keys a header does not know, nested values included, are skipped", "[document_data]") {
    const pith::DocumentHeader back = decoded(
        R"({"future":{"title":"inner","list":[1,"a",null]},"article":"a","passage":2,"begin":0,"end":9,"flag":true,"n":-1.5})"
        "\ntext");
    CHECK(back.article_id == "a");
    CHECK(back.ordinal == 2);
    CHECK(back.end == 9);
    CHECK(back.title.empty());
}

TEST_CASE("data that is not Pith's header and text is refused with a rebuild hint", "[document_data]") {
    const char* bad[] = {
        "no newline at all",
        "{not json\ntext",
        "[1,2]\ntext",
        R"({"article":"a"} trailing)" "\ntext",
        R"({"article":5,"passage":0})" "\ntext",
        R"({"article":"a","passage":"zero"})" "\ntext",
        R"({"article":"a","passage":-1})" "\ntext",
        R"({"article":"a","title":{"nested":"object"}})" "\ntext",
    };
    for (const char* data : bad) {
        INFO(data);
        CHECK_THROWS_AS(decoded(data), pith::IndexError);
        CHECK_THROWS_WITH(decoded(data), Catch::Contains("pith-index --rebuild"));
    }
}
