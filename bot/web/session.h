// Who is signed in to the ledger: the session cookie (HttpOnly, SameSite=Lax, Secure over
// HTTPS) names a stored session; its CSRF token must come back with every form that
// changes something.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "bot/app_services.h"
#include "bot/web/html.h"

namespace paike::web {

inline constexpr const char* kSessionCookie = "paike_session";

struct SignedIn {
  const Person* person = nullptr;
  Viewer viewer;
  std::string session_digest;
};

std::optional<std::string> cookie_value(const httplib::Request& req, const std::string& name);
// The signed-in roster person, or nullopt (no cookie, unknown or expired session, person
// gone from the roster or no longer allowed).
std::optional<SignedIn> signed_in(const httplib::Request& req, AppServices& services);
// The form's `csrf` field equals the session's token (constant-time).
bool csrf_ok(const httplib::Request& req, const SignedIn& who);
// Served over HTTPS: nginx says so in X-Forwarded-Proto, or the public URL is https.
bool is_https(const httplib::Request& req, const Deployment& deployment);
// Set-Cookie value; max_age_seconds 0 deletes the cookie.
std::string session_cookie(const std::string& token, bool secure, long long max_age_seconds);

}  // namespace paike::web
