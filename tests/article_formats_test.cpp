// Real article input (issue 8): Markdown, HTML, JSON Lines and standard input through the real
// pith-index and pith-search, metadata in the index, and the boilerplate cleaner on the seeds.

#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "pith/article_formats.hpp"
#include "pith/cleaner.hpp"
#include "pith/config.hpp"
#include "pith/error.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::describe;
using pith::test::read_file;
using pith::test::RunResult;
using pith::test::run;
using pith::test::TempDir;
using pith::test::write_file;

const fs::path kSeeds = fs::path(PITH_SEEDS_DIR).lexically_normal();
const fs::path kFormats = (fs::path(PITH_SOURCE_DIR) / "tests" / "samples" / "formats").lexically_normal();

RunResult pith_index(std::vector<std::string> args, const std::optional<std::string>& input = std::nullopt) {
    args.insert(args.begin(), PITH_INDEX_BIN);
    return run(args, input);
}

RunResult pith_search(const fs::path& index, std::vector<std::string> args) {
    args.insert(args.begin(), {PITH_SEARCH_BIN, "--index", index.string(), "-n", "100"});
    return run(args);
}

bool has_term(const fs::path& index, const std::string& term) {
    Xapian::Database db(index.string());
    return db.term_exists(term);
}

// ---- The seeds: what is boilerplate, computed from the files themselves ----

const std::vector<std::string> kBoilerplateQueries = {"Pakistan", "Super Bowl", "stablecoin", "disclaimer"};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string line = text.substr(pos, eol - pos);
        auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) lines.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
        pos = eol + 1;
    }
    return lines;
}

std::size_t word_count(const std::string& line) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : line) {
        bool blank = c == ' ' || c == '\t';
        if (!blank && !in_word) ++words;
        in_word = !blank;
    }
    return words;
}

// The story of a seed: its long lines that end a sentence (not an ellipsis teaser), up to the
// first line that mentions one of the boilerplate-only words (after that come other stories).
std::vector<std::string> body_paragraphs(const fs::path& file) {
    std::vector<std::string> body;
    for (const std::string& line : lines_of(read_file(file))) {
        bool boilerplate = false;
        for (const std::string& word : kBoilerplateQueries)
            if (pith::test::contains_word_ci(line, word.substr(0, word.find(' ')))) boilerplate = true;
        if (boilerplate) break;
        const bool teaser = line.ends_with("...") || line.ends_with("\u2026");
        const char last = line.back();
        const bool sentence = last == '.' || last == '!' || last == '?' || line.ends_with("\u201D") || last == '"';
        if (word_count(line) >= 15 && sentence && !teaser) body.push_back(line);
    }
    return body;
}

// Sentences of a paragraph: split after . ! ? (and a closing quote) before a capital or a quote.
std::vector<std::string> sentences_of(const std::string& paragraph) {
    std::vector<std::string> sentences;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 2 < paragraph.size(); ++i) {
        char c = paragraph[i];
        if (c != '.' && c != '!' && c != '?') continue;
        std::size_t next = i + 1;
        if (paragraph.compare(next, 3, "\u201D") == 0) next += 3;
        if (next >= paragraph.size() || paragraph[next] != ' ') continue;
        unsigned char after = static_cast<unsigned char>(paragraph[next + 1]);
        if (std::isupper(after) || paragraph.compare(next + 1, 3, "\u201C") == 0) {
            sentences.push_back(paragraph.substr(start, next - start));
            start = next + 1;
        }
    }
    sentences.push_back(paragraph.substr(start));
    return sentences;
}

// The longest run (up to 7) of plain ASCII words of a sentence, as a phrase query: a phrase
// that only this sentence's text can match.
std::string phrase_of(const std::string& sentence) {
    std::vector<std::string> best, run_words;
    std::size_t pos = 0;
    auto consider = [&] {
        if (run_words.size() > best.size()) best = run_words;
        run_words.clear();
    };
    while (pos < sentence.size()) {
        std::size_t end = sentence.find(' ', pos);
        if (end == std::string::npos) end = sentence.size();
        std::string word = sentence.substr(pos, end - pos);
        pos = end + 1;
        while (!word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == ':' || word.back() == ';')) {
            word.pop_back();
            if (!word.empty()) {
                bool plain = std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c); });
                if (plain) run_words.push_back(word);
                consider();
                word.clear();
            }
        }
        if (word.empty()) continue;
        bool plain = std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c); });
        if (plain && word != "OR") {
            run_words.push_back(word);
            if (run_words.size() == 7) consider();
        } else {
            consider();
        }
    }
    consider();
    std::string phrase;
    for (const std::string& word : best) phrase += (phrase.empty() ? "" : " ") + word;
    return best.size() >= 3 ? "\"" + phrase + "\"" : "";
}

}  // namespace

TEST_CASE("on the seeds, words that occur only in boilerplate find nothing", "[formats][seeds][clean]") {
    TempDir dir;
    const RunResult indexed = pith_index({"--index", (dir / "index").string(), kSeeds.string()});
    INFO(describe(indexed));
    REQUIRE(indexed.exit_code == 0);
    for (const std::string& query : kBoilerplateQueries) {
        // The word is in the files (so the test means something) …
        bool in_files = false;
        for (const auto& entry : fs::directory_iterator(kSeeds))
            if (pith::test::contains_word_ci(read_file(entry.path()), query.substr(0, query.find(' ')))) in_files = true;
        CHECK(in_files);
        // … but not in any story.
        const RunResult found = pith_search(dir / "index", {query});
        INFO(query << "\n" << describe(found));
        CHECK(found.exit_code == 1);
        CHECK(found.out.empty());
    }
}

TEST_CASE("on the seeds, every sentence of every article body is still found", "[formats][seeds][clean]") {
    TempDir dir;
    const RunResult indexed = pith_index({"--index", (dir / "index").string(), kSeeds.string()});
    REQUIRE(indexed.exit_code == 0);
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(kSeeds)) {
        const std::vector<std::string> body = body_paragraphs(entry.path());
        CHECK(body.size() >= 4);  // each seed is a real story
        for (const std::string& paragraph : body) {
            for (const std::string& sentence : sentences_of(paragraph)) {
                const std::string phrase = phrase_of(sentence);
                if (phrase.empty()) continue;
                const RunResult found = pith_search(dir / "index", {"--json", "--per-article", "0", phrase});
                INFO(entry.path().filename() << ": " << sentence << "\nquery " << phrase << "\n" << describe(found));
                CHECK(found.exit_code == 0);
                CHECK_THAT(found.out, Catch::Contains(entry.path().filename().string()));
                ++checked;
            }
        }
    }
    CHECK(checked >= 60);
}

TEST_CASE("pith-index --no-clean indexes the boilerplate too", "[formats][seeds][clean]") {
    TempDir dir;
    REQUIRE(pith_index({"--index", (dir / "index").string(), "--no-clean", kSeeds.string()}).exit_code == 0);
    for (const std::string& query : kBoilerplateQueries) {
        INFO(query);
        CHECK(pith_search(dir / "index", {query}).exit_code == 0);
    }
}

TEST_CASE("pith-index --explain-clean names every dropped line and the rule that dropped it", "[formats][seeds][clean]") {
    const fs::path seed = kSeeds / "001_755a10419ae69481.txt";
    const RunResult explained = pith_index({"--explain-clean", seed.string()});
    INFO(describe(explained));
    REQUIRE(explained.exit_code == 0);
    CHECK_THAT(explained.out, Catch::Contains("dropped"));
    CHECK_THAT(explained.out, Catch::Matches("(.|\n)*drop +18  Legal Disclaimer: +<- end_markers pattern(.|\n)*"));
    CHECK_THAT(explained.out, Catch::Contains("<- repeats line 3"));
    CHECK_THAT(explained.out, Catch::Contains("<- after the end marker on line 18"));
    CHECK_THAT(explained.out, Catch::Matches("(.|\n)*keep +2  \\(MENAFN\\) Chinese Premier(.|\n)*"));
    const RunResult headlines = pith_index({"--explain-clean", (kSeeds / "003_5efb9267d073e6b2.txt").string()});
    CHECK_THAT(headlines.out, Catch::Contains("short lines without sentence punctuation in a row"));
}

TEST_CASE("a cleaning pattern that is not a regular expression is refused with its line", "[formats][clean]") {
    TempDir dir;
    write_file(dir / "config.toml", "[cleaning]\ndrop_lines = [\n  \"(unclosed\",\n]\n");
    const RunResult result = pith_index({"--index", (dir / "index").string(), "--config", (dir / "config.toml").string(),
                                         kFormats.string()});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("config.toml:3"));
    CHECK_THAT(result.err, Catch::Contains("not a valid regular expression"));
}

TEST_CASE("Markdown: structure removed, words kept, first heading is the title, front matter read", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (kFormats / "harbour-ferry.md").string()}).exit_code == 0);
    const RunResult hybrid = pith_search(index, {"--json", "hybrid drive"});
    INFO(describe(hybrid));
    REQUIRE(hybrid.exit_code == 0);
    CHECK_THAT(hybrid.out, Catch::Contains("\"title\":\"Harbour ferry returns after winter refit\""));
    CHECK_THAT(hybrid.out, !Catch::Contains("**"));
    // The link's target is not text; its words are.
    CHECK(pith_search(index, {"transit.example"}).exit_code == 1);
    CHECK(pith_search(index, {"\"the transit office\""}).exit_code == 0);
    CHECK(pith_search(index, {"timetable"}).exit_code == 0);  // code is text
    CHECK(has_term(index, "D20250314"));
    CHECK(has_term(index, "Klakeshore ledger"));
}

TEST_CASE("HTML: the article is indexed, navigation, asides, footer, scripts and styles are not", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (kFormats / "glacier-survey.html").string()}).exit_code == 0);
    for (const char* word : {"navigationonlyword", "asideonlyword", "footeronlyword", "scriptonlyword", "stylesheetonlyword",
                             "masthead", "independent"}) {
        INFO(word);
        CHECK(pith_search(index, {word}).exit_code == 1);
    }
    const RunResult story = pith_search(index, {"--json", "calving front"});
    INFO(describe(story));
    REQUIRE(story.exit_code == 0);
    CHECK_THAT(story.out, Catch::Contains("\"title\":\"Glacier survey finds faster retreat\""));
    // Entities decoded: &eacute; and &oslash; are the letters, found with and without accents.
    CHECK_THAT(story.out, Catch::Contains("Montréal and Tromsø"));
    CHECK(pith_search(index, {"Tromso"}).exit_code == 0);
    CHECK(pith_search(index, {"eacute"}).exit_code == 1);
    CHECK(has_term(index, "D20250902"));
    CHECK(has_term(index, "Knorthern dispatch"));
}

TEST_CASE("HTML is recognised by its content and --format overrides the extension", "[formats]") {
    TempDir dir;
    write_file(dir / "in" / "page.txt", read_file(kFormats / "glacier-survey.html"));
    const fs::path detected = dir / "detected";
    // A .txt file is text by its extension: the markup is indexed as words (uncleaned here, as
    // the cleaner would take the many short markup lines for a headline list).
    REQUIRE(pith_index({"--index", detected.string(), "--no-clean", (dir / "in" / "page.txt").string()}).exit_code == 0);
    CHECK(pith_search(detected, {"scriptonlyword"}).exit_code == 0);
    const fs::path forced = dir / "forced";
    REQUIRE(pith_index({"--index", forced.string(), "--format", "html", (dir / "in" / "page.txt").string()}).exit_code == 0);
    CHECK(pith_search(forced, {"scriptonlyword"}).exit_code == 1);
    CHECK(pith_search(forced, {"calving"}).exit_code == 0);
    // Without an extension that names a format, the content decides.
    write_file(dir / "in" / "page", read_file(kFormats / "glacier-survey.html"));
    CHECK(pith::detect_format(read_file(dir / "in" / "page")) == pith::InputFormat::html);
    const RunResult bad = pith_index({"--index", forced.string(), "--format", "pdf", (dir / "in").string()});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("unknown format 'pdf'"));
}

TEST_CASE("JSON Lines: one article per line, shown as file:LINE; a broken line is reported by number", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    const RunResult indexed = pith_index({"--index", index.string(), (kFormats / "coastal-wire.jsonl").string()});
    INFO(describe(indexed));
    CHECK(indexed.exit_code == 1);  // one line skipped
    CHECK_THAT(indexed.err, Catch::Contains("coastal-wire.jsonl:4: not valid JSON"));
    CHECK_THAT(indexed.out, Catch::Contains("4 added"));
    const RunResult cranes = pith_search(index, {"--json", "cranes"});
    REQUIRE(cranes.exit_code == 0);
    CHECK_THAT(cranes.out, Catch::Contains("coastal-wire.jsonl:1\""));
    CHECK_THAT(cranes.out, Catch::Contains("\"title\":\"Port strike ends after pay deal\""));
    CHECK_THAT(pith_search(index, {"--json", "lighthouse"}).out, Catch::Contains("coastal-wire.jsonl:5\""));
    // The `text` key serves as the body too, and a dateline-style date is normalised.
    CHECK(pith_search(index, {"blossoms"}).exit_code == 0);
    CHECK(has_term(index, "D20250520"));
    CHECK(has_term(index, "D20250521"));
    CHECK(has_term(index, "Kcoastal wire"));
    // lang: "fr" analyses the record in French: the plural finds the singular's stem.
    CHECK_THAT(pith_search(index, {"--json", "grue"}).out, Catch::Contains("coastal-wire.jsonl:3\""));
}

TEST_CASE("JSON Lines re-runs index only changed records, and --prune removes vanished ones", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    const fs::path file = dir / "in" / "wire.jsonl";
    const std::string one = R"({"id": "a", "title": "Walrus census", "body": "The walrus census counted more calves."})";
    const std::string two = R"({"id": "b", "title": "Puffin census", "body": "The puffin census counted fewer chicks."})";
    write_file(file, one + "\n" + two + "\n");
    REQUIRE(pith_index({"--index", index.string(), file.string()}).exit_code == 0);
    const RunResult again = pith_index({"--index", index.string(), file.string()});
    CHECK_THAT(again.out, Catch::Contains("0 added, 0 updated, 2 unchanged"));
    // Record "b" moves to the first line and changes; record "a" moves but is the same.
    const std::string two_changed = R"({"id": "b", "title": "Puffin census", "body": "The puffin census counted more gannets."})";
    write_file(file, two_changed + "\n" + one + "\n");
    const RunResult changed = pith_index({"--index", index.string(), file.string()});
    INFO(describe(changed));
    CHECK_THAT(changed.out, Catch::Contains("0 added, 1 updated, 1 unchanged"));
    CHECK(pith_search(index, {"gannets"}).exit_code == 0);
    CHECK(pith_search(index, {"chicks"}).exit_code == 1);
    write_file(file, one + "\n");
    const RunResult pruned = pith_index({"--index", index.string(), "--prune", file.string()});
    INFO(describe(pruned));
    CHECK_THAT(pruned.out, Catch::Contains("1 removed"));
    CHECK(pith_search(index, {"puffin"}).exit_code == 1);
    CHECK(pith_search(index, {"walrus"}).exit_code == 0);
}

TEST_CASE("pith-index reads an article from standard input given -", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    const RunResult indexed =
        pith_index({"--index", index.string(), "-"}, std::string("Snow day\n\nSchools closed as forty centimetres of snow fell overnight.\n"));
    INFO(describe(indexed));
    REQUIRE(indexed.exit_code == 0);
    CHECK_THAT(indexed.out, Catch::Contains("1 added"));
    CHECK(pith_search(index, {"centimetres"}).exit_code == 0);
    // JSON Lines on standard input, recognised by content.
    const RunResult lines = pith_index({"--index", index.string(), "-"},
                                       std::string(R"({"title": "Ferry delayed", "body": "Fog delayed the morning ferry."})") + "\n");
    INFO(describe(lines));
    REQUIRE(lines.exit_code == 0);
    CHECK(pith_search(index, {"fog"}).exit_code == 0);
}

TEST_CASE("dates are normalised to YYYY-MM-DD from ISO 8601 and written forms", "[formats]") {
    CHECK(pith::normalize_date("2025-06-30") == "2025-06-30");
    CHECK(pith::normalize_date("2025-06-30T08:00:00+02:00") == "2025-06-30");
    CHECK(pith::normalize_date("Updated 29 Jun, 2025") == "2025-06-29");
    CHECK(pith::normalize_date("June 5, 2025") == "2025-06-05");
    CHECK(pith::normalize_date("Sept. 3, 2024") == "2024-09-03");
    CHECK(pith::normalize_date("2025-02-30").empty());
    CHECK(pith::normalize_date("Marchland 5, 2025").empty());
    CHECK(pith::normalize_date("0:00").empty());
}

TEST_CASE("the cleaner keeps hard-wrapped prose but drops a list of headlines", "[formats][clean]") {
    const pith::Cleaner cleaner(pith::IndexConfig::defaults().cleaning);
    const std::string wrapped =
        "The council met on Tuesday to discuss the harbour\nplan and the budget for the new seawall that\n"
        "residents asked for after the storms of last\nwinter damaged the promenade and several\nshops along the front\n";
    CHECK(cleaner.clean(wrapped).dropped == 0);
    const std::string headlines =
        "Council Approves Seawall Budget\nStorm Damage Tops Ten Million\nFerry Timetable Changes Next Week\n"
        "Library Reopens After Flood\nSchool Board Names New Chair\n";
    const pith::CleanedText cleaned = cleaner.clean(headlines);
    CHECK(cleaned.dropped == 5);
    CHECK(cleaned.text.size() == headlines.size());  // blanked, so offsets stay offsets into the file
}

namespace {

const std::string kBridgeStory[] = {
    "Crews reopened the Riverside swing bridge to traffic on Monday morning after eleven weeks of repairs to its "
    "rusted turning gear, the public works department said in a statement.",
    "Engineers found in the spring that two of the four bearings that let the span pivot for passing barges had "
    "cracked, forcing the city to close the crossing to cars, cyclists and pedestrians alike.",
    "Shop owners on both banks said the closure cut their takings by as much as a third, and several asked the "
    "council for relief on their business rates while the detour was in place.",
    "The department said the new bearings should last forty years and that the bridge would swing for river traffic "
    "on its usual summer timetable from next week.",
};

std::string bridge_as_text() {
    std::string text = "Riverside swing bridge reopens after repairs\n\n";
    for (const std::string& paragraph : kBridgeStory) text += paragraph + "\n\n";
    text += "Most popular stories\nMayor Opens Winter Market\nTram Line Extension Approved\n";
    return text;
}

std::string bridge_as_html() {
    std::string html =
        "<!DOCTYPE html><html><head><title>Bridge reopens | City Courier</title>"
        "<meta property=\"og:site_name\" content=\"City Courier\"></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>"
        "<h1>Riverside swing bridge reopens after repairs</h1>";
    for (const std::string& paragraph : kBridgeStory) html += "<p>" + paragraph + "</p>";
    return html + "</article><footer>City Courier newsroom</footer></body></html>";
}

}  // namespace

TEST_CASE("the same story saved twice with different wrappers is shown once, unless --show-duplicates", "[formats][duplicates]") {
    TempDir dir;
    write_file(dir / "in" / "a-bridge.txt", bridge_as_text());
    write_file(dir / "in" / "b-bridge.html", bridge_as_html());
    // Another story on the same bridge: shares words, is no duplicate.
    write_file(dir / "in" / "c-bridge-budget.txt",
               "Council debates bridge budget\n\nThe council spent three hours on Thursday arguing over who should pay "
               "for the Riverside swing bridge repairs, with several members asking the province to cover the "
               "bearings and the detour signs, and the mayor promising a vote on the final bill in the autumn.\n");
    const fs::path index = dir / "index";
    const RunResult indexed = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(indexed));
    REQUIRE(indexed.exit_code == 0);

    const RunResult hidden = pith_search(index, {"--json", "bearings"});
    INFO(describe(hidden));
    CHECK_THAT(hidden.out, Catch::Contains("a-bridge.txt"));
    CHECK_THAT(hidden.out, !Catch::Contains("b-bridge.html"));
    CHECK_THAT(hidden.out, Catch::Contains("c-bridge-budget.txt"));
    const RunResult shown = pith_search(index, {"--json", "--show-duplicates", "bearings"});
    CHECK_THAT(shown.out, Catch::Contains("b-bridge.html"));

    // Re-running keeps the mark; the next, unrelated article is not marked.
    CHECK(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    CHECK_THAT(pith_search(index, {"--json", "bearings"}).out, !Catch::Contains("b-bridge.html"));
    Xapian::Database db(index.string());
    const std::string html_path_term =
        std::string("P").append(fs::absolute(dir / "in" / "b-bridge.html").lexically_normal().string());
    CHECK(db.get_termfreq(html_path_term) > 0);
    CHECK(db.get_termfreq("XDUP") == db.get_termfreq(html_path_term));  // the passages of b-bridge.html only
}

TEST_CASE("the seed articles are not near-duplicates of one another", "[formats][duplicates][seeds]") {
    TempDir dir;
    REQUIRE(pith_index({"--index", (dir / "index").string(), kSeeds.string()}).exit_code == 0);
    CHECK_FALSE(has_term(dir / "index", "XDUP"));
}

TEST_CASE("metadata is shown in pith-search results and JSON", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (kFormats / "glacier-survey.html").string()}).exit_code == 0);
    const RunResult json = pith_search(index, {"--json", "calving"});
    INFO(describe(json));
    CHECK_THAT(json.out, Catch::Contains("\"date\":\"2025-09-02\""));
    CHECK_THAT(json.out, Catch::Contains("\"source\":\"Northern Dispatch\""));
    CHECK_THAT(json.out, Catch::Contains("\"url\":\"https://dispatch.example/2025/09/glacier-survey\""));
    const RunResult text = pith_search(index, {"--color", "never", "calving"});
    CHECK_THAT(text.out, Catch::Contains("2025-09-02 \u00B7 Northern Dispatch"));
}

TEST_CASE("dates and sources read from every format serve date:, source: and --sort date", "[formats]") {
    TempDir dir;
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), "-q", kFormats.string()}).exit_code == 1);  // the broken JSON line
    const RunResult range = pith_search(index, {"--files", "date:2025-05-01..2025-12-31"});
    INFO(describe(range));
    CHECK(range.out == (kFormats / "coastal-wire.jsonl").string() + ":1\n" + (kFormats / "coastal-wire.jsonl").string() +
                           ":2\n" + (kFormats / "glacier-survey.html").string() + "\n");
    const RunResult source = pith_search(index, {"--files", "source:\"lakeshore ledger\""});
    CHECK(source.out == (kFormats / "harbour-ferry.md").string() + "\n");
    // Newest first: the HTML page (September), the two wire records (May 21, May 20), the
    // Markdown note (March), then the undated record.
    const RunResult sorted = pith_search(index, {"--files", "--sort", "date", "the"});
    INFO(describe(sorted));
    const std::string wire = (kFormats / "coastal-wire.jsonl").string();
    CHECK(sorted.out == (kFormats / "glacier-survey.html").string() + "\n" + wire + ":2\n" + wire + ":1\n" +
                            (kFormats / "harbour-ferry.md").string() + "\n" + wire + ":5\n");
}

TEST_CASE("a JSON Lines record with an impossible date is indexed without one, with a warning", "[formats]") {
    TempDir dir;
    write_file(dir / "in" / "wire.jsonl", R"({"title": "Tide tables", "body": "The harbour office printed new tide tables.", "date": "2025-02-30"})"
                                          "\n");
    const RunResult indexed = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(indexed));
    CHECK(indexed.exit_code == 0);  // nothing was skipped
    CHECK_THAT(indexed.err, Catch::Contains("wire.jsonl:1: date \"2025-02-30\" is not a date"));
    CHECK(pith_search(dir / "index", {"tide"}).exit_code == 0);
}
