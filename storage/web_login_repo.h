// Login links and browser sessions of the web ledger. Callers pass SHA-256 digests of the
// secrets, never the secrets themselves. Runs on the caller's Database; redeem_link is one
// UPDATE, so two requests racing with the same link cannot both succeed.
#pragma once

#include <optional>
#include <string>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct WebSession {
  std::string user_id;
  std::string csrf_token;
  TimePoint expires_at{};
};

class WebLoginRepo {
 public:
  explicit WebLoginRepo(Database& db) : db_(db) {}

  void add_link(const std::string& token_sha256, const std::string& user_id, TimePoint now, TimePoint expires_at);
  // Marks the link used and returns its user, or nullopt when it is unknown, used or expired.
  std::optional<std::string> redeem_link(const std::string& token_sha256, TimePoint now);

  void add_session(const std::string& token_sha256, const WebSession& session, TimePoint now);
  // The live session, or nullopt when unknown or expired.
  std::optional<WebSession> session(const std::string& token_sha256, TimePoint now);
  void remove_session(const std::string& token_sha256);
  // Signs a person out everywhere (退出所有设备, `paike logout-all`); returns how many sessions went.
  int remove_user_sessions(const std::string& user_id);
  // Drops expired links and sessions; returns how many rows went.
  int remove_expired(TimePoint now);

 private:
  Database& db_;
};

}  // namespace paike
