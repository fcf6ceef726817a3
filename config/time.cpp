#include "config/time.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <memory>

namespace paike {

struct TimeZone::IcuZone {
  std::unique_ptr<icu::TimeZone> zone;
};

std::optional<TimeZone> TimeZone::find(std::string_view name) {
  if (name.empty()) return std::nullopt;
  auto id = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  auto zone = std::make_shared<IcuZone>(IcuZone{std::unique_ptr<icu::TimeZone>(icu::TimeZone::createTimeZone(id))});
  icu::UnicodeString resolved, unknown;
  zone->zone->getID(resolved);
  icu::TimeZone::getUnknown().getID(unknown);
  // ICU answers unknown names with the "Etc/Unknown" zone rather than failing.
  if (resolved == unknown) return std::nullopt;
  return TimeZone(std::string(name), std::move(zone));
}

TimeZone TimeZone::shanghai() { return *find("Asia/Shanghai"); }

std::chrono::seconds TimeZone::offset_at(TimePoint at) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->zone->getOffset(static_cast<UDate>(at.time_since_epoch().count()) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return std::chrono::seconds(0);
  return std::chrono::seconds((raw + dst) / 1000);
}

namespace {

struct LocalFields {
  int year, month, day, hour, minute, second;
  long offset_seconds;
};

LocalFields local_fields(TimePoint at, const TimeZone& zone) {
  auto offset = zone.offset_at(at);
  auto local = at + offset;
  auto days = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day ymd(days);
  std::chrono::hh_mm_ss hms(local - days);
  return {int(ymd.year()),
          int(unsigned(ymd.month())),
          int(unsigned(ymd.day())),
          int(hms.hours().count()),
          int(hms.minutes().count()),
          int(hms.seconds().count()),
          static_cast<long>(offset.count())};
}

}  // namespace

std::string format_iso8601(TimePoint at, const TimeZone& zone) {
  auto f = local_fields(at, zone);
  char sign = f.offset_seconds < 0 ? '-' : '+';
  long off = f.offset_seconds < 0 ? -f.offset_seconds : f.offset_seconds;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", f.year, f.month, f.day, f.hour, f.minute,
                f.second, sign, off / 3600, (off % 3600) / 60);
  return buf;
}

std::string format_chat_time(TimePoint at, const TimeZone& zone) {
  auto f = local_fields(at, zone);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d月%d日 %02d:%02d", f.month, f.day, f.hour, f.minute);
  return buf;
}

std::string format_local_date(TimePoint at, const TimeZone& zone) {
  auto f = local_fields(at, zone);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", f.year, f.month, f.day);
  return buf;
}

namespace {

bool read_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<TimePoint> parse_iso8601(std::string_view text) {
  int y, mo, d, h, mi, s;
  if (!read_int(text, 0, 4, y) || text.size() < 19 || text[4] != '-' || !read_int(text, 5, 2, mo) || text[7] != '-' ||
      !read_int(text, 8, 2, d) || (text[10] != 'T' && text[10] != ' ') || !read_int(text, 11, 2, h) ||
      text[13] != ':' || !read_int(text, 14, 2, mi) || text[16] != ':' || !read_int(text, 17, 2, s))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(mo)),
                                  std::chrono::day(unsigned(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  long offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!read_int(text, pos + 1, 2, oh)) return std::nullopt;
    size_t mpos = pos + 3;
    if (mpos < text.size() && text[mpos] == ':') ++mpos;
    if (!read_int(text, mpos, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset = (oh * 3600L + om * 60L) * (text[pos] == '-' ? -1 : 1);
    pos = mpos + 2;
  } else {
    return std::nullopt;  // an instant without offset is ambiguous
  }
  if (pos != text.size()) return std::nullopt;
  auto local = std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
  return TimePoint(local - std::chrono::seconds(offset));
}

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long total = 0;
  size_t i = 0;
  while (i < text.size()) {
    long long n = 0;
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > 100000000) return std::nullopt;
      ++i;
    }
    if (i == start || i == text.size()) return std::nullopt;
    switch (text[i]) {
      case 'd':
        total += n * 86400;
        break;
      case 'h':
        total += n * 3600;
        break;
      case 'm':
        total += n * 60;
        break;
      case 's':
        total += n;
        break;
      default:
        return std::nullopt;
    }
    ++i;
  }
  return Duration(total);
}

std::string format_duration(Duration d) {
  long long s = d.count();
  if (s == 0) return "0s";
  std::string out;
  const std::pair<long long, const char*> units[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (auto [size, name] : units) {
    if (s >= size) {
      out += std::to_string(s / size) + name;
      s %= size;
    }
  }
  return out;
}

LocalDate local_date(TimePoint at, const TimeZone& zone) {
  return LocalDate(std::chrono::floor<std::chrono::days>(at + zone.offset_at(at)));
}

TimePoint local_time_on(LocalDate day, int minute_of_day, const TimeZone& zone) {
  const auto naive = TimePoint(std::chrono::sys_days(day)) + std::chrono::minutes(minute_of_day);
  // The offset in force at the wanted local time: guess with the offset at the naive instant,
  // then correct once (enough for zones whose offset changes at most by an hour).
  auto guess = naive - zone.offset_at(naive);
  return naive - zone.offset_at(guess);
}

int local_minute_of_day(TimePoint at, const TimeZone& zone) {
  auto f = local_fields(at, zone);
  return f.hour * 60 + f.minute;
}

std::optional<LocalDate> parse_local_date(std::string_view text) {
  int y, mo, d;
  if (text.size() != 10 || !read_int(text, 0, 4, y) || text[4] != '-' || !read_int(text, 5, 2, mo) || text[7] != '-' ||
      !read_int(text, 8, 2, d))
    return std::nullopt;
  LocalDate day{std::chrono::year(y), std::chrono::month(unsigned(mo)), std::chrono::day(unsigned(d))};
  if (!day.ok()) return std::nullopt;
  return day;
}

std::string format_date(LocalDate day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  return buf;
}

}  // namespace paike
