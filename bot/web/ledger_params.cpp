#include "bot/web/ledger_params.h"

#include <cstdio>

namespace paike::web {

namespace {
constexpr const char* kNames[] = {"status", "village", "grid_id", "category", "overdue",
                                  "from",   "to",      "q",       "sort",     "page"};
}  // namespace

std::map<std::string, std::string> ledger_params(const ParamGetter& get) {
  std::map<std::string, std::string> out;
  for (const char* name : kNames) {
    std::string value = get(name);
    if (!value.empty()) out[name] = value;
  }
  return out;
}

std::optional<TimePoint> parse_local_date(std::string_view text, const TimeZone& zone) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  const TimePoint utc_midnight = std::chrono::sys_days(ymd);
  // The offset at local midnight; evaluating it near the instant is exact outside DST jumps.
  return utc_midnight - zone.offset_at(utc_midnight);
}

Result<LedgerQuery> ledger_query(const ParamGetter& get, const Deployment& d, TimePoint now) {
  LedgerQuery q;
  q.now = now;
  q.status = get("status");
  if (!q.status.empty() && q.status != "open" && !parse_status(q.status)) {
    return make_error(ErrorCode::bad_status,
                      "unknown status '" + q.status + "'; use open, assigned, rectified, closed, withdrawn or merged");
  }
  q.village = get("village");
  q.grid_id = get("grid_id");
  if (!q.grid_id.empty() && !d.find_grid(q.grid_id))
    return make_error(ErrorCode::bad_grid, "unknown grid_id '" + q.grid_id + "'");
  q.category = get("category");
  if (!q.category.empty() && !d.find_category(q.category)) {
    return make_error(ErrorCode::bad_category, "unknown category '" + q.category + "'");
  }
  const std::string overdue = get("overdue");
  q.overdue_only = overdue == "1" || overdue == "true" || overdue == "on";
  for (const char* name : {"from", "to"}) {
    const std::string value = get(name);
    if (value.empty()) continue;
    auto at = parse_local_date(value, d.time_zone);
    if (!at) return make_error(ErrorCode::bad_date, std::string(name) + " must be a date like 2026-11-22");
    if (std::string(name) == "from")
      q.created_from = *at;
    else
      q.created_to = *at + std::chrono::days(1);
  }
  q.text = get("q");
  if (q.text.size() > 200) return make_error(ErrorCode::bad_words, "q is too long");
  const std::string sort = get("sort");
  if (!sort.empty()) {
    auto parsed = parse_ledger_sort(sort);
    if (!parsed)
      return make_error(ErrorCode::bad_sort,
                        "unknown sort '" + sort + "'; use newest, oldest, due, due_desc or village");
    q.sort = *parsed;
  }
  q.limit = kLedgerPageSize;
  const std::string page = get("page");
  if (!page.empty()) {
    if (page.size() > 6 || page.find_first_not_of("0123456789") != std::string::npos || std::stoi(page) < 1) {
      return make_error(ErrorCode::bad_page, "page must be a number from 1");
    }
    q.offset = (std::stoi(page) - 1) * kLedgerPageSize;
  }
  return q;
}

}  // namespace paike::web
