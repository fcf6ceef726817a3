#include "storage/ledger_query.h"

#include <variant>

#include "storage/sql_time.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

constexpr std::pair<LedgerSort, std::string_view> kSorts[] = {
    {LedgerSort::newest, "newest"},       {LedgerSort::oldest, "oldest"},   {LedgerSort::due_soonest, "due"},
    {LedgerSort::due_latest, "due_desc"}, {LedgerSort::village, "village"},
};

const char* order_by(LedgerSort sort) {
  switch (sort) {
    case LedgerSort::oldest:
      return "id ASC";
    case LedgerSort::due_soonest:
      return "due_at ASC, id ASC";
    case LedgerSort::due_latest:
      return "due_at DESC, id DESC";
    case LedgerSort::village:
      return "village ASC, id DESC";
    case LedgerSort::newest:
      break;
  }
  return "id DESC";
}

// "50%_off" → "50\%\_off", for LIKE … ESCAPE '\'.
std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// WHERE clause and its parameters, built once and bound to several statements.
struct Where {
  std::string sql = " WHERE 1=1";
  std::vector<std::variant<int64_t, std::string>> params;

  void add(const std::string& clause, std::variant<int64_t, std::string> value) {
    sql += " AND " + clause;
    params.push_back(std::move(value));
  }
  void bind(Statement& q, int first = 1) const {
    int i = first;
    for (const auto& p : params) {
      if (const auto* n = std::get_if<int64_t>(&p))
        q.bind(i++, *n);
      else
        q.bind(i++, std::get<std::string>(p));
    }
  }
};

// Everything but status and overdue, so the counts show the other states too.
Where base_where(const LedgerQuery& f) {
  Where w;
  if (f.scope) {
    if (f.scope->empty()) {
      w.sql += " AND 1=0";  // a condition, not 0: PostgreSQL wants a boolean
    } else {
      w.sql += " AND village IN (";
      for (size_t i = 0; i < f.scope->size(); ++i) {
        w.sql += i ? ",?" : "?";
        w.params.push_back((*f.scope)[i]);
      }
      w.sql += ")";
    }
  }
  if (!f.village.empty()) w.add("village = ?", f.village);
  if (!f.grid_id.empty()) w.add("grid_id = ?", f.grid_id);
  if (!f.category.empty()) w.add("category = ?", f.category);
  if (f.created_from) w.add("created_at >= ?", epoch_seconds(*f.created_from));
  if (f.created_to) w.add("created_at < ?", epoch_seconds(*f.created_to));
  if (!f.text.empty()) {
    // lower() on both sides: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's does not.
    const std::string pattern = like_pattern(f.text);
    w.sql +=
        " AND (lower(text) LIKE lower(?) ESCAPE '\\' OR lower(COALESCE(landmark, '')) LIKE lower(?) ESCAPE '\\'"
        " OR lower(reporter_name) LIKE lower(?) ESCAPE '\\')";
    w.params.insert(w.params.end(), {pattern, pattern, pattern});
  }
  return w;
}

}  // namespace

std::optional<LedgerSort> parse_ledger_sort(std::string_view code) {
  for (const auto& [sort, name] : kSorts) {
    if (name == code) return sort;
  }
  return std::nullopt;
}

std::string_view ledger_sort_code(LedgerSort sort) {
  for (const auto& [value, name] : kSorts) {
    if (value == sort) return name;
  }
  return "newest";
}

LedgerPage search_ledger(Database& db, const LedgerQuery& f) {
  LedgerPage page;
  const Where base = base_where(f);

  Statement counts(db,
                   "SELECT status, COUNT(*), SUM(CASE WHEN status IN ('assigned', 'rectified') AND due_at < ? "
                   "THEN 1 ELSE 0 END) "
                   "FROM tickets" +
                       base.sql + " GROUP BY status");
  counts.bind(1, epoch_seconds(f.now));
  base.bind(counts, 2);
  int64_t overdue = 0;
  while (counts.step()) {
    page.counts[counts.column(0).text()] = counts.column(1).int64();
    overdue += counts.column(2).int64();
  }
  page.counts["overdue"] = overdue;

  Where w = base;
  if (f.status == "open") {
    w.sql += " AND status IN ('assigned', 'rectified')";
  } else if (f.status == "finished") {
    w.sql += " AND status NOT IN ('assigned', 'rectified')";
  } else if (!f.status.empty()) {
    w.add("status = ?", f.status);
  }
  if (f.overdue_only) w.add("status IN ('assigned', 'rectified') AND due_at < ?", epoch_seconds(f.now));

  Statement total(db, "SELECT COUNT(*) FROM tickets" + w.sql);
  w.bind(total);
  total.step();
  page.total = total.column(0).int64();

  std::string sql = "SELECT id FROM tickets" + w.sql + " ORDER BY " + order_by(f.sort);
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(std::max(0, f.offset));
  Statement ids(db, sql);
  w.bind(ids);
  TicketRepo repo(db);
  while (ids.step()) {
    if (auto t = repo.get(ids.column(0).int64())) page.tickets.push_back(std::move(*t));
  }
  return page;
}

std::vector<VillageFigures> village_figures(Database& db, const std::vector<std::string>& villages, TimePoint from,
                                            TimePoint to, TimePoint now) {
  Statement q(db,
              // CASE, not SUM(condition): PostgreSQL does not add up booleans.
              "SELECT SUM(CASE WHEN status IN ('assigned', 'rectified') THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN status IN ('assigned', 'rectified') AND due_at < ?1 THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN status = 'closed' AND closed_at >= ?2 AND closed_at < ?3 THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN status = 'closed' AND closed_at >= ?2 AND closed_at < ?3 AND closed_at <= due_at "
              "THEN 1 ELSE 0 END), "
              "AVG(CASE WHEN status = 'closed' AND closed_at >= ?2 AND closed_at < ?3 "
              "THEN closed_at - created_at END) FROM tickets WHERE village = ?4");
  std::vector<VillageFigures> rows;
  for (const auto& village : villages) {
    q.reset();
    q.bind(1, epoch_seconds(now));
    q.bind(2, epoch_seconds(from));
    q.bind(3, epoch_seconds(to));
    q.bind(4, village);
    q.step();
    VillageFigures v;
    v.village = village;
    v.open = q.column(0).is_null() ? 0 : q.column(0).int64();
    v.overdue = q.column(1).is_null() ? 0 : q.column(1).int64();
    v.closed = q.column(2).is_null() ? 0 : q.column(2).int64();
    v.closed_on_time = q.column(3).is_null() ? 0 : q.column(3).int64();
    v.avg_close_hours = q.column(4).is_null() ? 0 : q.column(4).real() / 3600.0;
    rows.push_back(std::move(v));
  }
  return rows;
}

}  // namespace paike
