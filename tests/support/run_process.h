// Runs a program (the real paike binary) with exactly the environment given, and collects
// what it writes to stdout and stderr together, for tests of the command line.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

namespace paike::test {

struct ProcessResult {
  int exit_code = -1;  // -1: it did not exit normally (a signal)
  std::string output;  // stdout and stderr, interleaved as written
};

// `env` plus the sanitizers' settings of this process (scripts/test's ASan build), so the
// child reads the same suppressions.
inline ProcessResult run_process(const std::vector<std::string>& argv, std::vector<std::string> env) {
  for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) env.push_back(std::string(name) + "=" + value);
  }
  ProcessResult result;
  int out[2];
  if (::pipe(out) != 0) return result;
  std::vector<char*> args, vars;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env) vars.push_back(const_cast<char*>(e.c_str()));
  vars.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    ::close(out[0]);
    ::close(out[1]);
    ::execve(args[0], args.data(), vars.data());
    ::_exit(127);
  }
  ::close(out[1]);
  char buffer[4096];
  for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n > 0) result.output.append(buffer, static_cast<size_t>(n));
    if (n < 0 && errno != EINTR) break;
  }
  ::close(out[0]);
  int status = 0;
  if (pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace paike::test
