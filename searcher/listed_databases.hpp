#pragma once
// The databases a Xapian stub lists (a sharded index, docs/scaling.md), each opened on its own.
// Xapian opens a stub as one database whose metadata is its first shard's only; Pith reads some
// metadata from every shard (each shard records the languages of its own articles).

#include <filesystem>
#include <vector>

#include <xapian.h>

namespace pith::detail {

/// Every database the stub at `index` (a stub file, or a directory holding XAPIANDB) lists,
/// nested stubs followed: `auto`/`glass`/`chert` paths (relative to the stub's directory) and
/// `remote HOST:PORT` lines. Empty when `index` is not a stub. Lines of other kinds (`tcp`,
/// `prog`, `inmemory`) are skipped: Xapian opens them, Pith does not read their metadata.
std::vector<Xapian::Database> listed_databases(const std::filesystem::path& index);

}  // namespace pith::detail
