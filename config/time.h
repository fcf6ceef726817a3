// Time values and their text forms. All instants are UTC seconds; the deployment's time zone
// only matters when a time is shown to a person or a day boundary is computed.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace paike {

using TimePoint = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;

// A named IANA zone ("Asia/Shanghai") resolved through ICU, so offsets follow the tz database.
// Copyable and safe to share between threads (ICU zones are immutable once built).
class TimeZone {
 public:
  // Returns nullopt when ICU does not know the name.
  static std::optional<TimeZone> find(std::string_view name);
  static TimeZone shanghai();

  const std::string& name() const { return name_; }
  // Offset from UTC in force at `at`.
  std::chrono::seconds offset_at(TimePoint at) const;

 private:
  struct IcuZone;
  TimeZone(std::string name, std::shared_ptr<const IcuZone> zone) : name_(std::move(name)), zone_(std::move(zone)) {}
  std::string name_;
  std::shared_ptr<const IcuZone> zone_;
};

// "2026-11-22T08:00:00+08:00"
std::string format_iso8601(TimePoint at, const TimeZone& zone);
// Accepts "2026-11-22T08:00:00+08:00", "...Z", fractional seconds. nullopt if malformed.
std::optional<TimePoint> parse_iso8601(std::string_view text);
// "11月23日 21:00" — how deadlines are shown in chat.
std::string format_chat_time(TimePoint at, const TimeZone& zone);
// "2026-11-22" local date.
std::string format_local_date(TimePoint at, const TimeZone& zone);

// Local calendar: the date an instant falls on, the instant a local day/time starts, the
// minute of the local day. Day boundaries follow the zone's offset on that day.
using LocalDate = std::chrono::year_month_day;
LocalDate local_date(TimePoint at, const TimeZone& zone);
TimePoint local_time_on(LocalDate day, int minute_of_day, const TimeZone& zone);  // minute 0: midnight
int local_minute_of_day(TimePoint at, const TimeZone& zone);
// "2026-11-23" → date; nullopt if malformed.
std::optional<LocalDate> parse_local_date(std::string_view text);
std::string format_date(LocalDate day);  // "2026-11-23"

// "1d", "4h", "30m", "90s", "1d12h"; nullopt if malformed or empty.
std::optional<Duration> parse_duration(std::string_view text);
std::string format_duration(Duration d);  // "1d", "4h", "1d12h"

}  // namespace paike
