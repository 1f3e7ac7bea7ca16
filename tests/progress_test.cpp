// End-to-end: pith-index draws a progress bar only when stderr is a terminal (a pseudo-terminal
// here), and never with --quiet.

#include <catch2/catch.hpp>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

// Runs pith-index with stdin, stdout and stderr on a pseudo-terminal; returns what it wrote.
std::string run_on_terminal(std::vector<std::string> args) {
    args.insert(args.begin(), PITH_INDEX_BIN);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int master = -1;
    pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        execv(argv[0], argv.data());
        _exit(127);
    }
    std::string output;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n > 0) output.append(buffer, static_cast<std::size_t>(n));
        else if (n < 0 && errno == EINTR) continue;
        else break;  // EIO once the child has closed the terminal
    }
    ::close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    return output;
}

}  // namespace

TEST_CASE("on a terminal pith-index shows a progress bar with files, MB, MB/s and then the summary", "[progress]") {
    TempDir dir;
    for (int i = 0; i < 20; ++i)
        write_file(dir / "in" / (std::to_string(i) + ".txt"), "Walrus news\n\nThe walrus colony grew this spring along the coast.\n");
    const std::string output = run_on_terminal({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(output);
    CHECK_THAT(output, Catch::Contains("20/20 files"));
    CHECK_THAT(output, Catch::Contains(" MB/s"));
    CHECK_THAT(output, Catch::Contains("\r\x1b[K"));  // the bar is erased before the summary
    CHECK_THAT(output, Catch::Contains("20 added"));
}

TEST_CASE("on a terminal pith-index --quiet shows no progress bar", "[progress]") {
    TempDir dir;
    write_file(dir / "in" / "a.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast.\n");
    const std::string output = run_on_terminal({"--index", (dir / "index").string(), "--quiet", (dir / "in").string()});
    INFO(output);
    CHECK(output.empty());
}
