#pragma once
// A real binary started in the background, for tests that kill it or work beside it.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace pith::test {

class ChildProcess {
  public:
    /// Starts `args` (no shell) with stdin from /dev/null and stdout/stderr into `output_dir`.
    ChildProcess(const std::vector<std::string>& args, const std::filesystem::path& output_dir);
    /// Kills (SIGKILL) and reaps the child if it is still running.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void signal(int signal_number);
    /// Waits for the end; exit status, or 128 + signal number.
    int wait();
    /// True once the child has ended (reaps it).
    bool finished();
    std::string out() const;
    std::string err() const;

  private:
    pid_t pid_ = -1;
    int status_ = -1;
    std::filesystem::path out_, err_;
};

}  // namespace pith::test
