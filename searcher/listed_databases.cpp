#include "listed_databases.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace pith::detail {

namespace fs = std::filesystem;

namespace {

// Xapian's own name for a stub inside a database directory.
constexpr const char* kStubInDirectory = "XAPIANDB";
// Deeper nesting than this is a stub listing itself (Xapian refuses it too).
constexpr int kMaxNesting = 8;

fs::path stub_file(const fs::path& index) {
    std::error_code ec;
    if (fs::is_regular_file(index, ec)) return index;
    if (fs::is_directory(index, ec) && fs::is_regular_file(index / kStubInDirectory, ec)) return index / kStubInDirectory;
    return {};
}

void collect(const fs::path& index, int depth, std::vector<Xapian::Database>& out) {
    const fs::path stub = stub_file(index);
    if (stub.empty() || depth > kMaxNesting) return;
    std::ifstream in(stub);
    // Xapian already opened this stub, so its lines are valid; a binary file here is a single
    // database's own file, not a stub: nothing is listed.
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string kind, where;
        if (!(words >> kind >> where) || kind.front() == '#') continue;
        if (kind == "auto" || kind == "glass" || kind == "chert") {
            fs::path path(where);
            if (path.is_relative()) path = stub.parent_path() / path;
            const std::size_t before = out.size();
            collect(path, depth + 1, out);
            if (out.size() == before && stub_file(path).empty()) out.emplace_back(path.string());
        } else if (kind == "remote") {
            const std::size_t colon = where.rfind(':');
            if (colon == std::string::npos || colon == 0) continue;  // `remote :PROGRAM` and the like
            out.push_back(Xapian::Remote::open(where.substr(0, colon),
                                               static_cast<unsigned>(std::stoul(where.substr(colon + 1)))));
        }
    }
}

}  // namespace

std::vector<Xapian::Database> listed_databases(const fs::path& index) {
    std::vector<Xapian::Database> out;
    collect(index, 0, out);
    return out;
}

}  // namespace pith::detail
