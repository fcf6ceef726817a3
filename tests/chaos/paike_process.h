// The real `paike demo` (or `paike serve`) as a child process of the chaos run: started on a
// data dir and a port (ready once /healthz answers), stopped with a signal and reaped. Several
// may share one data dir and one PostgreSQL database; each writes its own log.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace paike::chaos {

// A loopback port nobody listens on now.
int free_port();

class PaikeProcess {
 public:
  // `config` empty: `paike demo`; else `paike serve --config <config>`. `log` is a file name
  // in `data`.
  PaikeProcess(std::string binary, std::string config, std::filesystem::path data, int port,
               std::string log = "server.log")
      : binary_(std::move(binary)),
        config_(std::move(config)),
        data_(std::move(data)),
        port_(port),
        log_(std::move(log)) {}

  int port() const { return port_; }
  std::filesystem::path log_path() const { return data_ / log_; }
  bool running() const { return pid_ > 0; }

  // Starts paike (output appended to DATA/<log>) and waits up to 60 s for /healthz;
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
  std::string log_;
  pid_t pid_ = -1;
};

}  // namespace paike::chaos
