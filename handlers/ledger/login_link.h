// One-time login links to the web ledger: a random secret, valid 10 minutes, used once.
// Only its SHA-256 is stored. Runs on the caller's Database.
#pragma once

#include <string>

#include "config/deployment.h"
#include "storage/database.h"

namespace paike {

inline constexpr Duration kLoginLinkLifetime = std::chrono::minutes(10);
inline constexpr Duration kSessionLifetime = std::chrono::days(7);

// A random URL-safe secret (256 bits, hex).
std::string random_secret();
// SHA-256 hex of a secret, as stored.
std::string secret_digest(const std::string& secret);

// Stores a new link for `user_id` and returns its URL: `<base_url>/login?token=…`.
std::string issue_login_link(Database& db, const std::string& user_id, const std::string& base_url, TimePoint now);

// The ledger's address for a deployment: server.public_url, else http://host:port.
std::string ledger_base_url(const Deployment& deployment);

}  // namespace paike
