#pragma once
// What the tests share: temporary directories, files, and running the real binaries.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pith::test {

/// A fresh directory under the system's temporary directory, removed with everything in it
/// when the object goes out of scope.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::filesystem::path& relative) const { return path_ / relative; }

  private:
    std::filesystem::path path_;
};

/// Writes `text` to `path` byte for byte, creating parent directories.
void write_file(const std::filesystem::path& path, std::string_view text);

/// The bytes of a file. Fails the calling test (throws) when the file cannot be read.
std::string read_file(const std::filesystem::path& path);

struct RunResult {
    /// Exit status; 128 + signal number when the program was killed by a signal.
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `args[0]` with arguments `args[1..]` (fork/execvp, no shell), feeding it `input` on
/// stdin (or an empty stdin), with NO_COLOR and PITH_INDEX removed from its environment.
RunResult run(const std::vector<std::string>& args, const std::optional<std::string>& input = std::nullopt);

// The exit code and both streams of a run, for a failing check's message.
std::string describe(const RunResult& result);

// Runs the real pith-index with `args`.
RunResult pith_index(const std::vector<std::string>& args);

// Runs the real pith-search on `index` with `args`.
RunResult pith_search(const std::filesystem::path& index, const std::vector<std::string>& args);

/// Case-insensitive (ASCII) comparison and search, for checks on English text.
std::string ascii_lower(std::string_view text);
bool contains_word_ci(std::string_view text, std::string_view word);

/// The paragraphs of an article as its author wrote them: lines, trimmed, non-empty, each
/// distinct text once (whitespace runs collapsed), in order of first appearance.
std::vector<std::string> distinct_paragraphs(std::string_view text);

/// Non-overlapping occurrences of `needle` in `haystack`.
std::size_t count_occurrences(std::string_view haystack, std::string_view needle);

}  // namespace pith::test
