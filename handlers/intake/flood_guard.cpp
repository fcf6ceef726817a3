#include "handlers/intake/flood_guard.h"

#include "handlers/reply.h"

namespace paike {

namespace {

constexpr Duration kWindow = std::chrono::minutes(1);

}  // namespace

std::string sender_flood_notice(const Wording& w, const std::string& user_name) {
  return w.render("flood.sender", {{"mention", user_name.empty() ? std::string() : "@" + user_name + " "}});
}

std::string group_flood_notice(const Wording& w) { return w.render("flood.group"); }

FloodVerdict FloodGuard::check(Database& db, const InboxRow& row, const ChatEvent& event) const {
  Inbox inbox(db);
  const TimePoint since = row.received_at - kWindow + Duration(1);
  FloodVerdict verdict;
  auto over = [&](const std::string* user, int limit, const std::string& reason) {
    if (inbox.count_recent(row.platform, row.group_id, user, since, row.id) < limit) return false;
    verdict.handle = false;
    verdict.reason = reason;
    // Only the first skipped event of the minute is answered, so the notice cannot flood too.
    if (inbox.count_recent(row.platform, row.group_id, user, since, row.id, &reason) == 0) {
      if (user) {
        verdict.notice = reply(event, sender_flood_notice(wording_, event.user_name),
                               event.user_name.empty() ? std::vector<std::string>{} : std::vector{event.user_id});
      } else {
        verdict.notice = reply(event, group_flood_notice(wording_));
      }
    }
    return true;
  };
  if (over(&row.user_id, limits_.user_events_per_minute, "throttled_user")) return verdict;
  over(nullptr, limits_.group_events_per_minute, "throttled_group");
  return verdict;
}

}  // namespace paike
