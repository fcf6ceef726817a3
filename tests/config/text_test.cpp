// clean_text: what every text a person sends goes through, and every writer applies.
#include <catch2/catch.hpp>

#include "config/text.h"

using namespace paike;

TEST_CASE("clean_text drops control characters but tab and newline, and turns CR into a newline") {
  const char raw[] = "南河桥\x01边\0有垃圾\x7F";  // with a NUL inside
  CHECK(clean_text(std::string(raw, sizeof raw - 1)) == "南河桥边有垃圾");
  CHECK(clean_text("第一行\r\n第二行\r第三行\t完") == "第一行\n第二行\n第三行\t完");
  CHECK(clean_text("\xC2\x85"
                   "C1\xC2\x9B") == "C1");  // NEL, CSI
}

TEST_CASE("clean_text drops direction overrides and zero-width characters, keeping what they hid") {
  CHECK(clean_text("韩德福\u202Egnp.exe") == "韩德福gnp.exe");
  CHECK(clean_text("\u2066南\u2069大\u200F桥\u061C") == "南大桥");
  CHECK(clean_text("南\u200B大\u200C桥\u200D\u2060边\uFEFF") == "南大桥边");
}

TEST_CASE("clean_text makes broken UTF-8 valid and keeps every other character as it was") {
  CHECK(clean_text("垃圾\xFF\xC0\x80堆") == "垃圾\uFFFD\uFFFD\uFFFD堆");  // a stray byte, an overlong NUL
  CHECK(clean_text("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");              // a UTF-16 surrogate
  CHECK(clean_text("\xE5\x9E") == "\uFFFD\uFFFD");                        // cut short
  CHECK(clean_text("\xFF\xBF\xBF") == "\uFFFD\uFFFD\uFFFD");  // 0xF5-0xFF lead nothing (found by fuzz_clean_text)
  const std::string kept = "村口 #12 已整改 😀 139-0000-1234 \uFFFD ABC";
  CHECK(clean_text(kept) == kept);
  CHECK(clean_text("") == "");
}
