// One paike per SQLite data dir (issue 26): two `paike serve` on one data dir both worked the same
// inbox and turned 120 reports into 145 tickets. The second now refuses to start and names the
// first; the CLI commands that read run beside it; the lock dies with its process, kill -9 too.
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "bot/app.h"
#include "support/demo_deployment.h"
#include "support/file_text.h"
#include "support/temp_dir.h"
#include "support/wait_until.h"

using namespace paike;
using paike::test::file_text;

namespace {

Result<std::unique_ptr<App>> create_app(const std::filesystem::path& data_dir) {
  AppOptions options;
  options.data_dir = data_dir;
  options.port = 0;
  options.command = "paike test";
  return App::create(test::demo_deployment(), std::move(options));
}

// A loopback port nobody listens on now (`paike demo --port` takes 1–65535, not 0).
int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// The real binary as a child process, its stdout and stderr going to a file; killed with
// SIGKILL and reaped when the test leaves it behind (a failed REQUIRE).
class PaikeChild {
 public:
  PaikeChild(const std::vector<std::string>& args, const std::filesystem::path& output) {
    std::vector<std::string> argv = {PAIKE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c_argv;
    for (auto& arg : argv) c_argv.push_back(arg.data());
    c_argv.push_back(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, 1);
      ::dup2(out, 2);
      ::execv(c_argv[0], c_argv.data());
      ::_exit(127);
    }
  }
  ~PaikeChild() {
    if (pid_ > 0) stop(SIGKILL);
  }
  PaikeChild(const PaikeChild&) = delete;
  PaikeChild& operator=(const PaikeChild&) = delete;

  pid_t pid() const { return pid_; }
  // Its wait status once it has exited within `timeout`; nullopt while it still runs.
  std::optional<int> wait_exit(std::chrono::seconds timeout) {
    int status = 0;
    const bool exited = test::wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, timeout);
    if (!exited) return std::nullopt;
    pid_ = -1;
    return status;
  }
  void stop(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

std::vector<std::string> demo_args(const std::filesystem::path& data, int port) {
  return {"demo", "--data", data.string(), "--port", std::to_string(port)};
}

bool answers_healthz(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(0, 200000);
  auto res = client.Get("/healthz");
  return res && res->status == 200;
}

}  // namespace

TEST_CASE(
    "one data dir: a second App on the same SQLite data dir is refused, naming the first, until the first is gone") {
  test::TempDir dir;
  auto first = create_app(dir.path());
  REQUIRE(first);
  auto port = (*first)->start();
  REQUIRE(port);
  // Once bound, the lock file names the port actually bound.
  CHECK(file_text(dir / "paike.lock").find("holder: paike test on 127.0.0.1:" + std::to_string(*port) + "\n") !=
        std::string::npos);

  auto second = create_app(dir.path());
  REQUIRE_FALSE(second);
  CHECK(second.error().code == ErrorCode::data_dir_in_use);
  CHECK(second.error().message.find("(pid " + std::to_string(::getpid()) + ", started ") != std::string::npos);
  CHECK(second.error().message.find("paike test on 127.0.0.1:" + std::to_string(*port) + ")") != std::string::npos);
  CHECK(answers_healthz(*port));  // the refused one touched nothing of the first's

  first->reset();
  auto third = create_app(dir.path());
  REQUIRE(third);
  CHECK((*third)->start());
}

TEST_CASE("one data dir: an App that fails to start after the lock lets go of the data dir") {
  test::TempDir dir;
  Deployment broken = test::demo_deployment();
  broken.platforms.push_back("feishu");  // its secrets are not in the (empty) environment
  AppOptions options;
  options.data_dir = dir.path();
  options.port = 0;
  options.env = [](const std::string&) { return std::optional<std::string>(); };
  REQUIRE_FALSE(App::create(std::move(broken), std::move(options)));
  CHECK(create_app(dir.path()));
}

TEST_CASE("one data dir: two Apps on different data dirs run side by side") {
  test::TempDir a;
  test::TempDir b;
  auto first = create_app(a.path());
  auto second = create_app(b.path());
  CHECK(first);
  CHECK(second);
}

TEST_CASE("one data dir: a second paike demo exits at once naming the first, readers run beside it, kill -9 frees it") {
  test::TempDir dir;
  const auto data = dir / "data";
  const int port = unused_port();
  PaikeChild first(demo_args(data, port), dir / "first.log");
  REQUIRE(test::wait_until([&] { return answers_healthz(port); }, std::chrono::seconds(60)));

  const auto started = std::chrono::steady_clock::now();
  PaikeChild second(demo_args(data, unused_port()), dir / "second.log");
  const auto status = second.wait_exit(std::chrono::seconds(30));
  REQUIRE(status);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 1);
  const std::string refusal = file_text(dir / "second.log");
  INFO(refusal);
  CHECK(refusal.find("paike: the data dir " + data.string() + " is in use by another paike (pid " +
                     std::to_string(first.pid()) + ", started ") != std::string::npos);
  CHECK(refusal.find("paike demo on 127.0.0.1:" + std::to_string(port) + ")") != std::string::npos);
  CHECK(answers_healthz(port));

  // The commands that only read run beside the server: they take no lock.
  PaikeChild backup({"backup", "--data", data.string(), "--out", (dir / "copy.db").string()}, dir / "backup.log");
  const auto backup_status = backup.wait_exit(std::chrono::seconds(60));
  REQUIRE(backup_status);
  INFO(file_text(dir / "backup.log"));
  CHECK(WIFEXITED(*backup_status));
  CHECK(WEXITSTATUS(*backup_status) == 0);

  first.stop(SIGKILL);
  const int next_port = unused_port();
  PaikeChild next(demo_args(data, next_port), dir / "next.log");
  const bool serving = test::wait_until([&] { return answers_healthz(next_port); }, std::chrono::seconds(60));
  INFO(file_text(dir / "next.log"));
  CHECK(serving);
  next.stop(SIGTERM);
}
