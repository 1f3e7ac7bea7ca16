// The stored JSON an index holds (passage headers, pith.config) is read by a hand-written
// scanner for the flat ASCII shape Pith writes, falling back to nlohmann for anything else.
// The scanner must give exactly the general reader's answer or hand over to it: these tests
// feed both readers the same generated and adversarial text and compare every field.
//
// How the general reader is reached on the same text: an extra key the scanner does not take
// (a null value in a header, any unknown key in a configuration) is inserted right after the
// opening brace. The general reader skips such keys, so the rest of the text means the same
// to it; the scanner refuses the whole text and hands it over.

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "document_data.hpp"
#include "pith/config.hpp"
#include "pith/error.hpp"

namespace {

// `json` with `extra` (a key and its value) as the object's first member; nullopt when the text
// does not start with an object, so no insertion keeps its meaning.
std::optional<std::string> with_first_member(const std::string& json, const std::string& extra) {
    // nlohmann skips a UTF-8 byte order mark before the value.
    const std::size_t start = json.rfind("\xef\xbb\xbf", 0) == 0 ? 3 : 0;
    const std::size_t brace = json.find_first_not_of(" \t\r\n", start);
    if (brace == std::string::npos || json[brace] != '{') return std::nullopt;
    const std::size_t next = json.find_first_not_of(" \t\r\n", brace + 1);
    const bool empty_object = next != std::string::npos && json[next] == '}';
    return json.substr(0, brace + 1) + extra + (empty_object ? "" : ",") + json.substr(brace + 1);
}

struct HeaderOutcome {
    bool refused = false;
    std::string error;
    pith::DocumentHeader header;
    std::string passage;
};

HeaderOutcome decode_header(const std::string& data) {
    HeaderOutcome outcome;
    try {
        pith::decode_document_data(data, outcome.header, outcome.passage);
    } catch (const pith::IndexError& e) {
        outcome.refused = true;
        outcome.error = e.what();
    }
    return outcome;
}

void check_same_header(const HeaderOutcome& fast, const HeaderOutcome& general) {
    REQUIRE(fast.refused == general.refused);
    if (fast.refused) return;
    CHECK(fast.header.article_id == general.header.article_id);
    CHECK(fast.header.ordinal == general.header.ordinal);
    CHECK(fast.header.begin == general.header.begin);
    CHECK(fast.header.end == general.header.end);
    CHECK(fast.header.title == general.header.title);
    CHECK(fast.header.path == general.header.path);
    CHECK(fast.header.date == general.header.date);
    CHECK(fast.header.source == general.header.source);
    CHECK(fast.header.url == general.header.url);
    CHECK(fast.header.author == general.header.author);
    CHECK(fast.header.duplicate_of == general.header.duplicate_of);
    CHECK(fast.passage == general.passage);
}

// Decodes `data` as it is (fast path when flat ASCII) and with a member only the general reader
// takes; both must agree, refusals included.
void check_header_readers_agree(const std::string& data) {
    INFO("data: " << data);
    const std::size_t newline = data.find('\n');
    const std::string header = data.substr(0, newline);
    const std::string rest = newline == std::string::npos ? std::string() : data.substr(newline);
    const HeaderOutcome fast = decode_header(data);
    if (const std::optional<std::string> general_only = with_first_member(header, R"("~":null)")) {
        check_same_header(fast, decode_header(*general_only + rest));
    } else {
        CHECK(fast.refused);  // Neither reader takes anything but an object.
    }
}

// Text mixing what the scanner handles itself and what it must hand over.
// With `valid_utf8` false it may hold invalid UTF-8 (stored headers replace it by U+FFFD).
std::string random_text(std::mt19937& random, bool valid_utf8 = false) {
    static const char* const kPieces[] = {
        "a",  "Z",   "0",  " ",  "\"", "\\", "/",        "\t", "\n", "\r",     "\x01", "\x7f", "é",
        "日", "😀",  "{",  "}",  "[",  ":",  ",",        "-",  "1e5", "null", "true",  "\b", "\f",
        "",   "\\u", "é\\", "x y z", "title", "\"passage\":", "\xff", "\xc3"};
    std::uniform_int_distribution<std::size_t> count(0, 6);
    // The last pieces are invalid UTF-8 on their own (a lone byte, a cut-off sequence).
    std::uniform_int_distribution<std::size_t> piece(0, std::size(kPieces) - (valid_utf8 ? 3 : 1));
    std::string text;
    for (std::size_t n = count(random); n > 0; --n) text += kPieces[piece(random)];
    return text;
}

pith::DocumentHeader random_header(std::mt19937& random) {
    std::uniform_int_distribution<int> coin(0, 1);
    const std::size_t numbers[] = {0, 1, 9, 10, 123456789, 4000000000ull, 999999999999999999ull,
                                   1000000000000000000ull, 18446744073709551615ull};
    std::uniform_int_distribution<std::size_t> number(0, std::size(numbers) - 1);
    pith::DocumentHeader header;
    header.article_id = random_text(random);
    header.ordinal = coin(random) ? 0 : numbers[number(random)];
    header.begin = numbers[number(random)];
    header.end = numbers[number(random)];
    header.title = random_text(random);
    header.path = random_text(random);
    header.date = coin(random) ? random_text(random) : "";
    header.source = coin(random) ? random_text(random) : "";
    header.url = coin(random) ? random_text(random) : "";
    header.author = coin(random) ? random_text(random) : "";
    header.duplicate_of = coin(random) ? random_text(random) : "";
    return header;
}

// A byte-level edit that keeps the text JSON-like: truncation, a dropped or repeated byte, a
// JSON-significant byte inserted, whitespace added.
std::string mutated(std::string text, std::mt19937& random) {
    static const char kBytes[] = "{}[]:,\"\\ \t-+.eE0123456789ntfu\x01\x80";
    std::uniform_int_distribution<int> kind(0, 4);
    std::uniform_int_distribution<std::size_t> at(0, text.size());
    std::uniform_int_distribution<std::size_t> byte(0, sizeof(kBytes) - 2);
    const std::size_t where = at(random);
    switch (kind(random)) {
        case 0: return text.substr(0, where);
        case 1: return where < text.size() ? text.erase(where, 1) : text;
        case 2: return where < text.size() ? text.insert(where, 1, text[where]) : text;
        case 3: return text.insert(where, 1, kBytes[byte(random)]);
        default: return text.insert(where, " \t");
    }
}

}  // namespace

TEST_CASE("the flat header scanner and the general reader agree on generated and mutated headers",
          "[document_data][stored_json]") {
    std::mt19937 random(7);
    for (int n = 0; n < 3000; ++n) {
        const pith::DocumentHeader header = random_header(random);
        const std::string data = pith::encode_document_data(header, "passage text\nline two");
        check_header_readers_agree(data);
        check_header_readers_agree(mutated(data, random));
        check_header_readers_agree(mutated(mutated(data, random), random));
    }
}

TEST_CASE("the flat header scanner and the general reader agree on hand-made adversarial headers",
          "[document_data][stored_json]") {
    const char* const kHeaders[] = {
        // Escapes the scanner decodes itself and the ones it hands over.
        R"({"article":"a","title":"\"q\" \\ \/ \b\f\n\r\t"})",
        R"({"article":"a","title":"\u00e9\u0041"})",
        R"({"article":"a","title":"\ud83d\ude00"})",
        R"({"article":"a","title":"\ud83d"})",
        R"({"article":"a","title":"\x41"})",
        R"({"article":"a","title":"\'"})",
        "{\"article\":\"a\",\"title\":\"caf\xc3\xa9\"}",
        "{\"article\":\"a\",\"title\":\"bad \xff byte\"}",
        "{\"article\":\"a\",\"title\":\"raw\ttab\"}",
        "{\"article\":\"a\",\"title\":\"del \x7f\"}",
        R"({"article":"","title":"","path":""})",
        // Numbers: sign, zeros, exponents, fractions, the edges of 64 bits.
        R"({"article":"a","passage":-1})",
        R"({"article":"a","passage":-0})",
        R"({"article":"a","passage":0})",
        R"({"article":"a","passage":00})",
        R"({"article":"a","passage":01})",
        R"({"article":"a","passage":1.0})",
        R"({"article":"a","passage":1e2})",
        R"({"article":"a","passage":1E+2})",
        R"({"article":"a","begin":999999999999999999})",
        R"({"article":"a","begin":1000000000000000000})",
        R"({"article":"a","begin":18446744073709551615})",
        R"({"article":"a","begin":18446744073709551616})",
        R"({"article":"a","begin":99999999999999999999999})",
        R"({"article":"a","end":+5})",
        R"({"article":"a","end":5.})",
        R"({"article":"a","end":.5})",
        // Other types: for a known key refused, for an unknown one skipped.
        R"({"article":"a","passage":true})",
        R"({"article":"a","passage":null})",
        R"({"article":"a","passage":"3"})",
        R"({"article":7,"passage":3})",
        R"({"article":"a","title":["x"]})",
        R"({"article":"a","extra":true,"more":null,"list":[1,{"title":"no"}],"n":-3.5e2})",
        R"({"article":"a","unknown":12,"other":"s"})",
        // Order, duplicates, whitespace.
        R"({"end":9,"begin":2,"passage":1,"article":"z"})",
        R"({"article":"first","article":"second","passage":1,"passage":2})",
        R"({"title":"x","title":5})",
        R"({"passage":5,"passage":"x"})",
        " \t{ \"article\" : \"a\" , \"passage\" : 3 } \t\r",
        "{\"article\":\"a\"}\r",
        R"({})",
        R"({ })",
        // Malformed or truncated.
        R"({"article":"a",})",
        R"({,"article":"a"})",
        R"({"article":"a")",
        R"({"article":"a)",
        R"({"article":)",
        R"({"article")",
        R"({"article":"a"}})",
        R"({"article":"a"} x)",
        R"({"article" "a"})",
        R"({'article':'a'})",
        R"({article:"a"})",
        R"([{"article":"a"}])",
        R"("article")",
        R"(null)",
        "",
        "\xef\xbb\xbf{\"article\":\"bom\"}",
    };
    for (const char* header : kHeaders) check_header_readers_agree(std::string(header) + "\npassage");
    // Data without the newline that ends the header is refused.
    CHECK(decode_header(R"({"article":"a"})").refused);
    // A NUL byte inside a string is a control character JSON forbids unescaped.
    check_header_readers_agree(std::string("{\"article\":\"a\0b\"}\npassage", 25));
}

namespace {

struct ConfigOutcome {
    bool refused = false;
    std::string json;  // to_json() of what was read: every field, in one comparable string.
};

ConfigOutcome read_config(const std::string& json) {
    ConfigOutcome outcome;
    try {
        outcome.json = pith::IndexConfig::from_json(json).to_json();
    } catch (const pith::IndexError&) {
        outcome.refused = true;
    }
    return outcome;
}

void check_config_readers_agree(const std::string& json) {
    INFO("config: " << json);
    const ConfigOutcome fast = read_config(json);
    if (const std::optional<std::string> general_only = with_first_member(json, R"("a_key_from_the_future":0)")) {
        const ConfigOutcome general = read_config(*general_only);
        REQUIRE(fast.refused == general.refused);
        CHECK(fast.json == general.json);
    } else {
        CHECK(fast.refused);
    }
}

}  // namespace

TEST_CASE("the stored configuration scanner and the general reader agree on generated and mutated configurations",
          "[config][stored_json]") {
    std::mt19937 random(5);
    std::uniform_int_distribution<int> coin(0, 1);
    std::uniform_real_distribution<double> real(0.0, 10.0);
    const std::string base = pith::IndexConfig::defaults().to_json();
    for (int n = 0; n < 300; ++n) {
        pith::IndexConfig config = pith::IndexConfig::defaults();
        config.bm25_k1 = coin(random) ? real(random) : 1e-300 * n;
        config.bm25_b = coin(random) ? 0.0 : real(random) / 10;
        config.title_weight = static_cast<double>(n);
        config.stream_above_mb = coin(random) ? 1e21 : real(random);
        config.stopwords = {random_text(random, true), random_text(random, true)};
        config.synonyms.clear();
        if (coin(random)) config.synonyms.push_back(random_text(random, true));
        config.cleaning.drop_lines = {random_text(random, true)};
        config.fold_diacritics = coin(random) == 1;
        nlohmann::json stored = nlohmann::json::parse(config.to_json());
        if (coin(random)) stored.erase("synonyms");
        if (coin(random)) stored.erase("proximity_window");
        const std::string json = stored.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        check_config_readers_agree(json);
        check_config_readers_agree(mutated(json, random));
        check_config_readers_agree(mutated(mutated(base, random), random));
    }
}

TEST_CASE("the stored configuration scanner and the general reader agree on hand-edited numbers, duplicates and types",
          "[config][stored_json]") {
    const std::string base = pith::IndexConfig::defaults().to_json();
    const auto replaced = [&](const std::string& key, const std::string& value) {
        nlohmann::json stored = nlohmann::json::parse(base);
        const std::string marker = "\"@@@\"";
        stored[key] = "@@@";
        std::string json = stored.dump();
        json.replace(json.find(marker), marker.size(), value);
        return json;
    };
    for (const char* number : {"0", "1", "0.5", "00", "01", "-1", "-0", "1e2", "1.", ".5", "1.5e-3",
                               "123456789012345678", "1234567890123456789", "18446744073709551615",
                               "18446744073709551616", "99999999999999999999999999",
                               "0.1000000000000000055511151231257827",
                               "1e400", "true", "null", "\"3\"", "[1]"}) {
        for (const char* key : {"passage_max_words", "bm25_k1", "bm25_b", "proximity_window", "stream_above_mb",
                                "fold_diacritics", "language", "stopwords"})
            check_config_readers_agree(replaced(key, number));
    }
    check_config_readers_agree(replaced("bm25_k1", "1" + std::string(400, '0')));
    check_config_readers_agree(replaced("bm25_k1", "1." + std::string(400, '7')));
    // A repeated key: the last one counts for both readers.
    std::string duplicated = base;
    duplicated.insert(1, R"("bm25_k1":7.5,"language":"french",)");
    check_config_readers_agree(duplicated);
    std::string duplicated_after = base;
    duplicated_after.insert(duplicated_after.size() - 1, R"(,"bm25_k1":7.5,"cleaning":{"enabled":true})");
    check_config_readers_agree(duplicated_after);
    check_config_readers_agree("  " + base + " \n");
    check_config_readers_agree(base + "x");
    check_config_readers_agree(base.substr(0, base.size() / 2));
    check_config_readers_agree("{}");
    check_config_readers_agree("[]");
}
