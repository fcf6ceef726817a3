#include "storage/photo_store.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <vector>

#include "support/temp_dir.h"

using namespace paike;
namespace fs = std::filesystem;

namespace {
const std::string kSha = "742a1baad62ac82e91e718e77eedf7e85c2eddc4badfb8c87c6cbc86c45a8b07";
}

TEST_CASE("photos are stored by sha256 only, originals private") {
  test::TempDir dir;
  PhotoStore store(dir.path());
  auto original = store.put(kSha, PhotoVariant::original, "raw bytes");
  REQUIRE(original);
  CHECK(original->filename() == kSha);
  CHECK((fs::status(*original).permissions() & fs::perms::others_read) == fs::perms::none);
  CHECK((fs::status(original->parent_path()).permissions() & fs::perms::others_exec) == fs::perms::none);
  auto display = store.put(kSha, PhotoVariant::display, "jpeg");
  REQUIRE(display);
  CHECK(store.find(kSha, PhotoVariant::display) == *display);
  CHECK_FALSE(store.find(kSha, PhotoVariant::thumbnail));
  // Idempotent: the same photo again leaves the file as it was.
  REQUIRE(store.put(kSha, PhotoVariant::display, "other"));
  std::ifstream in(*display);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  CHECK(content == "jpeg");
}

TEST_CASE("a name that is not a sha256 never reaches the file system") {
  test::TempDir dir;
  PhotoStore store(dir.path());
  for (const std::string& bad :
       std::vector<std::string>{"../../etc/passwd", "", "ABCDEF", kSha + "0", kSha.substr(0, 63) + "/"}) {
    CHECK_FALSE(store.put(bad, PhotoVariant::original, "x"));
    CHECK_FALSE(store.find(bad, PhotoVariant::original));
  }
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("voice notes are stored apart from photos and as private as originals") {
  test::TempDir dir;
  PhotoStore store(dir.path());
  auto voice = store.put(kSha, PhotoVariant::voice, "#!AMR\n");
  REQUIRE(voice);
  CHECK(*voice == dir.path() / "voices" / kSha.substr(0, 2) / kSha);
  CHECK((fs::status(*voice).permissions() & (fs::perms::group_read | fs::perms::others_read)) == fs::perms::none);
  CHECK((fs::status(dir.path() / "voices").permissions() & fs::perms::others_exec) == fs::perms::none);
  CHECK(store.read(kSha, PhotoVariant::voice) == "#!AMR\n");
  CHECK_FALSE(store.find(kSha, PhotoVariant::original));  // never served as a photo
}
