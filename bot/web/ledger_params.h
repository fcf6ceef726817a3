// The ledger's filters as request parameters (list page, export button, `paike export`):
// status, village, grid_id, category, overdue=1, from/to (YYYY-MM-DD, local dates, `to`
// inclusive), q (words), sort, page. One parser for all three, so they filter alike.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "config/deployment.h"
#include "config/result.h"
#include "storage/ledger_query.h"

namespace paike::web {

inline constexpr int kLedgerPageSize = 30;

using ParamGetter = std::function<std::string(const std::string& name)>;

// The recognised parameters' non-empty values (to rebuild links and the export URL).
std::map<std::string, std::string> ledger_params(const ParamGetter& get);
// Fails with a code naming the filter (bad_status, bad_grid, bad_category, bad_date,
// bad_words, bad_sort, bad_page; the ledger page words it) and an English message saying
// which value is wrong (for `paike export`).
Result<LedgerQuery> ledger_query(const ParamGetter& get, const Deployment& deployment, TimePoint now);

// Local midnight of "2026-11-22" in `zone`; nullopt if malformed.
std::optional<TimePoint> parse_local_date(std::string_view text, const TimeZone& zone);

}  // namespace paike::web
