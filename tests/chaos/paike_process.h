// The real `paike demo` as a child process of the chaos run: started on a data dir and a
// port (ready once /healthz answers), stopped with a signal and reaped.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace paike::chaos {

// A loopback port nobody listens on now.
int free_port();

class PaikeProcess {
 public:
  // `config` empty: `paike demo`; else `paike serve --config <config>`.
  PaikeProcess(std::string binary, std::string config, std::filesystem::path data, int port)
      : binary_(std::move(binary)), config_(std::move(config)), data_(std::move(data)), port_(port) {}

  // Starts paike (output appended to DATA/server.log) and waits up to 60 s for /healthz;
  // throws std::runtime_error when it exits or does not answer.
  void start();

  // Sends `signal` and reaps the process; returns its wait status. A process that has not
  // ended 30 s after the signal is killed and reported as -1.
  int stop(int signal);

 private:
  std::string binary_;
  std::string config_;
  std::filesystem::path data_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace paike::chaos
