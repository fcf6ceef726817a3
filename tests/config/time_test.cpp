#include "config/time.h"

#include <catch2/catch.hpp>

using namespace paike;

TEST_CASE("time: ISO 8601 round trip in Asia/Shanghai") {
  auto t = parse_iso8601("2026-11-22T08:00:00+08:00");
  REQUIRE(t);
  CHECK(t == parse_iso8601("2026-11-22T00:00:00Z"));
  auto zone = TimeZone::shanghai();
  CHECK(format_iso8601(*t, zone) == "2026-11-22T08:00:00+08:00");
  CHECK(format_chat_time(*t + std::chrono::hours(37), zone) == "11月23日 21:00");
  CHECK(format_local_date(*t - std::chrono::hours(9), zone) == "2026-11-21");
}

TEST_CASE("time: malformed instants are refused") {
  CHECK_FALSE(parse_iso8601(""));
  CHECK_FALSE(parse_iso8601("2026-11-22 08:00"));
  CHECK_FALSE(parse_iso8601("2026-13-22T08:00:00+08:00"));
  CHECK_FALSE(parse_iso8601("2026-11-22T08:00:00"));  // no offset: ambiguous
  CHECK_FALSE(parse_iso8601("2026-11-22T08:00:00+08:00junk"));
}

TEST_CASE("time: durations") {
  CHECK(parse_duration("1d") == Duration(86400));
  CHECK(parse_duration("4h") == Duration(14400));
  CHECK(parse_duration("1d12h") == Duration(129600));
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("3"));
  CHECK_FALSE(parse_duration("3天"));
  CHECK(format_duration(Duration(129600)) == "1d12h");
}

TEST_CASE("time: unknown zone names are refused") {
  CHECK(TimeZone::find("Asia/Shanghai"));
  CHECK_FALSE(TimeZone::find("Mars/Olympus"));
}
