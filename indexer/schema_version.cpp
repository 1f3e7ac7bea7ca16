#include "schema_version.hpp"

#include <charconv>

#include "schema.hpp"

namespace pith::schema {

std::string version_mismatch_message(const std::filesystem::path& dir, std::string_view found,
                                     std::string_view program) {
    const std::string ours(kSchemaVersion);
    const std::string where = "index '" + dir.string() + "'";
    long found_number = 0;
    long our_number = 0;
    const auto parsed = std::from_chars(found.data(), found.data() + found.size(), found_number);
    std::from_chars(ours.data(), ours.data() + ours.size(), our_number);
    if (parsed.ec != std::errc{} || parsed.ptr != found.data() + found.size())
        return where + " has an unknown schema version '" + std::string(found) + "' (" + std::string(program) +
               " reads version " + ours + "); rebuild it with pith-index --rebuild";
    // A newer index may hold data this build would misread or drop: upgrading comes first.
    if (found_number > our_number)
        return where + " was written by a newer Pith (schema version " + std::string(found) + ", " +
               std::string(program) + " reads version " + ours +
               "); upgrade Pith, or rebuild the index with this version's pith-index --rebuild";
    return where + " was written by an older Pith (schema version " + std::string(found) + ", " +
           std::string(program) + " reads version " + ours + "); rebuild it with pith-index --rebuild";
}

}  // namespace pith::schema
