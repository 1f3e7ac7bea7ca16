#include "test_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

extern char** environ;

namespace pith::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "pith-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    // Tests may leave read-only files behind; give write permission back so removal works.
    for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, std::string_view text) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::move(buffer).str();
}

namespace {

struct Pipe {
    int fd[2] = {-1, -1};
    Pipe() {
        if (pipe2(fd, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    ~Pipe() {
        close_read();
        close_write();
    }
    void close_read() {
        if (fd[0] >= 0) ::close(fd[0]);
        fd[0] = -1;
    }
    void close_write() {
        if (fd[1] >= 0) ::close(fd[1]);
        fd[1] = -1;
    }
};

// The child's environment: ours without the variables that would change the binaries'
// behaviour behind a test's back. Built before fork, since the child may only exec.
std::vector<char*> child_environment() {
    std::vector<char*> env;
    for (char** var = environ; *var != nullptr; ++var) {
        std::string_view entry(*var);
        if (entry.starts_with("NO_COLOR=") || entry.starts_with("PITH_INDEX=")) continue;
        env.push_back(*var);
    }
    env.push_back(nullptr);
    return env;
}

}  // namespace

RunResult run(const std::vector<std::string>& args, const std::optional<std::string>& input) {
    if (args.empty()) throw std::invalid_argument("run: no program given");
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> env = child_environment();

    Pipe in, out, err;
    pid_t pid = fork();
    if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
    if (pid == 0) {
        dup2(in.fd[0], STDIN_FILENO);
        dup2(out.fd[1], STDOUT_FILENO);
        dup2(err.fd[1], STDERR_FILENO);
        execvpe(argv[0], argv.data(), env.data());
        const char message[] = "test_support run: exec failed\n";
        ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
        _exit(127);
    }
    in.close_read();
    out.close_write();
    err.close_write();

    // A child that exits without reading its stdin must not kill the test with SIGPIPE.
    struct sigaction ignore {}, previous {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &previous);

    RunResult result;
    std::string_view pending = input ? std::string_view(*input) : std::string_view();
    if (pending.empty()) in.close_write();
    while (out.fd[0] >= 0 || err.fd[0] >= 0) {
        pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in.fd[1], POLLOUT, 0}};
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            char buffer[8192];
            ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                (i == 0 ? out : err).close_read();
            }
        }
        if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            ssize_t n = ::write(in.fd[1], pending.data(), pending.size());
            if (n > 0) pending.remove_prefix(static_cast<std::size_t>(n));
            if (n < 0 && errno != EINTR && errno != EAGAIN) pending = {};
            if (pending.empty()) in.close_write();
        }
    }
    in.close_write();
    sigaction(SIGPIPE, &previous, nullptr);

    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {
bool is_ascii_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
}  // namespace

bool contains_word_ci(std::string_view text, std::string_view word) {
    std::string haystack = ascii_lower(text);
    std::string needle = ascii_lower(word);
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
        bool starts = at == 0 || !is_ascii_word_char(haystack[at - 1]);
        std::size_t after = at + needle.size();
        bool ends = after == haystack.size() || !is_ascii_word_char(haystack[after]);
        if (starts && ends) return true;
    }
    return false;
}

std::vector<std::string> distinct_paragraphs(std::string_view text) {
    std::vector<std::string> paragraphs;
    std::set<std::string> seen;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        std::string key;
        std::istringstream words(line);
        std::string word;
        while (words >> word) key += (key.empty() ? "" : " ") + word;
        if (key.empty() || !seen.insert(key).second) continue;
        auto first = line.find_first_not_of(" \t\r");
        auto last = line.find_last_not_of(" \t\r");
        paragraphs.push_back(line.substr(first, last - first + 1));
    }
    return paragraphs;
}

std::size_t count_occurrences(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return 0;
    std::size_t count = 0;
    for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + needle.size()))
        ++count;
    return count;
}


std::string describe(const RunResult& result) {
    return "exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out + "\n--- stderr\n" + result.err;
}

RunResult pith_index(const std::vector<std::string>& args) {
    std::vector<std::string> argv{PITH_INDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
}

RunResult pith_search(const std::filesystem::path& index, const std::vector<std::string>& args) {
    std::vector<std::string> argv{PITH_SEARCH_BIN, "--index", index.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
}

}  // namespace pith::test
