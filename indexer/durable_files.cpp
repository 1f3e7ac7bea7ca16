#include "durable_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc, Linux 3.15+)
#include <cstring>
#include <fstream>
#include <string>

#include "pith/error.hpp"

namespace pith::detail {

namespace fs = std::filesystem;

fs::path sibling(const fs::path& dir, const char* suffix) {
    return dir.parent_path() / (dir.filename().string() + suffix);
}

std::uint64_t bytes_on_disk(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

void fsync_path(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) throw IndexError("cannot open '" + path.string() + "' to sync it: " + std::strerror(errno));
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0) throw IndexError("cannot sync '" + path.string() + "' to disk: " + std::strerror(error));
}

void sync_tree(const fs::path& dir) {
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file()) fsync_path(entry.path(), O_RDONLY);
        else if (entry.is_directory()) sync_tree(entry.path());
    }
    fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

void exchange_directories(const fs::path& replacement, const fs::path& dir, const char* what) {
    if (::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
        const int error = errno;
        throw IndexError(std::string("cannot swap the ") + what + " into place at '" + dir.string() +
                         "': " + std::strerror(error) +
                         (error == EINVAL || error == ENOSYS
                              ? "; this file system cannot exchange two directories atomically"
                              : "; the index is unchanged"));
    }
    fsync_path(dir.parent_path(), O_RDONLY | O_DIRECTORY);
}

void write_shard_list(const fs::path& stub, const std::string& header, std::size_t shards) {
    const fs::path temporary = sibling(stub, ".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << header;
        for (std::size_t shard = 0; shard < shards; ++shard) out << "auto shard-" << shard << '\n';
        out.flush();
        if (!out) throw IndexError("cannot write the shard list '" + stub.string() + "'");
    }
    std::error_code ec;
    fs::rename(temporary, stub, ec);
    if (ec) throw IndexError("cannot write the shard list '" + stub.string() + "': " + ec.message());
}

}  // namespace pith::detail
