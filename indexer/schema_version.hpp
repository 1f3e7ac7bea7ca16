#pragma once
// The message for an index whose schema version this build does not read or write.

#include <filesystem>
#include <string>
#include <string_view>

namespace pith::schema {

/// A sentence that says whether the index at `dir` is older or newer than this build of Pith
/// (`program`: "pith-search" or "pith-index") and what to do about it.
std::string version_mismatch_message(const std::filesystem::path& dir, std::string_view found,
                                     std::string_view program);

}  // namespace pith::schema
