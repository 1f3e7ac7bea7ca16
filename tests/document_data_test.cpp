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

TEST_CASE("ASCII headers, escapes and all, read the same as through a general JSON parser", "[document_data]") {
    // Plain ASCII takes a fast path; a \\u escape or a non-ASCII byte the general reader.
    const pith::DocumentHeader plain =
        decoded(R"({"article":"a1","passage":0,"begin":0,"end":12,"title":"Say \"hi\"\t\\ \/ x\n","path":"p"})" "\nx");
    const pith::DocumentHeader escaped = decoded(
        R"({"article":"a\u0031","passage":0,"begin":0,"end":12,"title":"Say \"hi\"\u0009\\ / x\n","path":"p"})" "\nx");
    CHECK(plain.title == "Say \"hi\"\t\\ / x\n");
    CHECK(plain.article_id == "a1");
    CHECK(escaped.title == plain.title);
    CHECK(escaped.article_id == plain.article_id);
    CHECK(escaped.end == plain.end);
    CHECK(decoded(R"({"article":"\u00e9t\u00e9 \ud83d\ude00"})" "\nx").article_id == "été 😀");
    CHECK(decoded("  {  \"article\" : \"a\" , \"passage\" : 7 }  \nx").ordinal == 7);
    CHECK(decoded("{}\nx").article_id.empty());
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
        R"({"article":"a","passage":01})" "\ntext",
        R"({"article":"a","passage":1.5})" "\ntext",
        R"({"article":"a","passage":99999999999999999999999})" "\ntext",
        "{\"article\":\"a\x01" "b\"}\ntext",  // a raw control character in a string
        R"({"article":"a\q"})" "\ntext",
        R"({"article":"a",})" "\ntext",
    };
    for (const char* data : bad) {
        INFO(data);
        CHECK_THROWS_AS(decoded(data), pith::IndexError);
        CHECK_THROWS_WITH(decoded(data), Catch::Contains("pith-index --rebuild"));
    }
}
