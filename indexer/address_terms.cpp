#include "address_terms.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "schema.hpp"

namespace pith {
namespace {

struct Found {
    std::size_t begin;
    std::size_t end;
    std::string term;
};

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 5322's usual local-part characters (the quoted forms nobody types are left out).
bool is_local_char(char c) { return is_alnum(c) || std::strchr("._%+-'", c) != nullptr; }
bool is_host_char(char c) { return is_alnum(c) || c == '-' || c == '.'; }

// Characters that end a URL in running text: spaces, quotes and angle brackets never occur
// unescaped inside one; non-ASCII text after a URL is prose, not path.
bool ends_url(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= ' ' || u >= 0x80 || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' || c == '}' || c == '|' ||
           c == '\\' || c == '^';
}

// A host is two or more labels and an alphabetic top-level label of at least two letters;
// returns its length (0 when `text` does not start with one).
std::size_t host_length(std::string_view text) {
    std::size_t n = 0;
    while (n < text.size() && is_host_char(text[n])) ++n;
    while (n > 0 && (text[n - 1] == '.' || text[n - 1] == '-')) --n;  // sentence full stop
    const std::string_view host = text.substr(0, n);
    const std::size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || host.size() - dot - 1 < 2) return 0;
    if (host.find("..") != std::string_view::npos) return 0;
    for (char c : host.substr(dot + 1))
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return 0;
    return n;
}

void find_emails(std::string_view text, std::vector<Found>& out) {
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        std::size_t begin = at;
        while (begin > 0 && is_local_char(text[begin - 1])) --begin;
        while (begin < at && !is_alnum(text[begin])) ++begin;  // "(press@…" or ".press@…"
        if (begin == at) continue;
        const std::size_t host = host_length(text.substr(at + 1));
        if (host == 0) continue;
        const std::size_t end = at + 1 + host;
        out.push_back({begin, end, normalise_address(text.substr(begin, end - begin))});
    }
}

// Where a URL starts: after "://" of an alphabetic scheme, or at "www." starting a word.
void find_urls(std::string_view text, std::vector<Found>& out) {
    auto add = [&](std::size_t begin, std::size_t host_begin) {
        const std::size_t host = host_length(text.substr(host_begin));
        if (host == 0) return host_begin;
        std::size_t end = host_begin + host;
        if (end < text.size() && (text[end] == '/' || text[end] == '?' || text[end] == '#' || text[end] == ':')) {
            while (end < text.size() && !ends_url(text[end])) ++end;
            // Punctuation closing the sentence or a bracket around the URL is not part of it.
            while (end > host_begin + host && std::strchr(".,;:!?)]'*", text[end - 1]) != nullptr) --end;
        }
        out.push_back({begin, end, normalise_address(text.substr(begin, end - begin))});
        return end;
    };
    for (std::size_t mark = text.find("://"); mark != std::string_view::npos; mark = text.find("://", mark + 3)) {
        std::size_t begin = mark;
        while (begin > 0 && ((text[begin - 1] >= 'a' && text[begin - 1] <= 'z') ||
                             (text[begin - 1] >= 'A' && text[begin - 1] <= 'Z')))
            --begin;
        if (begin == mark) continue;
        mark = std::max(mark, add(begin, mark + 3) - 3);
    }
    for (std::size_t www = text.find("www."); www != std::string_view::npos; www = text.find("www.", www + 4)) {
        if (www > 0 && (is_host_char(text[www - 1]) || text[www - 1] == '/')) continue;  // inside a URL or host
        add(www, www);
    }
}

}  // namespace

std::string normalise_address(std::string_view address) {
    std::string out;
    if (address.find('@') != std::string_view::npos && address.find("://") == std::string_view::npos) {
        out.reserve(address.size());
        for (char c : address) out.push_back(lower(c));
        return out;
    }
    // The scheme and "www." are dropped (http and https name the same page for a reader, and
    // people type the address without them); a lone final '/' is the same page too.
    if (const std::size_t scheme = address.find("://"); scheme != std::string_view::npos) address.remove_prefix(scheme + 3);
    if (address.size() > 4 && lower(address[0]) == 'w' && lower(address[1]) == 'w' && lower(address[2]) == 'w' &&
        address[3] == '.')
        address.remove_prefix(4);
    std::size_t host_end = 0;
    while (host_end < address.size() && address[host_end] != '/' && address[host_end] != '?' && address[host_end] != '#')
        ++host_end;
    for (std::size_t i = 0; i < address.size(); ++i) out.push_back(i < host_end ? lower(address[i]) : address[i]);
    if (out.size() == host_end + 1 && out.back() == '/') out.pop_back();
    return out;
}

void insert_address_terms(std::string_view text, std::vector<Token>& tokens) {
    // Most text has neither '@' nor "://" nor "www.": three memchr-speed scans and out.
    std::vector<Found> found;
    find_emails(text, found);
    find_urls(text, found);
    if (found.empty()) return;
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
    std::size_t next = 0;  // tokens before this index are all before the current address
    std::size_t covered_until = 0;
    for (Found& address : found) {
        if (address.begin < covered_until) continue;  // an e-mail inside a URL's query string
        if (address.term.empty() || address.term.size() > schema::kMaxTermBytes) continue;
        while (next < tokens.size() && (tokens[next].form != TokenForm::word || tokens[next].begin < address.begin)) ++next;
        if (next == tokens.size() || tokens[next].begin >= address.end) continue;
        covered_until = address.end;
        std::size_t after = next + 1;
        while (after < tokens.size() && tokens[after].position == tokens[next].position && tokens[after].variant) ++after;
        Token token;
        token.term = std::move(address.term);
        token.position = tokens[next].position;
        token.begin = address.begin;
        token.end = address.end;
        token.variant = true;
        token.form = TokenForm::address;
        tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(after), std::move(token));
        next = after + 1;
    }
}

}  // namespace pith
