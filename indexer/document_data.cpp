#include "document_data.hpp"

#include <nlohmann/json.hpp>

#include "flat_json.hpp"
#include "pith/error.hpp"
#include "schema.hpp"

namespace pith {

std::string encode_document_data(const DocumentHeader& header, std::string_view passage) {
    nlohmann::json j = {{"article", header.article_id}, {"passage", header.ordinal},
                        {"begin", header.begin}, {"end", header.end}};
    // The article's own fields live once, on its first passage: repeated on every passage they
    // were 44% of the document data (192 of 438 bytes a passage at 10 MB of prose).
    if (header.ordinal == 0) {
        j["title"] = header.title;
        j["path"] = header.path;
        for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"date", &header.date},
                                         {"source", &header.source},
                                         {"url", &header.url},
                                         {"author", &header.author},
                                         {"duplicate_of", &header.duplicate_of}})
            if (!value->empty()) j[key] = *value;
    }
    // dump() escapes control characters, so the header never contains a raw newline.
    std::string data = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    data.push_back('\n');
    data.append(passage);
    return data;
}

namespace {

// The header's fields by JSON key: strings, and non-negative integers.
std::string* header_string_field(DocumentHeader& header, std::string_view key) {
    if (key == "article") return &header.article_id;
    if (key == "title") return &header.title;
    if (key == "path") return &header.path;
    if (key == "date") return &header.date;
    if (key == "source") return &header.source;
    if (key == "url") return &header.url;
    if (key == "author") return &header.author;
    if (key == "duplicate_of") return &header.duplicate_of;
    return nullptr;
}

std::size_t* header_number_field(DocumentHeader& header, std::string_view key) {
    if (key == "passage") return &header.ordinal;
    if (key == "begin") return &header.begin;
    if (key == "end") return &header.end;
    return nullptr;
}

// The header as encode_document_data() writes it: one flat object of ASCII strings and
// non-negative integers. Reads that shape without a general JSON parser (nlohmann's lexer was
// three quarters of decoding, ~100 instructions a byte) and returns false on anything else
// (non-ASCII bytes, which JSON requires valid UTF-8 of, nested values, floats, a malformed
// string), leaving the general reader below to read it or to refuse it.
class FlatHeaderReader {
  public:
    explicit FlatHeaderReader(std::string_view json) : in_(json) {}

    bool read(DocumentHeader& header) {
        in_.skip_space();
        if (!in_.take('{')) return false;
        in_.skip_space();
        if (in_.take('}')) return in_.at_end();
        std::string key;
        std::string text;
        for (;;) {
            if (!in_.member_name(key)) return false;
            std::string* text_field = header_string_field(header, key);
            std::size_t* number_field = header_number_field(header, key);
            if (in_.next_is('"')) {
                if (number_field != nullptr || !in_.string(text)) return false;
                if (text_field != nullptr) *text_field = text;
            } else {
                std::size_t number = 0;
                if (text_field != nullptr || !in_.unsigned_number(number)) return false;
                if (number_field != nullptr) *number_field = number;
            }
            in_.skip_space();
            if (in_.take(',')) continue;
            if (in_.take('}')) return in_.at_end();
            return false;
        }
    }

  private:
    detail::FlatJsonCursor in_;
};

// Fills a DocumentHeader straight from the parser's events: building a JSON tree first and
// copying its fields out cost twice as much (decode is on every hit of every query, and on
// its article's first passage: 0.4 M instructions a page at 10 MB, bench/RESULTS.md,
// "Fresh-process start-up"). Keys it does not know and nested values are skipped, as the
// tree's look-ups skipped them; a known key with a value of the wrong type is refused.
class HeaderReader : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit HeaderReader(DocumentHeader& header) : header_(header) {}

    bool is_object() const { return was_object_; }

    bool null() override { return accepts(Kind::other); }
    bool boolean(bool) override { return accepts(Kind::other); }
    bool number_integer(number_integer_t value) override {
        return value >= 0 ? number_unsigned(static_cast<number_unsigned_t>(value)) : accepts(Kind::other);
    }
    bool number_unsigned(number_unsigned_t value) override {
        if (std::size_t* field = depth_ == 1 ? number_field() : nullptr) *field = static_cast<std::size_t>(value);
        return accepts(Kind::number);
    }
    bool number_float(number_float_t, const string_t&) override { return accepts(Kind::other); }
    bool string(string_t& value) override {
        if (std::string* field = depth_ == 1 ? string_field() : nullptr) *field = std::move(value);
        return accepts(Kind::string);
    }
    bool binary(binary_t&) override { return accepts(Kind::other); }
    bool start_object(std::size_t) override {
        if (depth_ == 0) was_object_ = true;
        else if (!accepts(Kind::other)) return false;
        ++depth_;
        return true;
    }
    bool key(string_t& name) override {
        if (depth_ == 1) key_ = std::move(name);
        return true;
    }
    bool end_object() override {
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        if (!accepts(Kind::other)) return false;
        ++depth_;
        return true;
    }
    bool end_array() override {
        --depth_;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

  private:
    enum class Kind { string, number, other };

    // A header's own keys take a string or a non-negative integer; anything else is skipped.
    bool accepts(Kind kind) const {
        if (depth_ != 1) return true;
        if (string_field() != nullptr) return kind == Kind::string;
        if (number_field() != nullptr) return kind == Kind::number;
        return true;
    }
    std::string* string_field() const { return header_string_field(header_, key_); }
    std::size_t* number_field() const { return header_number_field(header_, key_); }

    DocumentHeader& header_;
    std::string key_;
    int depth_ = 0;
    bool was_object_ = false;
};

}  // namespace

void decode_document_data(std::string_view data, DocumentHeader& header, std::string& passage) {
    const auto newline = data.find('\n');
    header = DocumentHeader{};
    if (newline != std::string_view::npos && FlatHeaderReader(data.substr(0, newline)).read(header)) {
        passage.assign(data.substr(newline + 1));
        return;
    }
    header = DocumentHeader{};
    HeaderReader reader(header);
    if (newline == std::string_view::npos ||
        !nlohmann::json::sax_parse(data.substr(0, newline), &reader, nlohmann::json::input_format_t::json) ||
        !reader.is_object())
        throw IndexError("a document in the index is not in Pith's format; rebuild it with pith-index --rebuild");
    passage.assign(data.substr(newline + 1));
}

std::string title_term(const Token& token) {
    return std::string(schema::kTitlePrefix) + (token.stem.empty() ? token.term : token.stem);
}

std::string source_term(const std::vector<Token>& words) {
    std::string term(schema::kSourcePrefix);
    for (const Token& word : words) {
        if (word.variant) continue;
        if (term.size() > schema::kSourcePrefix.size()) term += ' ';
        term += word.term;
    }
    return term.substr(0, schema::kMaxTermBytes);
}

std::string compact_date(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
    std::string out;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (date[i] < '0' || date[i] > '9') return {};
        out += date[i];
    }
    return out;
}

}  // namespace pith
