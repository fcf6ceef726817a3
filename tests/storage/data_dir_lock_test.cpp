// DataDirLock (issue 26): one holder per data dir, named to whoever is refused, and gone with
// its process however that process ends.
#include "storage/data_dir_lock.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/file_text.h"
#include "support/temp_dir.h"

using namespace paike;
using paike::test::file_text;

TEST_CASE("data dir lock: a second lock on the same data dir is refused and the refusal names the holder") {
  test::TempDir dir;
  auto first = DataDirLock::take(dir.path(), "paike serve on 127.0.0.1:8080");
  REQUIRE(first);
  const std::string pid = std::to_string(::getpid());
  CHECK(file_text(dir / "paike.lock").find("pid: " + pid + "\n") != std::string::npos);

  auto second = DataDirLock::take(dir.path(), "paike serve on 127.0.0.1:8081");
  REQUIRE_FALSE(second);
  CHECK(second.error().code == ErrorCode::data_dir_in_use);
  const std::string& message = second.error().message;
  CHECK(message.find("the data dir " + dir.path().string() + " is in use by another paike (pid " + pid +
                     ", started ") != std::string::npos);
  CHECK(message.find(", paike serve on 127.0.0.1:8080)") != std::string::npos);
  CHECK(message.find("postgresql") != std::string::npos);
  // The refused one did not overwrite the holder's description.
  CHECK(file_text(dir / "paike.lock").find("8081") == std::string::npos);
}

TEST_CASE("data dir lock: describe rewrites the holder in place and keeps the lock") {
  test::TempDir dir;
  auto lock = DataDirLock::take(dir.path(), "paike serve on 127.0.0.1:0, starting up");
  REQUIRE(lock);
  REQUIRE(lock->describe("paike serve on 127.0.0.1:41234"));
  const std::string text = file_text(dir / "paike.lock");
  CHECK(text.find("holder: paike serve on 127.0.0.1:41234\n") != std::string::npos);
  CHECK(text.find("starting up") == std::string::npos);  // the longer old text is cut off

  auto second = DataDirLock::take(dir.path(), "another");
  REQUIRE_FALSE(second);
  CHECK(second.error().message.find("paike serve on 127.0.0.1:41234)") != std::string::npos);
}

TEST_CASE("data dir lock: released when destroyed or moved from, the next one takes it") {
  test::TempDir dir;
  {
    auto lock = DataDirLock::take(dir.path(), "first");
    REQUIRE(lock);
    DataDirLock moved = std::move(*lock);  // the moved-from one does not release it
    CHECK_FALSE(DataDirLock::take(dir.path(), "second"));
  }
  CHECK(file_text(dir / "paike.lock").empty());  // no description of a process that let go
  auto again = DataDirLock::take(dir.path(), "third");
  REQUIRE(again);
  CHECK(file_text(dir / "paike.lock").find("holder: third\n") != std::string::npos);
}

TEST_CASE("data dir lock: a control character in the description does not reach the refusal") {
  test::TempDir dir;
  auto lock = DataDirLock::take(dir.path(), "paike\nserve\x1b[31m");
  REQUIRE(lock);
  auto second = DataDirLock::take(dir.path(), "x");
  REQUIRE_FALSE(second);
  CHECK(second.error().message.find("paike serve [31m)") != std::string::npos);
}

TEST_CASE("data dir lock: a data dir that does not exist fails with data_dir, not in use") {
  test::TempDir dir;
  auto lock = DataDirLock::take(dir / "missing", "x");
  REQUIRE_FALSE(lock);
  CHECK(lock.error().code == ErrorCode::data_dir);
  CHECK(lock.error().message.find("paike.lock") != std::string::npos);
}

TEST_CASE("data dir lock: the lock of a process killed with SIGKILL dies with it") {
  test::TempDir dir;
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto lock = DataDirLock::take(dir.path(), "the child");
    const char ok = lock ? 1 : 0;
    if (::write(ready[1], &ok, 1) != 1) ::_exit(1);
    for (;;) ::pause();
  }
  ::close(ready[1]);
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  ::close(ready[0]);
  REQUIRE(ok == 1);

  auto refused = DataDirLock::take(dir.path(), "the parent");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::data_dir_in_use);
  CHECK(refused.error().message.find("(pid " + std::to_string(child) + ", ") != std::string::npos);
  CHECK(refused.error().message.find("the child)") != std::string::npos);

  ::kill(child, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  // Nothing cleaned up after the child: the kernel dropped its lock, the file still names it.
  CHECK(file_text(dir / "paike.lock").find("the child") != std::string::npos);
  auto taken = DataDirLock::take(dir.path(), "the parent");
  REQUIRE(taken);
  CHECK(file_text(dir / "paike.lock").find("pid: " + std::to_string(::getpid()) + "\n") != std::string::npos);
}
