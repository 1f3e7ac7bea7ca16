#include <nlohmann/json.hpp>

#include "printers.hpp"

namespace pith::cli {

void print_json(std::ostream& out, const SearchResults& results) {
    if (!results.did_you_mean.empty())
        out << nlohmann::json{{"did_you_mean", results.did_you_mean}}.dump(-1, ' ', false,
                                                                         nlohmann::json::error_handler_t::replace)
            << '\n';
    for (const Hit& hit : results.hits) {
        nlohmann::json highlights = nlohmann::json::array();
        for (const ByteRange& range : hit.highlights) highlights.push_back({range.begin, range.end});
        nlohmann::json line = {
            {"rank", hit.rank},
            {"score", hit.score},
            {"article", hit.article_id},
            {"path", hit.path},
            {"title", hit.title},
            {"passage", hit.passage},
            {"passage_index", hit.passage_index},
            {"passage_begin", hit.passage_begin},
            {"passage_end", hit.passage_end},
            {"highlights", highlights},
        };
        if (!hit.date.empty()) line["date"] = hit.date;
        // Article metadata, present only when known (issue 8).
        if (!hit.source.empty()) line["source"] = hit.source;
        if (!hit.url.empty()) line["url"] = hit.url;
        if (!hit.duplicate_of.empty()) line["duplicate_of"] = hit.duplicate_of;
        if (!hit.context_before.empty() || !hit.context_after.empty()) {
            line["context_before"] = hit.context_before;
            line["context_after"] = hit.context_after;
        }
        if (!hit.explanation.empty()) {
            nlohmann::json parts = nlohmann::json::array();
            for (const ScorePart& part : hit.explanation) parts.push_back({{"part", part.label}, {"weight", part.weight}});
            line["explain"] = parts;
        }
        out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
}

}  // namespace pith::cli
