#include "bot/web/session.h"

#include <openssl/crypto.h>

#include "config/text.h"
#include "handlers/ledger/access.h"
#include "handlers/ledger/login_link.h"
#include "handlers/ticket_words.h"
#include "storage/web_login_repo.h"

namespace paike::web {

std::optional<std::string> cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  for (const auto& part : split(header, ';')) {
    const auto eq = part.find('=');
    if (eq != std::string::npos && trim(part.substr(0, eq)) == name) return std::string(trim(part.substr(eq + 1)));
  }
  return std::nullopt;
}

std::optional<SignedIn> signed_in(const httplib::Request& req, AppServices& s) {
  auto token = cookie_value(req, kSessionCookie);
  if (!token || token->size() != 64) return std::nullopt;
  const std::string digest = secret_digest(*token);
  auto db = s.pool.acquire();
  auto session = WebLoginRepo(*db).session(digest, s.clock.now());
  if (!session) return std::nullopt;
  const Person* person = s.deployment.find_person(session->user_id);
  if (!person || !may_use_ledger(*person)) return std::nullopt;
  return SignedIn{person,
                  Viewer{person->user_id, person->name, role_name(s.deployment, person->role), session->csrf_token},
                  digest};
}

bool csrf_ok(const httplib::Request& req, const SignedIn& who) {
  // From the form body only: httplib's params mix in the query string, and a token in a URL
  // leaks through logs, Referer headers and history.
  if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) return false;
  httplib::Params form;
  httplib::detail::parse_query_text(req.body, form);
  auto field = form.find("csrf");
  const std::string sent = field == form.end() ? std::string() : field->second;
  const std::string& expected = who.viewer.csrf_token;
  return !expected.empty() && sent.size() == expected.size() &&
         CRYPTO_memcmp(sent.data(), expected.data(), sent.size()) == 0;
}

bool is_https(const httplib::Request& req, const Deployment& d) {
  return req.get_header_value("X-Forwarded-Proto") == "https" || starts_with(d.server.public_url, "https://");
}

std::string session_cookie(const std::string& token, bool secure, long long max_age_seconds) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace paike::web
