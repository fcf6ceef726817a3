#include "storage/inbox.h"

#include "storage/sql_time.h"

namespace paike {

namespace {

InboxRow read_inbox_row(Statement& q) {
  InboxRow row;
  row.id = q.column(0).int64();
  row.platform = q.column(1).text();
  row.event_id = q.column(2).text();
  row.group_id = q.column(3).text();
  row.user_id = q.column(4).text();
  row.received_at = TimePoint(Duration(q.column(5).int64()));
  row.state = q.column(6).text();
  row.payload = q.column(7).text();
  return row;
}

// The payload lives in inbox_payloads (see the migration), joined in only where it is wanted.
constexpr const char* kInboxColumns = "i.id, i.platform, i.event_id, i.group_id, i.user_id, i.received_at, i.state";
constexpr const char* kWithPayload =
    ", coalesce(p.payload, '') FROM inbox i LEFT JOIN inbox_payloads p ON p.inbox_id = i.id";

}  // namespace

bool Inbox::insert(const InboxEntry& e) {
  // Prepared once per Inbox: the group commit stores a whole batch through one.
  if (!insert_event_) {
    insert_event_ =
        std::make_unique<Statement>(db_,
                                    "INSERT INTO inbox (platform, event_id, group_id, user_id, received_at) "
                                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, event_id) DO NOTHING RETURNING id");
    insert_payload_ = std::make_unique<Statement>(db_, "INSERT INTO inbox_payloads (inbox_id, payload) VALUES (?, ?)");
  }
  Statement& q = *insert_event_;
  q.reset();
  q.bind(1, e.platform);
  q.bind(2, e.event_id);
  q.bind(3, e.group_id);
  q.bind(4, e.user_id);
  q.bind(5, static_cast<int64_t>(e.received_at.time_since_epoch().count()));
  if (!q.step()) return false;  // stored before
  const int64_t id = q.column(0).int64();
  q.reset();  // done with it: an unfinished statement would keep the commit from going through
  Statement& body = *insert_payload_;
  body.reset();
  body.bind(1, id);
  body.bind_no_copy(2, e.payload);  // a photo report's body is 100s of KB: not copied once more
  body.exec();
  return true;
}

std::optional<InboxRow> Inbox::next_pending(Payload payload) {
  return next_pending_after(0, payload);
}  // ids start at 1

std::optional<InboxRow> Inbox::next_pending_after(int64_t after_id, Payload payload) {
  Statement q(db_, std::string("SELECT ") + kInboxColumns +
                       (payload == Payload::read ? kWithPayload : ", '' FROM inbox i") +
                       " WHERE i.state = 'pending' AND i.id > ? ORDER BY i.id LIMIT 1");
  q.bind(1, after_id);
  if (!q.step()) return std::nullopt;
  return read_inbox_row(q);
}

std::optional<InboxRow> Inbox::claim_next(const Claim& claim, Payload payload) {
  if (db_.backend() == Backend::sqlite) return next_pending(payload);
  return db_.transaction([&]() -> std::optional<InboxRow> {
    Statement q(
        db_, std::string("SELECT ") + kInboxColumns + (payload == Payload::read ? kWithPayload : ", '' FROM inbox i") +
                 " WHERE i.state = 'pending' AND (i.lease_until IS NULL OR i.lease_until <= ? OR i.leased_by = ?)"
                 " AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.platform = i.platform"
                 " AND e.group_id = i.group_id AND e.state = 'pending' AND e.id < i.id)"
                 " ORDER BY i.id LIMIT 1");
    q.bind(1, epoch_seconds(claim.now));
    q.bind(2, claim.instance);
    if (!q.step()) return std::nullopt;
    InboxRow row = read_inbox_row(q);
    Statement lease(db_, "UPDATE inbox SET leased_by = ?, lease_until = ? WHERE id = ?");
    lease.bind(1, claim.instance);
    lease.bind(2, epoch_seconds(claim.until));
    lease.bind(3, row.id);
    lease.exec();
    return row;
  });
}

bool Inbox::still_claimed(int64_t id, const std::string& instance) {
  Statement q(db_, "SELECT state, leased_by FROM inbox WHERE id = ?");
  q.bind(1, id);
  if (!q.step() || q.column(0).text() != "pending") return false;
  return db_.backend() == Backend::sqlite || q.column(1).text() == instance;
}

void Inbox::release_claims_of(const std::string& instance) {
  Statement q(db_, "UPDATE inbox SET lease_until = NULL WHERE leased_by = ? AND state = 'pending'");
  q.bind(1, instance);
  q.exec();
}

std::optional<std::string> Inbox::payload(const std::string& platform, int64_t id) {
  Statement q(db_,
              "SELECT p.payload FROM inbox i JOIN inbox_payloads p ON p.inbox_id = i.id "
              "WHERE i.id = ? AND i.platform = ?");
  q.bind(1, id);
  q.bind(2, platform);
  if (!q.step()) return std::nullopt;
  return q.column(0).text();
}

void Inbox::mark_done(int64_t id, TimePoint at) {
  Statement q(db_, "UPDATE inbox SET state = 'done', processed_at = ? WHERE id = ?");
  q.bind(1, static_cast<int64_t>(at.time_since_epoch().count()));
  q.bind(2, id);
  q.exec();
}

void Inbox::mark_failed(int64_t id, TimePoint at, const std::string& error) {
  Statement q(db_, "UPDATE inbox SET state = 'failed', processed_at = ?, error = ? WHERE id = ?");
  q.bind(1, static_cast<int64_t>(at.time_since_epoch().count()));
  q.bind(2, error);
  q.bind(3, id);
  q.exec();
}

void Inbox::mark_skipped(int64_t id, TimePoint at, const std::string& reason) {
  Statement q(db_, "UPDATE inbox SET state = 'done', processed_at = ?, error = ? WHERE id = ?");
  q.bind(1, static_cast<int64_t>(at.time_since_epoch().count()));
  q.bind(2, reason);
  q.bind(3, id);
  q.exec();
}

int64_t Inbox::count_recent(const std::string& platform, const std::string& group_id, const std::string* user_id,
                            TimePoint since, int64_t before_id, const std::string* reason) {
  std::string sql = "SELECT count(*) FROM inbox WHERE platform = ? AND group_id = ? AND received_at >= ? AND id < ?";
  if (user_id) sql += " AND user_id = ?";
  if (reason) sql += " AND error = ?";
  Statement q(db_, sql);
  int i = 1;
  q.bind(i++, platform);
  q.bind(i++, group_id);
  q.bind(i++, static_cast<int64_t>(since.time_since_epoch().count()));
  q.bind(i++, before_id);
  if (user_id) q.bind(i++, *user_id);
  if (reason) q.bind(i++, *reason);
  q.step();
  return q.column(0).int64();
}

int64_t Inbox::count_pending() { return db_.query_int64("SELECT COUNT(*) FROM inbox WHERE state = 'pending'"); }

std::vector<InboxRow> Inbox::list_group(const std::string& platform, const std::string& group_id, int64_t after_id,
                                        int limit) {
  Statement q(db_, std::string("SELECT ") + kInboxColumns + kWithPayload +
                       " WHERE i.platform = ? AND i.group_id = ? AND i.id > ? ORDER BY i.id LIMIT ?");
  q.bind(1, platform);
  q.bind(2, group_id);
  q.bind(3, after_id);
  q.bind(4, limit);
  std::vector<InboxRow> rows;
  while (q.step()) rows.push_back(read_inbox_row(q));
  return rows;
}

std::optional<InboxRow> Inbox::find(const std::string& platform, const std::string& event_id) {
  Statement q(db_, std::string("SELECT ") + kInboxColumns + kWithPayload + " WHERE i.platform = ? AND i.event_id = ?");
  q.bind(1, platform);
  q.bind(2, event_id);
  if (!q.step()) return std::nullopt;
  return read_inbox_row(q);
}

}  // namespace paike
