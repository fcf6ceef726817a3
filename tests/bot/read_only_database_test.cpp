// A database that can be read but not written: every webhook would answer 503 while a read
// looked healthy. /healthz says so, and paike does not start on one. The file is made
// unwritable for real: the immutable flag when root (root ignores the mode bits), the mode
// bits otherwise.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "tests/bot/ledger_fixture.h"

using namespace paike;
using namespace paike::test;

namespace {

// Makes files unwritable to this process while it lives; writable again after.
class Unwritable {
 public:
  explicit Unwritable(std::vector<std::filesystem::path> files) : files_(std::move(files)) {
    for (const auto& f : files_) REQUIRE(set(f, true));
  }
  ~Unwritable() {
    for (const auto& f : files_) set(f, false);
  }
  // True when writes through files already open fail too (the immutable flag).
  static bool blocks_open_files() { return ::geteuid() == 0; }

 private:
  static bool set(const std::filesystem::path& file, bool on) {
    if (::geteuid() != 0) return ::chmod(file.c_str(), on ? 0444 : 0644) == 0;
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
    ok = ok && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    ::close(fd);
    return ok;
  }
  std::vector<std::filesystem::path> files_;
};

}  // namespace

TEST_CASE("healthz: a database that cannot be written is unhealthy, as the webhooks find it") {
  LedgerFixture f;
  REQUIRE(f.http->Post("/webhook/sim", sim_report("before"), "application/json")->status == 200);
  REQUIRE(f.http->Get("/healthz")->status == 200);
  const auto db = f.app->database_path();
  {
    Unwritable locked({db, db.string() + "-wal"});
    auto health = f.http->Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 503);
    const auto body = nlohmann::json::parse(health->body);
    CHECK(body["ok"] == false);
    CHECK(body["db"].get<std::string>().find("cannot be written") != std::string::npos);
    if (Unwritable::blocks_open_files()) {
      CHECK(f.http->Post("/webhook/sim", sim_report("while-locked"), "application/json")->status == 503);
    }
  }
  CHECK(f.http->Get("/healthz")->status == 200);
  CHECK(f.http->Post("/webhook/sim", sim_report("after"), "application/json")->status == 200);
}

TEST_CASE("healthz: paike does not start on a database it cannot write, and says why") {
  TempDir dir;
  auto loaded = load_demo_deployment();
  REQUIRE(loaded.ok());
  const auto db_file = dir.path() / "paike.db";
  REQUIRE(Database::open(db_file));  // an existing database, closed again
  std::filesystem::remove(db_file.string() + "-wal");
  std::filesystem::remove(db_file.string() + "-shm");
  Unwritable locked({db_file});
  AppOptions options;
  options.data_dir = dir.path();
  options.port = 0;
  options.run_workers = false;
  auto created = App::create(loaded.deployment, std::move(options));
  REQUIRE_FALSE(created);
  INFO(created.error().message);
  CHECK((created.error().code == ErrorCode::read_only || created.error().code == ErrorCode::open_failed));
  CHECK(created.error().message.find(db_file.string()) != std::string::npos);
}
