// The compact table of an index's records answers as the std::map and the hash-to-ids map it
// replaced: lookups by id, the ids of a content hash in the order the index listed them, and
// the first of two records with the same id.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "known_articles.hpp"

namespace {

pith::ArticleRecord record(const std::string& id, const std::string& path, const std::string& hash,
                           std::int64_t mtime = 7) {
    pith::ArticleRecord r;
    r.id = id;
    r.path = path;
    r.content_hash = hash;
    r.file_size = path.size();
    r.mtime_ns = mtime;
    return r;
}

}  // namespace

TEST_CASE("the table of known articles finds records by id and ids by content hash", "[incremental]") {
    pith::detail::KnownArticles known;
    // Added out of id order (a sharded index lists shard by shard).
    known.add(record("c3", "/news/c.txt", "h2"));
    known.add(record("a1", "/news/a.txt", "h1"));
    known.add(record("b2", "/news/b.txt", "h2", 9));
    known.add(record("a1", "/elsewhere/a.txt", "h9"));  // the same id again: the first one counts
    known.add(record("d4", "", ""));                     // an unreadable record: empty fields
    known.seal();

    REQUIRE(known.size() == 4);
    CHECK_FALSE(known.empty());
    const auto b = known.find("b2");
    REQUIRE(b);
    CHECK(b->path == "/news/b.txt");
    CHECK(b->content_hash == "h2");
    CHECK(b->mtime_ns == 9);
    CHECK(b->file_size == 11);
    CHECK(known.find("a1")->path == "/news/a.txt");
    CHECK(known.find("d4")->path.empty());
    CHECK_FALSE(known.find("a"));
    CHECK_FALSE(known.find("zz"));

    CHECK(known.ids_with_hash("h2") == std::vector<std::string>{"c3", "b2"});
    CHECK(known.ids_with_hash("h1") == std::vector<std::string>{"a1"});
    CHECK(known.ids_with_hash("h9").empty());
    CHECK(known.ids_with_hash("h").empty());

    std::vector<std::string> ids;
    for (std::size_t i = 0; i < known.size(); ++i) ids.emplace_back(known.record(i).id);
    CHECK(ids == std::vector<std::string>{"a1", "b2", "c3", "d4"});

    known.mark_seen("b2");
    known.mark_removed("c3");
    known.mark_seen("unknown");  // not an article of the index: nothing to remember
    CHECK(known.seen("b2"));
    CHECK_FALSE(known.removed("b2"));
    CHECK(known.removed("c3"));
    CHECK_FALSE(known.seen("unknown"));
    CHECK_FALSE(known.seen_or_removed(0));
    CHECK(known.seen_or_removed(1));
    CHECK(known.seen_or_removed(2));
}

TEST_CASE("an empty index gives an empty table of known articles", "[incremental]") {
    pith::detail::KnownArticles known;
    known.seal();
    CHECK(known.empty());
    CHECK_FALSE(known.find("a1"));
    CHECK(known.ids_with_hash("h1").empty());
}
