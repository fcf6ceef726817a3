#include "handlers/ledger/login_link.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "config/digest.h"
#include "storage/web_login_repo.h"

namespace paike {

std::string random_secret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a login secret");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

std::string secret_digest(const std::string& secret) { return crypto::sha256_hex(secret); }

std::string issue_login_link(Database& db, const std::string& user_id, const std::string& base_url, TimePoint now) {
  const std::string token = random_secret();
  WebLoginRepo(db).add_link(secret_digest(token), user_id, now, now + kLoginLinkLifetime);
  return base_url + "/login?token=" + token;
}

std::string ledger_base_url(const Deployment& d) {
  if (!d.server.public_url.empty()) return d.server.public_url;
  return "http://" + d.server.host + ":" + std::to_string(d.server.port);
}

}  // namespace paike
