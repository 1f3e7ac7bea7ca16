#include "known_articles.hpp"

#include <algorithm>
#include <stdexcept>

namespace pith::detail {

void KnownArticles::add(const ArticleRecord& record) {
    if (entries_.size() >= UINT32_MAX) throw std::length_error("too many articles in one index");
    entries_.push_back({text_.size(), static_cast<std::uint32_t>(record.id.size()),
                        static_cast<std::uint32_t>(record.path.size()),
                        static_cast<std::uint32_t>(record.content_hash.size()),
                        static_cast<std::uint32_t>(entries_.size()), record.file_size, record.mtime_ns});
    text_ += record.id;
    text_ += record.path;
    text_ += record.content_hash;
}

void KnownArticles::seal() {
    text_.shrink_to_fit();
    auto id = [&](const Entry& e) { return std::string_view(text_).substr(e.offset, e.id_size); };
    // A std::map keeps the first of two records with the same id (emplace); so does this.
    std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) { return id(a) < id(b); });
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [&](const Entry& a, const Entry& b) { return id(a) == id(b); }),
                   entries_.end());
    entries_.shrink_to_fit();
    by_hash_.resize(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) by_hash_[i] = static_cast<std::uint32_t>(i);
    std::sort(by_hash_.begin(), by_hash_.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::string_view ha = record(a).content_hash;
        const std::string_view hb = record(b).content_hash;
        return ha != hb ? ha < hb : entries_[a].added < entries_[b].added;
    });
    flags_.assign(entries_.size(), 0);
}

KnownArticles::Record KnownArticles::record(std::size_t i) const {
    const Entry& e = entries_[i];
    const std::string_view text(text_);
    return {text.substr(e.offset, e.id_size), text.substr(e.offset + e.id_size, e.path_size),
            text.substr(e.offset + e.id_size + e.path_size, e.hash_size), e.file_size, e.mtime_ns};
}

std::optional<std::size_t> KnownArticles::position(std::string_view id) const {
    std::size_t low = 0, high = entries_.size();
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (record(middle).id < id) low = middle + 1;
        else high = middle;
    }
    if (low < entries_.size() && record(low).id == id) return low;
    return std::nullopt;
}

std::optional<KnownArticles::Record> KnownArticles::find(std::string_view id) const {
    const std::optional<std::size_t> i = position(id);
    if (!i) return std::nullopt;
    return record(*i);
}

std::vector<std::string> KnownArticles::ids_with_hash(std::string_view content_hash) const {
    auto first = std::partition_point(by_hash_.begin(), by_hash_.end(),
                                      [&](std::uint32_t i) { return record(i).content_hash < content_hash; });
    std::vector<std::string> ids;
    for (auto it = first; it != by_hash_.end() && record(*it).content_hash == content_hash; ++it)
        ids.emplace_back(record(*it).id);
    return ids;
}

void KnownArticles::mark_seen(std::string_view id) {
    if (const std::optional<std::size_t> i = position(id)) flags_[*i] |= kSeen;
}

bool KnownArticles::seen(std::string_view id) const {
    const std::optional<std::size_t> i = position(id);
    return i && (flags_[*i] & kSeen);
}

void KnownArticles::mark_removed(std::string_view id) {
    if (const std::optional<std::size_t> i = position(id)) flags_[*i] |= kRemoved;
}

bool KnownArticles::removed(std::string_view id) const {
    const std::optional<std::size_t> i = position(id);
    return i && (flags_[*i] & kRemoved);
}

}  // namespace pith::detail
