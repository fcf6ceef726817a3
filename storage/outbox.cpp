#include "storage/outbox.h"

#include <nlohmann/json.hpp>

#include "storage/chat_key.h"
#include "storage/sql_time.h"

namespace paike {

namespace {

std::string text_or_empty(const Column& c) { return c.is_null() ? std::string() : c.text(); }

constexpr const char* kOutboxColumns =
    "id, platform, group_id, text, mentions, reply_to, image_sha256, ticket_id, state, attempts, created_at, "
    "next_attempt_at, sent_at, platform_message_id, last_error, image_format";

OutboxRow read_outbox_row(Statement& q) {
  OutboxRow row;
  row.id = q.column(0).int64();
  row.message.outbox_id = row.id;
  row.message.platform = q.column(1).text();
  auto chat = chat_from_key(q.column(2).text());
  row.message.group_id = std::move(chat.id);
  row.message.direct = chat.direct;
  row.message.text = q.column(3).text();
  auto mentions = nlohmann::json::parse(q.column(4).text(), nullptr, false);
  if (mentions.is_array()) {
    for (const auto& m : mentions) {
      if (m.is_string()) row.message.mentions.push_back(m.get<std::string>());
    }
  }
  row.message.reply_to = text_or_empty(q.column(5));
  row.message.image_sha256 = text_or_empty(q.column(6));
  if (!q.column(7).is_null()) row.message.ticket_id = q.column(7).int64();
  row.state = q.column(8).text();
  row.attempts = q.column(9).int32();
  row.created_at = from_epoch_seconds(q.column(10).int64());
  row.next_attempt_at = from_epoch_seconds(q.column(11).int64());
  if (!q.column(12).is_null()) row.sent_at = from_epoch_seconds(q.column(12).int64());
  row.platform_message_id = text_or_empty(q.column(13));
  row.last_error = text_or_empty(q.column(14));
  row.message.image_format = text_or_empty(q.column(15));
  return row;
}

}  // namespace

int64_t Outbox::enqueue(const OutgoingMessage& m, TimePoint now) {
  Statement q(db_,
              "INSERT INTO outbox (platform, group_id, text, mentions, reply_to, image_sha256, ticket_id, "
              "created_at, next_attempt_at, image_format) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id");
  q.bind(1, m.platform);
  q.bind(2, chat_key(m.group_id, m.direct));
  q.bind(3, m.text);
  q.bind(4, nlohmann::json(m.mentions).dump());
  if (m.reply_to.empty())
    q.bind(5);
  else
    q.bind(5, m.reply_to);
  if (m.image_sha256.empty())
    q.bind(6);
  else
    q.bind(6, m.image_sha256);
  if (m.ticket_id)
    q.bind(7, *m.ticket_id);
  else
    q.bind(7);
  q.bind(8, epoch_seconds(now));
  q.bind(9, epoch_seconds(now));
  if (m.image_format.empty())
    q.bind(10);
  else
    q.bind(10, m.image_format);
  q.step();
  return q.column(0).int64();
}

std::vector<OutboxRow> Outbox::next_due(TimePoint now, int limit) {
  // The head of each group's queue, if it is due: a later message never overtakes an
  // earlier one that is waiting for a retry.
  Statement q(db_, std::string("SELECT ") + kOutboxColumns +
                       " FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE state = 'pending' "
                       "GROUP BY platform, group_id) AND next_attempt_at <= ? ORDER BY id LIMIT ?");
  q.bind(1, epoch_seconds(now));
  q.bind(2, limit);
  std::vector<OutboxRow> rows;
  while (q.step()) rows.push_back(read_outbox_row(q));
  return rows;
}

std::vector<OutboxRow> Outbox::claim_due(TimePoint now, int limit, const Claim& claim) {
  if (db_.backend() == Backend::sqlite) return next_due(now, limit);
  return db_.transaction([&] {
    Statement q(db_, std::string("SELECT ") + kOutboxColumns +
                         " FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE state = 'pending' "
                         "GROUP BY platform, group_id) AND next_attempt_at <= ?"
                         " AND (lease_until IS NULL OR lease_until <= ? OR leased_by = ?) ORDER BY id LIMIT ?");
    q.bind(1, epoch_seconds(now));
    q.bind(2, epoch_seconds(claim.now));
    q.bind(3, claim.instance);
    q.bind(4, limit);
    std::vector<OutboxRow> rows;
    while (q.step()) rows.push_back(read_outbox_row(q));
    Statement lease(db_, "UPDATE outbox SET leased_by = ?, lease_until = ? WHERE id = ?");
    for (const auto& row : rows) {
      lease.reset();
      lease.bind(1, claim.instance);
      lease.bind(2, epoch_seconds(claim.until));
      lease.bind(3, row.id);
      lease.exec();
    }
    return rows;
  });
}

void Outbox::release_claims_of(const std::string& instance) {
  Statement q(db_, "UPDATE outbox SET lease_until = NULL WHERE leased_by = ? AND state = 'pending'");
  q.bind(1, instance);
  q.exec();
}

void Outbox::mark_sent(int64_t id, TimePoint t, const std::string& platform_message_id) {
  Statement q(db_,
              "UPDATE outbox SET state = 'sent', sent_at = ?, platform_message_id = ?, attempts = attempts + 1 "
              "WHERE id = ? AND state = 'pending'");
  q.bind(1, epoch_seconds(t));
  q.bind(2, platform_message_id);
  q.bind(3, id);
  q.exec();
}

void Outbox::mark_retry(int64_t id, TimePoint next_attempt_at, const std::string& error) {
  Statement q(db_,
              "UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1, lease_until = NULL "
              "WHERE id = ? AND state = 'pending'");
  q.bind(1, epoch_seconds(next_attempt_at));
  q.bind(2, error);
  q.bind(3, id);
  q.exec();
}

void Outbox::mark_failed(int64_t id, TimePoint t, const std::string& error) {
  Statement q(db_,
              "UPDATE outbox SET state = 'failed', sent_at = ?, last_error = ?, attempts = attempts + 1 "
              "WHERE id = ? AND state = 'pending'");
  q.bind(1, epoch_seconds(t));
  q.bind(2, error);
  q.bind(3, id);
  q.exec();
}

std::optional<OutboxRow> Outbox::get(int64_t id) {
  Statement q(db_, std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_outbox_row(q);
}

std::vector<OutboxRow> Outbox::list_sent(const std::string& platform, const std::string& chat, int64_t after_id,
                                         int limit) {
  Statement q(db_, std::string("SELECT ") + kOutboxColumns +
                       " FROM outbox WHERE platform = ? AND group_id = ? AND state = 'sent' AND id > ? "
                       "ORDER BY id LIMIT ?");
  q.bind(1, platform);
  q.bind(2, chat);
  q.bind(3, after_id);
  q.bind(4, limit);
  std::vector<OutboxRow> rows;
  while (q.step()) rows.push_back(read_outbox_row(q));
  return rows;
}

std::vector<OutboxRow> Outbox::list_for_ticket(int64_t ticket_id) {
  Statement q(db_, std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE ticket_id = ? ORDER BY id");
  q.bind(1, ticket_id);
  std::vector<OutboxRow> rows;
  while (q.step()) rows.push_back(read_outbox_row(q));
  return rows;
}

std::optional<TimePoint> Outbox::oldest_pending() {
  Statement q(db_, "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'");
  q.step();
  if (q.column(0).is_null()) return std::nullopt;
  return from_epoch_seconds(q.column(0).int64());
}

int64_t Outbox::count(const std::string& state) {
  Statement q(db_, "SELECT COUNT(*) FROM outbox WHERE state = ?");
  q.bind(1, state);
  q.step();
  return q.column(0).int64();
}

std::optional<int64_t> Outbox::ticket_for_message(const std::string& platform, const std::string& message_id) {
  if (message_id.empty()) return std::nullopt;
  const std::string digits = message_id.rfind("m-", 0) == 0 ? message_id.substr(2) : std::string();
  const bool own_id =
      !digits.empty() && digits.size() <= 12 && digits.find_first_not_of("0123456789") == std::string::npos;
  Statement q(db_, own_id ? "SELECT ticket_id FROM outbox WHERE platform = ? AND id = ?"
                          : "SELECT ticket_id FROM outbox WHERE platform = ? AND platform_message_id = ? "
                            "ORDER BY id DESC LIMIT 1");
  q.bind(1, platform);
  if (own_id)
    q.bind(2, static_cast<int64_t>(std::stoll(digits)));
  else
    q.bind(2, message_id);
  if (!q.step() || q.column(0).is_null()) return std::nullopt;
  return q.column(0).int64();
}

}  // namespace paike
