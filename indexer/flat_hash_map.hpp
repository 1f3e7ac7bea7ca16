#pragma once
// A map from 64-bit hashes to small values in two flat arrays (open addressing, linear
// probing). The repeat checks of the cleaner and the passage splitter keep one entry per
// distinct line of an article; for a streamed file of millions of lines that is the only memory
// that grows with the file, and std::unordered_map spends about 50 bytes an entry where this
// spends 12 to 24.

#include <cstdint>
#include <utility>
#include <vector>

namespace pith::detail {

template <typename Value>
class FlatHashMap64 {
  public:
    // The value stored for `key` and whether it was just inserted (with `value`).
    std::pair<Value, bool> emplace(std::uint64_t key, Value value) {
        if (key == kEmpty) key = 1;  // 0 marks a free slot; the one collision this adds is harmless
        if ((size_ + 1) * 10 > keys_.size() * 7) grow();
        std::size_t slot = index(key);
        while (keys_[slot] != kEmpty) {
            if (keys_[slot] == key) return {values_[slot], false};
            slot = (slot + 1) & (keys_.size() - 1);
        }
        keys_[slot] = key;
        values_[slot] = value;
        ++size_;
        return {value, true};
    }

    std::size_t size() const { return size_; }

  private:
    static constexpr std::uint64_t kEmpty = 0;

    std::size_t index(std::uint64_t key) const {
        // The keys are FNV-1a hashes; a multiplicative mix spreads their low bits.
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & (keys_.size() - 1);
    }

    void grow() {
        std::vector<std::uint64_t> keys = std::move(keys_);
        std::vector<Value> values = std::move(values_);
        const std::size_t capacity = keys.empty() ? 64 : keys.size() * 2;
        keys_.assign(capacity, kEmpty);
        values_.assign(capacity, Value{});
        size_ = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] != kEmpty) emplace(keys[i], values[i]);
    }

    std::vector<std::uint64_t> keys_;
    std::vector<Value> values_;
    std::size_t size_ = 0;
};

}  // namespace pith::detail
