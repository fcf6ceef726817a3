#include "bot/web/ledger_pages.h"

#include <algorithm>
#include <cstdio>

#include "bot/web/grid_map.h"
#include "bot/web/ledger_params.h"
#include "handlers/intake/replies.h"
#include "handlers/ledger/login_link.h"
#include "handlers/ticket_words.h"

namespace paike::web {

namespace {

std::string local_time(TimePoint at, const TimeZone& zone) {
  const std::string iso = format_iso8601(at, zone);
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string option(const std::string& value, const std::string& label, const std::string& selected) {
  return "<option value=\"" + esc(value) + "\"" + (value == selected ? " selected" : "") + ">" + esc(label) +
         "</option>";
}

std::string param(const std::map<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string link_with(std::map<std::string, std::string> params, const std::string& name, const std::string& value) {
  params.erase("page");
  params[name] = value;
  const std::string qs = query_string(params);
  return qs.empty() ? "/" : "/?" + qs;
}

// "different 0.03" → "照片比对：地点不符，待人工核实（0.03）".
std::string place_check_label(const Deployment& d, const std::string& finding) {
  const auto space = finding.find(' ');
  const std::string verdict = finding.substr(0, space);
  const std::string check = verdict == "same"                ? d.wording.render("web.ticket.place_same")
                            : verdict == kSamePlaceDifferent ? d.wording.render("web.ticket.place_different")
                                                             : d.wording.render("web.ticket.place_unsure");
  if (space == std::string::npos) return check;
  return d.wording.render("web.ticket.place_score", {{"check", check}, {"score", finding.substr(space + 1)}});
}

std::string status_label(const Deployment& d, const std::string& code) {
  auto s = parse_status(code);
  return s ? status_name(d, *s) : code;
}

std::string photo_figure(const TicketPhoto& p, const std::string& caption) {
  return "<figure class=\"photo " + esc(p.kind) + "\"><a href=\"/photos/" + p.sha256 +
         ".jpg\" target=\"_blank\">"
         "<img src=\"/photos/" +
         p.sha256 + ".jpg\" alt=\"" + esc(caption) + "\" loading=\"lazy\"></a><figcaption>" + esc(caption) +
         "</figcaption></figure>";
}

}  // namespace

std::string age_text(const Deployment& d, Duration span) {
  // Rounded down to its largest unit: "3天" for 3 days 5 hours (time.days etc.).
  const auto minutes = std::max<long long>(0, span.count() / 60);
  auto say = [&](const char* key, long long n) { return d.wording.render(key, {{"n", std::to_string(n)}}); };
  if (minutes >= 24 * 60) return say("time.days", minutes / (24 * 60));
  if (minutes >= 60) return say("time.hours", minutes / 60);
  return say("time.minutes", minutes);
}

std::string list_page(const ListPageInput& in) {
  const Deployment& d = in.deployment;
  const Wording& w = d.wording;
  const auto& params = in.params;
  std::string body = "<h1>" + esc(w.render("web.list.title")) + "</h1>";

  // Counts over the current filters, each a link that narrows the list.
  constexpr TicketStatus kStatuses[] = {TicketStatus::assigned, TicketStatus::rectified, TicketStatus::closed,
                                        TicketStatus::withdrawn, TicketStatus::merged};
  body += "<div class=\"counts\">";
  for (auto s : kStatuses) {
    const std::string code(status_code(s));
    auto it = in.page.counts.find(code);
    const long long n = it == in.page.counts.end() ? 0 : it->second;
    body += "<a class=\"count\" data-status=\"" + code + "\" href=\"" + esc(link_with(params, "status", code)) +
            "\"><b>" + std::to_string(n) + "</b>" + esc(status_name(d, s)) + "</a>";
  }
  auto overdue = in.page.counts.find("overdue");
  body += "<a class=\"count overdue\" data-status=\"overdue\" href=\"" + esc(link_with(params, "overdue", "1")) +
          "\"><b>" + std::to_string(overdue == in.page.counts.end() ? 0 : overdue->second) + "</b>" +
          esc(w.render("web.list.overdue")) + "</a></div>";

  // Filters: GET, no side effects (and so no CSRF token in the address bar).
  auto label = [&](std::string_view key) { return "<label>" + esc(w.render(key)); };
  const std::string all = w.render("web.list.all");
  body += "<form class=\"filters\" method=\"get\" action=\"/\">";
  body += label("web.list.status") + "<select name=\"status\">" + option("", all, param(params, "status")) +
          option("open", w.render("web.list.open"), param(params, "status"));
  for (auto s : kStatuses) body += option(std::string(status_code(s)), status_name(d, s), param(params, "status"));
  body += "</select></label>" + label("web.list.village") + "<select name=\"village\">" +
          option("", all, param(params, "village"));
  for (const auto& v : in.villages) body += option(v, v, param(params, "village"));
  body += "</select></label>" + label("web.list.grid") + "<select name=\"grid_id\">" +
          option("", all, param(params, "grid_id"));
  for (const auto& g : d.grids) {
    if (std::find(in.villages.begin(), in.villages.end(), g.village) == in.villages.end()) continue;
    body += option(g.grid_id, w.render("web.list.grid_option", {{"village", g.village}, {"grid", g.name}}),
                   param(params, "grid_id"));
  }
  body += "</select></label>" + label("web.list.category") + "<select name=\"category\">" +
          option("", all, param(params, "category"));
  for (const auto& c : d.categories) body += option(c.code, c.name, param(params, "category"));
  body += "</select></label>";
  body += label("web.list.from") + "<input type=\"date\" name=\"from\" value=\"" + esc(param(params, "from")) +
          "\"></label>";
  body += label("web.list.to") + "<input type=\"date\" name=\"to\" value=\"" + esc(param(params, "to")) + "\"></label>";
  body += label("web.list.words") + "<input type=\"search\" name=\"q\" value=\"" + esc(param(params, "q")) +
          "\" placeholder=\"" + esc(w.render("web.list.words_hint")) + "\"></label>";
  const std::string sort = param(params, "sort");
  body += label("web.list.sort") + "<select name=\"sort\">" + option("newest", w.render("web.list.sort_newest"), sort) +
          option("oldest", w.render("web.list.sort_oldest"), sort) +
          option("due", w.render("web.list.sort_due"), sort) +
          option("due_desc", w.render("web.list.sort_due_desc"), sort) +
          option("village", w.render("web.list.sort_village"), sort) + "</select></label>";
  body += std::string("<label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"") +
          (param(params, "overdue").empty() ? "" : " checked") + ">" + esc(w.render("web.list.only_overdue")) +
          "</label>";
  body += "<button type=\"submit\">" + esc(w.render("web.list.apply")) + "</button><a class=\"reset\" href=\"/\">" +
          esc(w.render("web.list.reset")) + "</a></form>";

  auto export_params = params;
  export_params.erase("page");
  const std::string qs = query_string(export_params);
  body += "<p class=\"export\">" + esc(w.render("web.list.total", {{"count", std::to_string(in.page.total)}})) +
          " · <a id=\"export-xlsx\" href=\"/export.xlsx" + (qs.empty() ? "" : "?" + esc(qs)) + "\">" +
          esc(w.render("web.list.export_xlsx")) + "</a> · <a id=\"export-csv\" href=\"/export.csv" +
          (qs.empty() ? "" : "?" + esc(qs)) + "\">" + esc(w.render("web.list.export_csv")) + "</a></p>";

  body += "<table class=\"tickets\"><thead><tr>";
  for (const char* key :
       {"web.list.column_photo", "web.list.column_ticket", "web.list.column_category", "web.list.column_place",
        "web.list.column_assignee", "web.list.column_due", "web.list.column_age", "web.list.column_status"})
    body += "<th>" + esc(w.render(key)) + "</th>";
  body += "</tr></thead><tbody>";
  for (const auto& t : in.page.tickets) {
    const bool late = is_overdue(t, in.now);
    const std::string href = "/tickets/" + std::to_string(t.id);
    body +=
        std::string("<tr class=\"ticket") + (late ? " overdue" : "") + "\" data-id=\"" + std::to_string(t.id) + "\">";
    auto thumb = in.thumbnails.find(t.id);
    body += "<td class=\"thumb\">";
    if (thumb != in.thumbnails.end()) {
      body += "<a href=\"" + href + "\"><img src=\"/photos/" + thumb->second + ".thumb.jpg\" alt=\"" +
              esc(w.render("web.list.photo")) + "\" loading=\"lazy\"></a>";
    }
    body += "</td><td><a href=\"" + href + "\">#" + std::to_string(t.id) + "</a></td><td>" +
            esc(category_name(d, t.category)) + "</td><td>" + esc(ticket_place(t, d)) + "</td><td>" +
            esc(person_name(d, t.assignee_id)) + "</td><td class=\"due\">" + esc(local_time(t.due_at, d.time_zone)) +
            (late ? esc(w.render("web.list.late")) : "") + "</td><td>" + esc(age_text(d, in.now - t.created_at)) +
            "</td><td>" + esc(status_name(d, t.status)) + "</td></tr>";
  }
  if (in.page.tickets.empty())
    body += "<tr><td colspan=\"8\" class=\"empty\">" + esc(w.render("web.list.empty")) + "</td></tr>";
  body += "</tbody></table>";

  const int pages = static_cast<int>((in.page.total + kLedgerPageSize - 1) / kLedgerPageSize);
  if (pages > 1) {
    body += "<nav class=\"pager\">";
    if (in.page_number > 1)
      body += "<a rel=\"prev\" href=\"" + esc(link_with(params, "page", std::to_string(in.page_number - 1))) + "\">" +
              esc(w.render("web.list.previous")) + "</a>";
    body += "<span>" +
            esc(w.render("web.list.page_of",
                         {{"page", std::to_string(in.page_number)}, {"pages", std::to_string(pages)}})) +
            "</span>";
    if (in.page_number < pages)
      body += "<a rel=\"next\" href=\"" + esc(link_with(params, "page", std::to_string(in.page_number + 1))) + "\">" +
              esc(w.render("web.list.next")) + "</a>";
    body += "</nav>";
  }
  return page(d, w.render("web.list.title"), &in.viewer, body);
}

std::string ticket_page(const TicketPageInput& in) {
  const Deployment& d = in.deployment;
  const Wording& w = d.wording;
  const Ticket& t = in.ticket;
  const bool late = is_overdue(t, in.now);
  const std::string id = std::to_string(t.id);
  auto words = [&](std::string_view key) { return esc(w.render(key)); };
  auto fact = [&](std::string_view key) { return "<dt>" + words(key) + "</dt>"; };
  std::string body;
  if (!in.notice.empty()) body += "<p class=\"notice\">" + esc(in.notice) + "</p>";
  body += "<h1>" + esc(w.render("web.ticket.heading", {{"ticket", id}, {"category", category_name(d, t.category)}})) +
          " <span class=\"status\" id=\"status\">" + esc(status_name(d, t.status)) + "</span>" +
          (late ? " <span class=\"late\">" + words("web.ticket.late") + "</span>" : "") + "</h1>";
  body += "<dl class=\"facts\">" + fact("web.ticket.place") + "<dd>" + esc(ticket_place(t, d)) + "</dd>" +
          fact("web.ticket.description") + "<dd>" + esc(t.text) + "</dd>" + fact("web.ticket.reporter") + "<dd>" +
          esc(t.reporter_name.empty() ? t.reporter_id : t.reporter_name) + "</dd>" + fact("web.ticket.assignee") +
          "<dd>" + esc(person_name(d, t.assignee_id)) + "</dd>" + fact("web.ticket.created") + "<dd>" +
          esc(local_time(t.created_at, d.time_zone)) + "</dd>" + fact("web.ticket.due") + "<dd class=\"" +
          (late ? "due late" : "due") + "\">" + esc(local_time(t.due_at, d.time_zone)) + "</dd>";
  if (t.closed_at) body += fact("web.ticket.closed") + "<dd>" + esc(local_time(*t.closed_at, d.time_zone)) + "</dd>";
  if (t.merged_into)
    body += fact("web.ticket.merged_into") + "<dd><a href=\"/tickets/" + std::to_string(*t.merged_into) + "\">#" +
            std::to_string(*t.merged_into) + "</a></dd>";
  body += "</dl>";

  // Before and after side by side: the comparison the township's meetings look at.
  body += "<section class=\"compare\"><div class=\"side\"><h2>" + words("web.ticket.before") + "</h2>";
  int before = 0, after = 0;
  for (const auto& p : in.photos) {
    if (p.kind == "before")
      body += photo_figure(p, w.render("web.ticket.before_photo", {{"number", std::to_string(++before)}}));
  }
  if (!before) body += "<p class=\"none\">" + words("web.ticket.no_photo") + "</p>";
  body += "</div><div class=\"side\"><h2>" + words("web.ticket.after") + "</h2>";
  for (const auto& p : in.photos) {
    if (p.kind == "after")
      body += photo_figure(p, w.render("web.ticket.after_photo", {{"number", std::to_string(++after)}}));
  }
  if (!after) body += "<p class=\"none\">" + words("web.ticket.no_after_photo") + "</p>";
  body += "</div></section>";
  int followups = 0;
  for (const auto& p : in.photos) {
    if (p.kind != "followup") continue;
    if (!followups++) body += "<h2>" + words("web.ticket.followup") + "</h2>";
    body += photo_figure(p, w.render("web.ticket.followup_photo"));
  }
  // Voice notes: a player where the browser knows the format (AMR and SILK it mostly does
  // not), and always a download, with the platform's transcript beside it.
  int voices = 0;
  for (const auto& v : in.voices) {
    const std::string url = "/tickets/" + id + "/voices/" + v.sha256;
    if (!voices++) body += "<h2>" + words("web.ticket.voices") + "</h2>";
    body += "<p class=\"voice\"><audio controls preload=\"none\" src=\"" + url + "\"></audio> <a href=\"" + url +
            "\" download>" + esc(w.render("web.ticket.voice_download", {{"number", std::to_string(voices)}})) + "</a>" +
            esc(w.render("web.ticket.voice_size", {{"kb", std::to_string((v.bytes + 1023) / 1024)}})) +
            (v.transcript.empty() ? words("web.ticket.voice_untranscribed")
                                  : esc(w.render("web.ticket.voice_transcript", {{"transcript", v.transcript}}))) +
            "</p>";
  }

  const std::string map = grid_map_svg(d, t.village, t.grid_id, t.point);
  if (!map.empty()) body += "<section><h2>" + words("web.ticket.map") + "</h2>" + map + "</section>";

  if (!in.actions.empty()) {
    body += "<section class=\"actions\"><h2>" + words("web.ticket.actions") + "</h2>";
    for (const auto& a : in.actions) {
      body += "<form method=\"post\" action=\"/tickets/" + id + "/actions\">" + csrf_field(in.viewer) +
              "<input type=\"hidden\" name=\"action\" value=\"" + esc(a.code) + "\">" +
              (a.needs_reason ? "<input type=\"text\" name=\"reason\" maxlength=\"200\" placeholder=\"" +
                                    words("web.ticket.reason") + "\" required>"
                              : "") +
              "<button type=\"submit\" id=\"action-" + esc(a.code) + "\">" + esc(a.label) + "</button></form>";
    }
    body += "</section>";
  }

  body += "<section><h2>" + words("web.ticket.timeline") + "</h2><ol class=\"timeline\">";
  for (const auto& e : in.events) {
    body += "<li><time>" + esc(local_time(e.at, d.time_zone)) + "</time> <b>" + esc(person_name(d, e.actor_id)) +
            "</b> " + esc(action_name(d, e.action));
    if (!e.from_status.empty() || !e.to_status.empty()) {
      body += esc(w.render("audit.transition", {{"from", status_label(d, e.from_status.empty() ? "-" : e.from_status)},
                                                {"to", status_label(d, e.to_status)}}));
    }
    if (const std::string why = audit_reason(d, e); !why.empty())
      body += " <span class=\"reason\">" + esc(why) + "</span>";
    if (e.field == kSamePlaceField)
      body += " <span class=\"place-check\">" + esc(place_check_label(d, e.new_value)) + "</span>";
    body += "</li>";
  }
  body += "</ol></section>";

  body += "<section><h2>" + words("web.ticket.chat") + "</h2><ul class=\"chat\">";
  for (const auto& line : in.chat) {
    body += std::string("<li class=\"") + (line.from_bot ? "bot" : "person") + "\"><time>" + esc(line.at) +
            "</time> <b>" + esc(line.who) + "</b>：" + esc(line.text) +
            (line.has_photo ? " <span class=\"tag\">" + words("web.ticket.chat_photo") + "</span>" : "") + "</li>";
  }
  if (in.chat.empty()) body += "<li class=\"none\">" + words("web.ticket.chat_none") + "</li>";
  body += "</ul></section>";
  return page(d, w.render("web.ticket.title", {{"ticket", id}}), &in.viewer, body);
}

std::string stats_page(const StatsPageInput& in) {
  const Deployment& d = in.deployment;
  const Wording& w = d.wording;
  auto words = [&](std::string_view key) { return esc(w.render(key)); };
  std::string body = "<h1>" + words("web.stats.heading") +
                     "</h1><form class=\"filters\" method=\"get\" action=\"/stats\"><label>" +
                     words("web.stats.month") + "<input type=\"month\" name=\"month\" value=\"" + esc(in.month) +
                     "\"></label><button type=\"submit\">" + words("web.stats.show") + "</button></form>";
  body += "<p class=\"hint\">" + words("web.stats.hint") + "</p>";
  body += "<table class=\"stats\"><thead><tr>";
  for (const char* key : {"web.stats.village", "web.stats.open", "web.stats.overdue", "web.stats.closed",
                          "web.stats.closed_on_time", "web.stats.on_time_rate", "web.stats.average_time"})
    body += "<th>" + words(key) + "</th>";
  body += "</tr></thead><tbody>";
  long long max_value = 1;
  for (const auto& v : in.figures) max_value = std::max<long long>({max_value, v.open, v.closed});
  for (const auto& v : in.figures) {
    char rate[16] = "-";
    if (v.closed) std::snprintf(rate, sizeof rate, "%.0f%%", 100.0 * v.closed_on_time / v.closed);
    std::string avg = "-";
    if (v.closed) {
      char hours[32];
      std::snprintf(hours, sizeof hours, "%.1f", v.avg_close_hours);
      avg = esc(w.render("web.stats.hours", {{"hours", hours}}));
    }
    body += "<tr data-village=\"" + esc(v.village) + "\"><td>" + esc(v.village) + "</td><td>" + std::to_string(v.open) +
            "</td><td class=\"" + (v.overdue ? "late" : "") + "\">" + std::to_string(v.overdue) + "</td><td>" +
            std::to_string(v.closed) + "</td><td>" + std::to_string(v.closed_on_time) + "</td><td>" + rate +
            "</td><td>" + avg + "</td></tr>";
  }
  body += "</tbody></table>";

  // A bar chart drawn here, so it needs no chart library from outside.
  const int row_h = 28, label_w = 80, bar_w = 220;
  const int height = static_cast<int>(in.figures.size()) * row_h + 24;
  body += "<h2>" + words("web.stats.chart") + "</h2><svg class=\"chart\" viewBox=\"0 0 " +
          std::to_string(label_w + bar_w + 40) + " " + std::to_string(height) + "\" role=\"img\" aria-label=\"" +
          words("web.stats.chart_label") + "\">";
  int y = 4;
  for (const auto& v : in.figures) {
    body += "<text x=\"0\" y=\"" + std::to_string(y + 16) + "\">" + esc(v.village) + "</text>";
    int offset = 0;
    for (const auto& [value, cls] :
         {std::pair{v.open, "open"}, std::pair{v.overdue, "overdue"}, std::pair{v.closed, "closed"}}) {
      const int w = static_cast<int>(bar_w * value / max_value);
      body += "<rect class=\"" + std::string(cls) + "\" x=\"" + std::to_string(label_w) + "\" y=\"" +
              std::to_string(y + offset) + "\" width=\"" + std::to_string(std::max(w, 1)) + "\" height=\"7\"><title>" +
              std::to_string(value) + "</title></rect>";
      offset += 8;
    }
    y += row_h;
  }
  body += "<g class=\"legend\"><rect class=\"open\" x=\"0\" y=\"" + std::to_string(y + 4) +
          "\" width=\"10\" height=\"8\"/>"
          "<text x=\"14\" y=\"" +
          std::to_string(y + 12) + "\">" + words("web.stats.open") + "</text><rect class=\"overdue\" x=\"70\" y=\"" +
          std::to_string(y + 4) + "\" width=\"10\" height=\"8\"/><text x=\"84\" y=\"" + std::to_string(y + 12) + "\">" +
          words("web.stats.overdue") + "</text><rect class=\"closed\" x=\"130\" y=\"" + std::to_string(y + 4) +
          "\" width=\"10\" height=\"8\"/><text x=\"144\" y=\"" + std::to_string(y + 12) + "\">" +
          words("web.stats.closed") + "</text></g></svg>";
  // TODO(lead, issue 7): the month's 红黑榜 from handlers/digest goes here once merged.
  return page(d, w.render("web.stats.title"), &in.viewer, body);
}

std::string login_page(const Deployment& d, const std::string& token) {
  const Wording& w = d.wording;
  const std::string body =
      "<div class=\"login\"><h1>" + esc(w.render("web.login.heading")) + "</h1><p>" +
      esc(w.render("web.login.text", {{"lifetime", chinese_duration(d, kLoginLinkLifetime)}})) +
      "</p><form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"token\" value=\"" + esc(token) +
      "\"><button type=\"submit\" id=\"login\">" + esc(w.render("web.login.button")) + "</button></form></div>";
  return page(d, w.render("web.login.title"), nullptr, body);
}

std::string message_page(const Deployment& d, const std::string& title, const std::string& text, const Viewer* viewer) {
  return page(d, title, viewer, "<div class=\"message\"><h1>" + esc(title) + "</h1><p>" + esc(text) + "</p></div>");
}

}  // namespace paike::web
