#include "index_snapshot.hpp"

#include <xapian.h>

#include <nlohmann/json.hpp>

namespace pith::test {

IndexSnapshot take_snapshot(const std::filesystem::path& index) {
    Xapian::Database db(index.string());
    IndexSnapshot snap;
    snap.documents = db.get_doccount();
    snap.total_length = db.get_total_length();
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        std::string id;
        std::string serialized = doc.get_data() + "\n";
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
            if ((*term)[0] == 'Q') id = *term;
            serialized += *term + " wdf=" + std::to_string(term.get_wdf()) + " pos=";
            for (auto pos = db.positionlist_begin(*it, *term); pos != db.positionlist_end(*it, *term); ++pos)
                serialized += std::to_string(*pos) + ",";
            serialized += "\n";
        }
        for (auto value = doc.values_begin(); value != doc.values_end(); ++value)
            serialized += "value " + std::to_string(value.get_valueno()) + "=" + *value + "\n";
        serialized += "length=" + std::to_string(db.get_doclength(*it));
        snap.passage_order.push_back(id);
        snap.passages[id] = serialized;
    }
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it)
        snap.term_statistics[*it] = std::to_string(it.get_termfreq()) + "/" + std::to_string(db.get_collection_freq(*it));
    const std::string prefix = "pith.article.";
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        auto record = nlohmann::json::parse(db.get_metadata(*it));
        record.erase("mtime");
        snap.articles[*it] = record.dump();
    }
    return snap;
}

namespace {

std::string map_difference(const std::string& what, const std::map<std::string, std::string>& a,
                           const std::map<std::string, std::string>& b) {
    for (const auto& [key, value] : a) {
        auto other = b.find(key);
        if (other == b.end()) return what + " " + key + " only in the first index";
        if (other->second != value) return what + " " + key + " differs:\n" + value + "\n---\n" + other->second;
    }
    for (const auto& [key, value] : b)
        if (!a.count(key)) return what + " " + key + " only in the second index";
    return "";
}

}  // namespace

std::string first_difference(const IndexSnapshot& a, const IndexSnapshot& b, bool same_order) {
    if (a.documents != b.documents)
        return "document counts differ: " + std::to_string(a.documents) + " vs " + std::to_string(b.documents);
    for (const auto& diff : {map_difference("article", a.articles, b.articles),
                             map_difference("passage", a.passages, b.passages),
                             map_difference("term", a.term_statistics, b.term_statistics)})
        if (!diff.empty()) return diff;
    if (a.total_length != b.total_length) return "total lengths differ";
    if (same_order && a.passage_order != b.passage_order) return "passages are in another document order";
    return "";
}

}  // namespace pith::test
