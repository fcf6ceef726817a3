#include "storage/web_login_repo.h"

#include "storage/sql_time.h"

namespace paike {

void WebLoginRepo::add_link(const std::string& token_sha256, const std::string& user_id, TimePoint now,
                            TimePoint expires_at) {
  Statement q(db_, "INSERT INTO login_links (token_sha256, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
  q.bind(1, token_sha256);
  q.bind(2, user_id);
  q.bind(3, epoch_seconds(now));
  q.bind(4, epoch_seconds(expires_at));
  q.exec();
}

std::optional<std::string> WebLoginRepo::redeem_link(const std::string& token_sha256, TimePoint now) {
  Statement q(db_,
              "UPDATE login_links SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > ? "
              "RETURNING user_id");
  q.bind(1, epoch_seconds(now));
  q.bind(2, token_sha256);
  q.bind(3, epoch_seconds(now));
  if (!q.step()) return std::nullopt;
  std::string user = q.column(0).text();
  while (q.step()) {
  }
  return user;
}

void WebLoginRepo::add_session(const std::string& token_sha256, const WebSession& s, TimePoint now) {
  Statement q(db_,
              "INSERT INTO web_sessions (token_sha256, user_id, csrf_token, created_at, expires_at) "
              "VALUES (?, ?, ?, ?, ?)");
  q.bind(1, token_sha256);
  q.bind(2, s.user_id);
  q.bind(3, s.csrf_token);
  q.bind(4, epoch_seconds(now));
  q.bind(5, epoch_seconds(s.expires_at));
  q.exec();
}

std::optional<WebSession> WebLoginRepo::session(const std::string& token_sha256, TimePoint now) {
  Statement q(db_,
              "SELECT user_id, csrf_token, expires_at FROM web_sessions WHERE token_sha256 = ? AND expires_at > ?");
  q.bind(1, token_sha256);
  q.bind(2, epoch_seconds(now));
  if (!q.step()) return std::nullopt;
  return WebSession{q.column(0).text(), q.column(1).text(), from_epoch_seconds(q.column(2).int64())};
}

void WebLoginRepo::remove_session(const std::string& token_sha256) {
  Statement q(db_, "DELETE FROM web_sessions WHERE token_sha256 = ?");
  q.bind(1, token_sha256);
  q.exec();
}

int WebLoginRepo::remove_user_sessions(const std::string& user_id) {
  Statement q(db_, "DELETE FROM web_sessions WHERE user_id = ?");
  q.bind(1, user_id);
  return q.exec();
}

int WebLoginRepo::remove_expired(TimePoint now) {
  int removed = 0;
  for (const char* table : {"login_links", "web_sessions"}) {
    Statement q(db_, std::string("DELETE FROM ") + table + " WHERE expires_at <= ?");
    q.bind(1, epoch_seconds(now));
    removed += q.exec();
  }
  return removed;
}

}  // namespace paike
