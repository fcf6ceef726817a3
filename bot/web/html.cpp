#include "bot/web/html.h"

#include "bot/platforms/http.h"
#include "config/text.h"

namespace paike::web {

std::string esc(std::string_view raw) {
  // Clean first: a NUL or an RTL override must not reach the page, whoever stored it.
  const std::string text = clean_text(raw);
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) { return paike::url_encode(text); }

std::string query_string(const std::map<std::string, std::string>& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    if (!out.empty()) out += '&';
    out += url_encode(key) + "=" + url_encode(value);
  }
  return out;
}

std::string csrf_field(const Viewer& v) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(v.csrf_token) + "\">";
}

std::string page(const Deployment& d, std::string_view title, const Viewer* v, std::string_view body) {
  const Wording& w = d.wording;
  std::string out =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      esc(w.render("web.page.title", {{"title", title}})) +
      "</title><link rel=\"stylesheet\" href=\"/ledger.css\"></head><body>"
      "<header class=\"top\"><a class=\"brand\" href=\"/\">" +
      esc(w.render("web.page.brand")) + "</a>";
  if (v) {
    out += "<nav><a href=\"/\">" + esc(w.render("web.page.nav_list")) + "</a><a href=\"/stats\">" +
           esc(w.render("web.page.nav_stats")) + "</a></nav><span class=\"who\">" +
           esc(w.render("web.page.viewer", {{"name", v->name}, {"role", v->role_name}})) +
           "</span><form method=\"post\" action=\"/logout\" class=\"inline\">" + csrf_field(*v) +
           "<button type=\"submit\">" + esc(w.render("web.page.logout")) +
           "</button></form>"
           "<form method=\"post\" action=\"/logout-all\" class=\"inline\">" +
           csrf_field(*v) + "<button type=\"submit\">" + esc(w.render("web.page.logout_all")) + "</button></form>";
  }
  out += "</header><main>";
  out += body;
  out += "</main></body></html>";
  return out;
}

}  // namespace paike::web
