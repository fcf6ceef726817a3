#include "bot/platforms/text_parts.h"

#include <catch2/catch.hpp>

using namespace paike;

namespace {

std::string lines(int count, const std::string& line) {
  std::string text;
  for (int i = 0; i < count; ++i) text += line + std::to_string(i) + "\n";
  return text;
}

std::string joined_without_labels(const std::vector<std::string>& parts) {
  std::string all;
  for (const auto& part : parts) {
    auto label = part.rfind("\n（");
    all += part.substr(0, label) + "\n";
  }
  return all;
}

}  // namespace

TEST_CASE("a text within the limit is one part, unchanged") {
  auto parts = split_text("已登记 #1【生活垃圾】", 2048, TextUnit::utf8_bytes);
  REQUIRE(parts == std::vector<std::string>{"已登记 #1【生活垃圾】"});
  REQUIRE(split_text("", 100, TextUnit::code_points) == std::vector<std::string>{""});
}

TEST_CASE("a long digest is cut at line breaks, every part within the byte limit and numbered") {
  std::string digest = lines(300, "韩家村 新增3 销号2 逾期1 第");  // ~12 KB of UTF-8
  auto parts = split_text(digest, 2048, TextUnit::utf8_bytes);
  REQUIRE(parts.size() >= 6);
  for (size_t i = 0; i < parts.size(); ++i) {
    CHECK(parts[i].size() <= 2048);
    CHECK(parts[i].ends_with("（" + std::to_string(i + 1) + "/" + std::to_string(parts.size()) + "）"));
  }
  CHECK(joined_without_labels(parts) == digest);  // nothing lost, nothing repeated, in order
}

TEST_CASE("a line longer than the limit is cut between characters, never inside one") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "垃";  // 9000 bytes, no line break
  auto parts = split_text(text, 2048, TextUnit::utf8_bytes);
  std::string all;
  for (const auto& part : parts) {
    REQUIRE(part.size() <= 2048);
    all += part.substr(0, part.rfind("\n（"));
  }
  CHECK(all == text);
  CHECK(text_length(parts[0].substr(0, parts[0].rfind("\n（")), TextUnit::code_points) * 3 == parts[0].rfind("\n（"));
}

TEST_CASE("UTF-16 units count an emoji as two, code points as one") {
  CHECK(text_length("😀垃a", TextUnit::utf16_units) == 4);
  CHECK(text_length("😀垃a", TextUnit::code_points) == 3);
  CHECK(text_length("😀垃a", TextUnit::utf8_bytes) == 8);
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "😀";
  for (const auto& part : split_text(text, 4096, TextUnit::utf16_units))
    CHECK(text_length(part, TextUnit::utf16_units) <= 4096);
}

TEST_CASE("ten parts or more get two-digit numbers and still fit") {
  std::string text = lines(2000, "待办 #");
  auto parts = split_text(text, 200, TextUnit::code_points);
  REQUIRE(parts.size() >= 10);
  for (const auto& part : parts) CHECK(text_length(part, TextUnit::code_points) <= 200);
  CHECK(joined_without_labels(parts) == text);
}
