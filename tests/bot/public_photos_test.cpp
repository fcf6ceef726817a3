#include "bot/public_photos.h"

#include <catch2/catch.hpp>

#include <chrono>

#include "support/jpeg.h"
#include "support/temp_dir.h"
#include "support/wait_until.h"
#include "vision/photo.h"

using namespace paike;

TEST_CASE("the first request for a public copy makes the display copy and the thumbnail from the original") {
  test::TempDir dir;
  PhotoStore store(dir / "photos");
  const std::string original = test::make_jpeg(1600, 1200, 3);
  auto facts = vision::process_photo(original, VisionOptions{});
  REQUIRE(facts.ok());
  const std::string sha = facts->facts.sha256;
  REQUIRE(store.put(sha, PhotoVariant::original, original));
  CHECK_FALSE(store.find(sha, PhotoVariant::thumbnail));

  auto thumbnail = public_photo(store, sha, PhotoVariant::thumbnail, VisionOptions{});
  REQUIRE(thumbnail);
  CHECK(test::decode_size(*thumbnail) == cv::Size(320, 240));
  REQUIRE(store.find(sha, PhotoVariant::display));  // made in the same step
  auto display = public_photo(store, sha, PhotoVariant::display, VisionOptions{});
  REQUIRE(display);
  CHECK(test::decode_size(*display) == cv::Size(1280, 960));
  CHECK(*display == *store.read(sha, PhotoVariant::display));
  CHECK_FALSE(public_photo(store, std::string(64, 'a'), PhotoVariant::thumbnail, VisionOptions{}));
}

TEST_CASE("the public photo maker makes the copies of newly stored photos without being asked") {
  test::TempDir dir;
  PhotoStore store(dir / "photos");
  VisionOptions options;
  std::vector<std::string> shas;
  std::vector<StoredPhoto> stored;
  // More than the maker holds pixels for: the ones beyond are decoded again from the original.
  for (int seed = 1; seed <= int(PublicPhotoMaker::kHeldPixels) + 2; ++seed) {
    const std::string original = test::make_jpeg(800, 600, seed);
    auto processed = vision::process_photo(original, options);
    REQUIRE(processed.ok());
    REQUIRE(store.put(processed->facts.sha256, PhotoVariant::original, original));
    shas.push_back(processed->facts.sha256);
    stored.push_back({processed->facts.sha256, processed->display});
  }
  // The last one without pixels, as after a restart.
  stored.back().display.release();
  PublicPhotoMaker maker(store, options, /*idle_priority=*/false);
  maker.start();
  maker.add(std::move(stored));
  auto all_made = [&] {
    for (const auto& sha : shas) {
      if (!store.find(sha, PhotoVariant::display) || !store.find(sha, PhotoVariant::thumbnail)) return false;
    }
    return true;
  };
  test::wait_until(all_made, std::chrono::seconds(30));
  maker.stop();
  CHECK(all_made());
}
