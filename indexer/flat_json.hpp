#pragma once

// A cursor over JSON in the plain shape Pith writes it: ASCII strings without \u escapes,
// non-negative numbers in plain decimal form, true and false. The stored configuration and the
// passage headers are read with it, without building nlohmann's tree (start-up and document
// reads of a fresh pith-search, bench/RESULTS.md "Fresh-process start-up"). Every reader
// returns false on anything else and hands the text to nlohmann's parser, which reads it or
// refuses it; so a fast read never gives a value the general reader would read differently
// (tests/stored_json_readers_test.cpp checks that against nlohmann).

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>

namespace pith::detail {

class FlatJsonCursor {
  public:
    explicit FlatJsonCursor(std::string_view json) : json_(json) {}

    bool take(char c) {
        if (at_ >= json_.size() || json_[at_] != c) return false;
        ++at_;
        return true;
    }

    bool next_is(char c) const { return at_ < json_.size() && json_[at_] == c; }

    void skip_space() {
        while (at_ < json_.size() && (json_[at_] == ' ' || json_[at_] == '\t' || json_[at_] == '\n' || json_[at_] == '\r'))
            ++at_;
    }

    bool at_end() {
        skip_space();
        return at_ == json_.size();
    }

    // An ASCII string; escapes other than \uXXXX (whose code point may need UTF-8 and
    // surrogate pairs) are decoded here, \u is left to the general reader.
    bool string(std::string& out) {
        if (!take('"')) return false;
        out.clear();
        while (at_ < json_.size()) {
            const auto c = static_cast<unsigned char>(json_[at_++]);
            if (c == '"') return true;
            if (c < 0x20 || c >= 0x80) return false;
            if (c != '\\') {
                out.push_back(static_cast<char>(c));
                continue;
            }
            if (at_ >= json_.size()) return false;
            switch (json_[at_++]) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                default: return false;
            }
        }
        return false;
    }

    // A member's name and its colon, with the spaces around them: `"name" :`.
    bool member_name(std::string& out) {
        skip_space();
        if (!string(out)) return false;
        skip_space();
        if (!take(':')) return false;
        skip_space();
        return true;
    }

    // JSON's integer form: no sign, no leading zero, no fraction or exponent; at most 18
    // digits, so it fits any size_t without overflow checks.
    bool unsigned_number(std::size_t& out) {
        const std::size_t first = at_;
        while (at_ < json_.size() && json_[at_] >= '0' && json_[at_] <= '9') ++at_;
        const std::size_t digits = at_ - first;
        if (digits == 0 || digits > 18 || (digits > 1 && json_[first] == '0')) return false;
        if (at_ < json_.size() && (json_[at_] == '.' || json_[at_] == 'e' || json_[at_] == 'E')) return false;
        out = 0;
        for (std::size_t i = first; i < at_; ++i) out = out * 10 + static_cast<std::size_t>(json_[i] - '0');
        return true;
    }

    // A non-negative number in plain decimal form (digits, optionally a fraction), read with
    // from_chars, which rounds as the general reader's strtod does.
    bool number(double& out) {
        const std::size_t first = at_;
        while (at_ < json_.size() && json_[at_] >= '0' && json_[at_] <= '9') ++at_;
        const std::size_t whole = at_ - first;
        if (whole == 0 || (whole > 1 && json_[first] == '0')) return false;
        if (at_ < json_.size() && json_[at_] == '.') {
            const std::size_t fraction = ++at_;
            while (at_ < json_.size() && json_[at_] >= '0' && json_[at_] <= '9') ++at_;
            if (at_ == fraction) return false;
        }
        if (at_ < json_.size() && (json_[at_] == 'e' || json_[at_] == 'E')) return false;
        const auto [end, error] = std::from_chars(json_.data() + first, json_.data() + at_, out);
        return error == std::errc() && end == json_.data() + at_;
    }

    bool boolean(bool& out) {
        if (json_.substr(at_, 4) == "true") {
            at_ += 4;
            out = true;
            return true;
        }
        if (json_.substr(at_, 5) == "false") {
            at_ += 5;
            out = false;
            return true;
        }
        return false;
    }

  private:
    std::string_view json_;
    std::size_t at_ = 0;
};

}  // namespace pith::detail
