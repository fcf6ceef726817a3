#include "handlers/schedule/scheduled_work.h"

#include <spdlog/spdlog.h>

#include "config/digest.h"
#include "handlers/digest/digest.h"
#include "handlers/digest/digest_chart.h"
#include "handlers/schedule/followup.h"
#include "handlers/schedule/notify_targets.h"
#include "handlers/schedule/points.h"
#include "handlers/schedule/reminders.h"
#include "storage/outbox.h"
#include "storage/schedule_marks.h"

namespace paike {

ScheduledCounts ScheduledWork::run_due(Database& db, TimePoint now) {
  ScheduledCounts counts;
  db.transaction([&] { router_.on_tick(db, now); });
  counts.reminder_steps = db.transaction([&] { return send_due_reminders(db, deployment_, now); });
  counts.followups_asked = db.transaction([&] { return ask_due_followups(db, deployment_, now); });
  counts.points_added = db.transaction([&] { return accrue_points(db, deployment_, now); });
  counts.digest_sent = send_digest_if_due(db, now);
  return counts;
}

bool ScheduledWork::send_digest_if_due(Database& db, TimePoint now) {
  const auto& d = deployment_;
  if (local_minute_of_day(now, d.time_zone) < d.schedule.digest.send_minute) return false;
  const LocalDate today = local_date(now, d.time_zone);
  const std::string mark = "digest:" + format_date(today);
  if (ScheduleMarks(db).is_marked(mark)) return false;
  auto target = township_group(d.groups.empty() ? "sim" : d.groups.front().platform, d);
  if (!target) {
    db.transaction([&] { ScheduleMarks(db).mark_once(mark, now); });
    spdlog::warn("digest: no township group configured; not sent");
    return false;
  }
  // Built and drawn outside the write transaction (reads only); the chart file is content-
  // addressed, so writing it again after a crash is harmless.
  const Digest digest = build_digest(db, d, today);
  OutgoingMessage m;
  m.platform = target->platform;
  m.group_id = target->group_id;
  m.text = digest_text(digest, d);
  const ChartRender chart = render_digest_chart(digest, d);
  const std::string sha = crypto::sha256_hex(chart.png);
  if (photos_.put(sha, PhotoVariant::chart, chart.png)) {
    m.image_sha256 = sha;
    m.image_format = "png";
  } else {
    spdlog::warn("digest: chart not stored; sending the text alone");
  }
  for (const auto& p : d.people) {
    if (p.role == Role::township_supervisor) m.mentions.push_back(p.user_id);
  }
  return db.transaction([&] {
    if (!ScheduleMarks(db).mark_once(mark, now)) return false;  // another run sent it meanwhile
    Outbox(db).enqueue(m, now);
    spdlog::info("digest {}: queued for {}/{}", format_date(today), m.platform, m.group_id);
    return true;
  });
}

}  // namespace paike
