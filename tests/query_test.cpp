#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/error.hpp"
#include "pith/query.hpp"
#include "xapian_query.hpp"

namespace {

using pith::Analyzer;
using pith::IndexConfig;
using pith::ParsedQuery;
using pith::QueryClause;
using pith::QueryError;
using Terms = std::vector<std::string>;

ParsedQuery parse(std::string_view query) {
    Analyzer analyzer(IndexConfig::defaults());
    return pith::parse_query(query, analyzer);
}

Terms word_terms(const QueryClause& clause) {
    Terms out;
    for (const pith::Token& word : clause.words) out.push_back(word.term);
    return out;
}

struct Failure {
    bool thrown = false;
    std::size_t column = 0;
    std::string message;
};

Failure parse_failure(std::string_view query) {
    try {
        parse(query);
    } catch (const QueryError& e) {
        return {true, e.column(), e.what()};
    }
    return {};
}

std::string description(std::string_view query) {
    return pith::build_xapian_query(parse(query), IndexConfig::defaults()).get_description();
}

}  // namespace

TEST_CASE("words are separate required groups", "[query]") {
    const ParsedQuery query = parse("canola tariffs");
    REQUIRE(query.groups.size() == 2);
    CHECK(query.groups[0].clauses.size() == 1);
    CHECK(query.groups[0].clauses[0].text == "canola");
    CHECK(query.groups[0].clauses[0].column == 1);
    CHECK(query.groups[1].clauses[0].text == "tariffs");
    CHECK(query.groups[1].clauses[0].column == 8);
    CHECK_FALSE(query.groups[0].optional);
    CHECK_FALSE(query.groups[1].optional);
    CHECK(query.excluded.empty());
}

TEST_CASE("a single word clause matches by stem", "[query]") {
    const QueryClause clause = parse("tariffs").groups.at(0).clauses.at(0);
    REQUIRE(clause.words.size() == 1);
    CHECK(clause.words[0].stem == "tariff");
    CHECK(clause.matches_by_stem());
    CHECK_FALSE(clause.is_phrase());
}

TEST_CASE("OR puts its neighbours in one group", "[query]") {
    const ParsedQuery query = parse("canola OR rapeseed exports");
    REQUIRE(query.groups.size() == 2);
    REQUIRE(query.groups[0].clauses.size() == 2);
    CHECK(query.groups[0].clauses[0].text == "canola");
    CHECK(query.groups[0].clauses[1].text == "rapeseed");
    CHECK(query.groups[1].clauses.at(0).text == "exports");
}

TEST_CASE("OR chains several alternatives into one group", "[query]") {
    const ParsedQuery query = parse("canola OR rapeseed OR mustard");
    REQUIRE(query.groups.size() == 1);
    CHECK(query.groups[0].clauses.size() == 3);
}

TEST_CASE("lower-case or is an ordinary word", "[query]") {
    const ParsedQuery query = parse("canola or rapeseed");
    REQUIRE(query.groups.size() == 3);
    CHECK(query.groups[1].clauses.at(0).text == "or");
    CHECK(query.groups[1].optional);
}

TEST_CASE("a leading dash excludes the clause", "[query]") {
    const ParsedQuery query = parse("canola -tariff");
    REQUIRE(query.groups.size() == 1);
    REQUIRE(query.excluded.size() == 1);
    CHECK(query.excluded[0].excluded);
    CHECK(query.excluded[0].text == "tariff");
    CHECK(query.excluded[0].column == 8);
}

TEST_CASE("an excluded phrase keeps its words", "[query]") {
    const ParsedQuery query = parse("huawei -\"meng wanzhou\"");
    REQUIRE(query.excluded.size() == 1);
    CHECK(query.excluded[0].quoted);
    CHECK(word_terms(query.excluded[0]) == Terms{"meng", "wanzhou"});
}

TEST_CASE("a quoted phrase is one clause of exact words", "[query]") {
    const ParsedQuery query = parse("\"Meng Wanzhou\" extradition");
    REQUIRE(query.groups.size() == 2);
    const QueryClause& phrase = query.groups[0].clauses.at(0);
    CHECK(phrase.quoted);
    CHECK(phrase.text == "Meng Wanzhou");
    CHECK(phrase.is_phrase());
    CHECK_FALSE(phrase.matches_by_stem());
    CHECK(word_terms(phrase) == Terms{"meng", "wanzhou"});
}

TEST_CASE("curly quotes form a phrase like straight ones", "[query]") {
    const ParsedQuery query = parse("\u201CMeng Wanzhou\u201D");
    REQUIRE(query.groups.size() == 1);
    const QueryClause& phrase = query.groups[0].clauses.at(0);
    CHECK(phrase.quoted);
    CHECK(word_terms(phrase) == Terms{"meng", "wanzhou"});
}

TEST_CASE("a quoted single word matches by exact term", "[query]") {
    const QueryClause clause = parse("\"tariffs\"").groups.at(0).clauses.at(0);
    CHECK(clause.quoted);
    CHECK_FALSE(clause.matches_by_stem());
    CHECK_FALSE(clause.is_phrase());
}

TEST_CASE("a hyphenated word becomes a phrase of its parts", "[query]") {
    const QueryClause clause = parse("anti-dumping").groups.at(0).clauses.at(0);
    CHECK_FALSE(clause.quoted);
    CHECK(clause.is_phrase());
    CHECK(word_terms(clause) == Terms{"anti", "dumping"});
}

TEST_CASE("an en-dashed word becomes a phrase of its parts", "[query]") {
    const QueryClause clause = parse("Canada\u2013China").groups.at(0).clauses.at(0);
    CHECK(clause.is_phrase());
    CHECK(word_terms(clause) == Terms{"canada", "china"});
}

TEST_CASE("stopword groups are optional next to other words", "[query]") {
    const ParsedQuery query = parse("the canola of prairies");
    REQUIRE(query.groups.size() == 4);
    CHECK(query.groups[0].optional);
    CHECK_FALSE(query.groups[1].optional);
    CHECK(query.groups[2].optional);
    CHECK_FALSE(query.groups[3].optional);
}

TEST_CASE("a query of stopwords only keeps them all required", "[query]") {
    const ParsedQuery query = parse("to be or not to be");
    REQUIRE(query.groups.size() == 6);
    for (const pith::QueryGroup& group : query.groups) CHECK_FALSE(group.optional);
}

TEST_CASE("a quoted stopword is never optional", "[query]") {
    const ParsedQuery query = parse("\"the\" canola");
    REQUIRE(query.groups.size() == 2);
    CHECK_FALSE(query.groups[0].optional);
}

TEST_CASE("an unclosed quote fails at the quote's column", "[query]") {
    const Failure failure = parse_failure("canola \"meng");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 8);
    CHECK_THAT(failure.message, Catch::Contains("unclosed"));
    CHECK_THAT(failure.message, Catch::Contains("column 8"));
}

TEST_CASE("columns count characters and not bytes", "[query]") {
    const Failure failure = parse_failure("\u00E9t\u00E9 \"meng");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 5);
}

TEST_CASE("OR at the start of a query fails at its column", "[query]") {
    const Failure failure = parse_failure("OR canola");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 1);
    CHECK_THAT(failure.message, Catch::Contains("OR"));
}

TEST_CASE("OR at the end of a query fails at its column", "[query]") {
    const Failure failure = parse_failure("canola OR");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 8);
}

TEST_CASE("OR after OR fails at the second one", "[query]") {
    const Failure failure = parse_failure("canola OR OR rapeseed");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 11);
}

TEST_CASE("a query that only excludes fails at the first exclusion", "[query]") {
    const Failure failure = parse_failure("  -canola -tariff");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 3);
    CHECK_THAT(failure.message, Catch::Contains("exclude"));
}

TEST_CASE("an empty query fails", "[query]") {
    CHECK(parse_failure("").thrown);
    CHECK(parse_failure("   ").thrown);
}

TEST_CASE("a punctuation-only query fails", "[query]") {
    CHECK(parse_failure("\u2014 * ... $").thrown);
    CHECK(parse_failure("\"\"").thrown);
}

TEST_CASE("a plain word becomes its Z-prefixed stem term", "[query][xapian]") {
    CHECK_THAT(description("canola"), Catch::Contains("Zcanola"));
    CHECK_THAT(description("tariffs"), Catch::Contains("Ztariff"));
}

TEST_CASE("a quoted phrase becomes a PHRASE of exact terms", "[query][xapian]") {
    const std::string text = description("\"meng wanzhou\"");
    CHECK_THAT(text, Catch::Contains("meng PHRASE 2 wanzhou"));
    CHECK_THAT(text, !Catch::Contains("Zmeng"));
}

TEST_CASE("an excluded clause becomes AND_NOT", "[query][xapian]") {
    const std::string text = description("canola -tariff");
    CHECK_THAT(text, Catch::Contains("AND_NOT"));
    const auto and_not = text.find("AND_NOT");
    CHECK(text.find("Ztariff", and_not) != std::string::npos);
}

TEST_CASE("OR alternatives become an OR query", "[query][xapian]") {
    const std::string text = description("canola OR rapeseed");
    // Each word is its stem OR'ed with its exact form (a small boost), the two words OR'ed.
    CHECK_THAT(text, Catch::Contains("(Zcanola OR 0.") && Catch::Contains(") OR (Zrapese OR 0."));
}

TEST_CASE("an optional stopword joins with AND_MAYBE", "[query][xapian]") {
    const std::string text = description("the canola");
    CHECK_THAT(text, Catch::Contains("AND_MAYBE"));
    CHECK_THAT(text, Catch::Contains("Zthe"));
}

TEST_CASE("parentheses become a sub-query clause", "[query]") {
    const ParsedQuery query = parse("(canola OR rapeseed) AND china");
    REQUIRE(query.groups.size() == 2);
    const QueryClause& sub = query.groups[0].clauses.at(0);
    REQUIRE(sub.is_subquery());
    REQUIRE(sub.subquery[0].groups.size() == 1);
    CHECK(sub.subquery[0].groups[0].clauses.size() == 2);
    CHECK(query.groups[1].clauses.at(0).text == "china");
}

TEST_CASE("NOT excludes the item after it", "[query]") {
    const ParsedQuery query = parse("canola NOT (tariff OR duty)");
    REQUIRE(query.groups.size() == 1);
    REQUIRE(query.excluded.size() == 1);
    CHECK(query.excluded[0].is_subquery());
    CHECK(query.excluded[0].column == 8);
}

TEST_CASE("any_word makes groups optional except those marked with plus", "[query]") {
    Analyzer analyzer(IndexConfig::defaults());
    const ParsedQuery query = pith::parse_query("+canola rapeseed", analyzer, {true});
    REQUIRE(query.groups.size() == 2);
    CHECK(query.groups[0].clauses.at(0).required);
    CHECK_FALSE(query.groups[0].optional);
    CHECK(query.groups[1].optional);
}

TEST_CASE("a phrase with a distance becomes NEAR with a window of words plus distance", "[query][xapian]") {
    CHECK_THAT(description("\"canola china\"~5"), Catch::Contains("canola NEAR 7 china"));
}

TEST_CASE("a prefix becomes a wildcard over exact terms", "[query][xapian]") {
    const ParsedQuery query = parse("Tarif*");
    CHECK(query.groups.at(0).clauses.at(0).prefix);
    CHECK_THAT(description("Tarif*"), Catch::Contains("WILDCARD") && Catch::Contains("tarif"));
}

TEST_CASE("date bounds fill in the missing month and day for each end", "[query]") {
    const QueryClause clause = parse("date:2025-03..2025").groups.at(0).clauses.at(0);
    CHECK(clause.field == pith::QueryField::date);
    CHECK(clause.date_from == "20250301");
    CHECK(clause.date_to == "20251231");
    const Failure reversed = parse_failure("date:2025-06-01..2025-01-01");
    REQUIRE(reversed.thrown);
    CHECK_THAT(reversed.message, Catch::Contains("ends before it starts"));
}

TEST_CASE("a stray closing parenthesis fails at its column", "[query]") {
    const Failure failure = parse_failure("canola ) china");
    REQUIRE(failure.thrown);
    CHECK(failure.column == 8);
}
