#include "bot/web/ledger_pages.h"

#include <algorithm>
#include <cstdio>

#include "bot/web/grid_map.h"
#include "bot/web/ledger_params.h"
#include "handlers/intake/replies.h"
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

// "different 0.03" → "照片比对：地点不符（0.03）".
std::string place_check_label(const std::string& finding) {
  const auto space = finding.find(' ');
  const std::string verdict = finding.substr(0, space);
  const std::string score = space == std::string::npos ? "" : "（" + finding.substr(space + 1) + "）";
  if (verdict == "same") return "照片比对：同一地点" + score;
  if (verdict == kSamePlaceDifferent) return "照片比对：地点不符，待人工核实" + score;
  return "照片比对：无法判断" + score;
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

std::string age_text(Duration d) {
  const auto minutes = std::max<long long>(0, d.count() / 60);
  if (minutes >= 24 * 60) return std::to_string(minutes / (24 * 60)) + "天";
  if (minutes >= 60) return std::to_string(minutes / 60) + "小时";
  return std::to_string(minutes) + "分钟";
}

std::string list_page(const ListPageInput& in) {
  const Deployment& d = in.deployment;
  const auto& params = in.params;
  std::string body = "<h1>整改台账</h1>";

  // Counts over the current filters, each a link that narrows the list.
  body += "<div class=\"counts\">";
  const std::pair<const char*, const char*> count_items[] = {{"assigned", "整改中"},
                                                             {"rectified", "待核验"},
                                                             {"closed", "已销号"},
                                                             {"withdrawn", "已撤销"},
                                                             {"merged", "已合并"}};
  for (const auto& [code, label] : count_items) {
    auto it = in.page.counts.find(code);
    const long long n = it == in.page.counts.end() ? 0 : it->second;
    body += "<a class=\"count\" data-status=\"" + std::string(code) + "\" href=\"" +
            esc(link_with(params, "status", code)) + "\"><b>" + std::to_string(n) + "</b>" + label + "</a>";
  }
  auto overdue = in.page.counts.find("overdue");
  body += "<a class=\"count overdue\" data-status=\"overdue\" href=\"" + esc(link_with(params, "overdue", "1")) +
          "\"><b>" + std::to_string(overdue == in.page.counts.end() ? 0 : overdue->second) + "</b>逾期</a></div>";

  // Filters: GET, no side effects (and so no CSRF token in the address bar).
  body += "<form class=\"filters\" method=\"get\" action=\"/\">";
  body += "<label>状态<select name=\"status\">" + option("", "全部", param(params, "status")) +
          option("open", "未销号", param(params, "status"));
  for (auto s : {TicketStatus::assigned, TicketStatus::rectified, TicketStatus::closed, TicketStatus::withdrawn,
                 TicketStatus::merged}) {
    body += option(std::string(status_code(s)), status_name(d, s), param(params, "status"));
  }
  body += "</select></label><label>村<select name=\"village\">" + option("", "全部", param(params, "village"));
  for (const auto& v : in.villages) body += option(v, v, param(params, "village"));
  body += "</select></label><label>网格<select name=\"grid_id\">" + option("", "全部", param(params, "grid_id"));
  for (const auto& g : d.grids) {
    if (std::find(in.villages.begin(), in.villages.end(), g.village) == in.villages.end()) continue;
    body += option(g.grid_id, g.village + "·" + g.name, param(params, "grid_id"));
  }
  body += "</select></label><label>类别<select name=\"category\">" + option("", "全部", param(params, "category"));
  for (const auto& c : d.categories) body += option(c.code, c.name, param(params, "category"));
  body += "</select></label>";
  body += "<label>从<input type=\"date\" name=\"from\" value=\"" + esc(param(params, "from")) + "\"></label>";
  body += "<label>到<input type=\"date\" name=\"to\" value=\"" + esc(param(params, "to")) + "\"></label>";
  body += "<label>关键词<input type=\"search\" name=\"q\" value=\"" + esc(param(params, "q")) +
          "\" placeholder=\"描述、地点、反映人\"></label>";
  body += "<label>排序<select name=\"sort\">" + option("newest", "最新登记", param(params, "sort")) +
          option("oldest", "最早登记", param(params, "sort")) + option("due", "期限最近", param(params, "sort")) +
          option("due_desc", "期限最晚", param(params, "sort")) + option("village", "按村", param(params, "sort")) +
          "</select></label>";
  body += std::string("<label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"") +
          (param(params, "overdue").empty() ? "" : " checked") + ">只看逾期</label>";
  body += "<button type=\"submit\">筛选</button><a class=\"reset\" href=\"/\">清除</a></form>";

  auto export_params = params;
  export_params.erase("page");
  const std::string qs = query_string(export_params);
  body += "<p class=\"export\">共 " + std::to_string(in.page.total) +
          " 条 · <a id=\"export-xlsx\" href=\"/export.xlsx" + (qs.empty() ? "" : "?" + esc(qs)) +
          "\">导出 Excel</a> · <a id=\"export-csv\" href=\"/export.csv" + (qs.empty() ? "" : "?" + esc(qs)) +
          "\">导出 CSV</a></p>";

  body +=
      "<table class=\"tickets\"><thead><tr><th>照片</th><th>编号</th><th>类别</th><th>地点</th><th>责任人</th>"
      "<th>整改期限</th><th>已过</th><th>状态</th></tr></thead><tbody>";
  for (const auto& t : in.page.tickets) {
    const bool late = is_overdue(t, in.now);
    const std::string href = "/tickets/" + std::to_string(t.id);
    body +=
        std::string("<tr class=\"ticket") + (late ? " overdue" : "") + "\" data-id=\"" + std::to_string(t.id) + "\">";
    auto thumb = in.thumbnails.find(t.id);
    body += "<td class=\"thumb\">";
    if (thumb != in.thumbnails.end()) {
      body += "<a href=\"" + href + "\"><img src=\"/photos/" + thumb->second +
              ".thumb.jpg\" alt=\"照片\" loading=\"lazy\"></a>";
    }
    body += "</td><td><a href=\"" + href + "\">#" + std::to_string(t.id) + "</a></td><td>" +
            esc(category_name(d, t.category)) + "</td><td>" + esc(ticket_place(t, d)) + "</td><td>" +
            esc(person_name(d, t.assignee_id)) + "</td><td class=\"due\">" + esc(local_time(t.due_at, d.time_zone)) +
            (late ? "（逾期）" : "") + "</td><td>" + esc(age_text(in.now - t.created_at)) + "</td><td>" +
            esc(status_name(d, t.status)) + "</td></tr>";
  }
  if (in.page.tickets.empty()) body += "<tr><td colspan=\"8\" class=\"empty\">没有符合条件的记录</td></tr>";
  body += "</tbody></table>";

  const int pages = static_cast<int>((in.page.total + kLedgerPageSize - 1) / kLedgerPageSize);
  if (pages > 1) {
    body += "<nav class=\"pager\">";
    if (in.page_number > 1)
      body += "<a rel=\"prev\" href=\"" + esc(link_with(params, "page", std::to_string(in.page_number - 1))) +
              "\">上一页</a>";
    body += "<span>第 " + std::to_string(in.page_number) + " / " + std::to_string(pages) + " 页</span>";
    if (in.page_number < pages)
      body += "<a rel=\"next\" href=\"" + esc(link_with(params, "page", std::to_string(in.page_number + 1))) +
              "\">下一页</a>";
    body += "</nav>";
  }
  return page("整改台账", &in.viewer, body);
}

std::string ticket_page(const TicketPageInput& in) {
  const Deployment& d = in.deployment;
  const Ticket& t = in.ticket;
  const bool late = is_overdue(t, in.now);
  std::string body;
  if (!in.notice.empty()) body += "<p class=\"notice\">" + esc(in.notice) + "</p>";
  body += "<h1>#" + std::to_string(t.id) + " " + esc(category_name(d, t.category)) +
          " <span class=\"status\" id=\"status\">" + esc(status_name(d, t.status)) + "</span>" +
          (late ? " <span class=\"late\">逾期</span>" : "") + "</h1>";
  body += "<dl class=\"facts\"><dt>地点</dt><dd>" + esc(ticket_place(t, d)) + "</dd><dt>问题描述</dt><dd>" +
          esc(t.text) + "</dd><dt>反映人</dt><dd>" + esc(t.reporter_name.empty() ? t.reporter_id : t.reporter_name) +
          "</dd><dt>责任人</dt><dd>" + esc(person_name(d, t.assignee_id)) + "</dd><dt>登记时间</dt><dd>" +
          esc(local_time(t.created_at, d.time_zone)) + "</dd><dt>整改期限</dt><dd class=\"" +
          (late ? "due late" : "due") + "\">" + esc(local_time(t.due_at, d.time_zone)) + "</dd>";
  if (t.closed_at) body += "<dt>销号时间</dt><dd>" + esc(local_time(*t.closed_at, d.time_zone)) + "</dd>";
  if (t.merged_into)
    body += "<dt>合并到</dt><dd><a href=\"/tickets/" + std::to_string(*t.merged_into) + "\">#" +
            std::to_string(*t.merged_into) + "</a></dd>";
  body += "</dl>";

  // Before and after side by side: the comparison the township's meetings look at.
  body += "<section class=\"compare\"><div class=\"side\"><h2>整改前</h2>";
  int before = 0, after = 0;
  for (const auto& p : in.photos) {
    if (p.kind == "before") body += photo_figure(p, "整改前照片 " + std::to_string(++before));
  }
  if (!before) body += "<p class=\"none\">无照片</p>";
  body += "</div><div class=\"side\"><h2>整改后</h2>";
  for (const auto& p : in.photos) {
    if (p.kind == "after") body += photo_figure(p, "整改后照片 " + std::to_string(++after));
  }
  if (!after) body += "<p class=\"none\">尚未上传整改后照片</p>";
  body += "</div></section>";
  int followups = 0;
  for (const auto& p : in.photos) {
    if (p.kind == "followup") body += (followups++ ? "" : "<h2>回头看</h2>") + photo_figure(p, "回头看照片");
  }
  // Voice notes: a player where the browser knows the format (AMR and SILK it mostly does
  // not), and always a download, with the platform's transcript beside it.
  int voices = 0;
  for (const auto& v : in.voices) {
    const std::string url = "/tickets/" + std::to_string(t.id) + "/voices/" + v.sha256;
    if (!voices++) body += "<h2>语音</h2>";
    body += "<p class=\"voice\"><audio controls preload=\"none\" src=\"" + url + "\"></audio> <a href=\"" + url +
            "\" download>下载语音 " + std::to_string(voices) + "</a>（" + std::to_string((v.bytes + 1023) / 1024) +
            "KB）" + (v.transcript.empty() ? "未转文字" : "转文字：" + esc(v.transcript)) + "</p>";
  }

  const std::string map = grid_map_svg(d, t.village, t.grid_id, t.point);
  if (!map.empty()) body += "<section><h2>位置示意</h2>" + map + "</section>";

  if (!in.actions.empty()) {
    body += "<section class=\"actions\"><h2>操作</h2>";
    for (const auto& a : in.actions) {
      body += "<form method=\"post\" action=\"/tickets/" + std::to_string(t.id) + "/actions\">" +
              csrf_field(in.viewer) + "<input type=\"hidden\" name=\"action\" value=\"" + esc(a.code) + "\">" +
              (a.needs_reason
                   ? "<input type=\"text\" name=\"reason\" maxlength=\"200\" placeholder=\"原因（必填）\" required>"
                   : "") +
              "<button type=\"submit\" id=\"action-" + esc(a.code) + "\">" + esc(a.label) + "</button></form>";
    }
    body += "</section>";
  }

  body += "<section><h2>处理记录</h2><ol class=\"timeline\">";
  for (const auto& e : in.events) {
    body += "<li><time>" + esc(local_time(e.at, d.time_zone)) + "</time> <b>" + esc(person_name(d, e.actor_id)) +
            "</b> " + esc(action_name(d, e.action));
    if (!e.from_status.empty() || !e.to_status.empty()) {
      body += esc(
          d.wording.render("audit.transition", {{"from", status_label(d, e.from_status.empty() ? "-" : e.from_status)},
                                                {"to", status_label(d, e.to_status)}}));
    }
    if (const std::string why = audit_reason(d, e); !why.empty())
      body += " <span class=\"reason\">" + esc(why) + "</span>";
    if (e.field == kSamePlaceField)
      body += " <span class=\"place-check\">" + esc(place_check_label(e.new_value)) + "</span>";
    body += "</li>";
  }
  body += "</ol></section>";

  body += "<section><h2>群聊记录</h2><ul class=\"chat\">";
  for (const auto& line : in.chat) {
    body += std::string("<li class=\"") + (line.from_bot ? "bot" : "person") + "\"><time>" + esc(line.at) +
            "</time> <b>" + esc(line.who) + "</b>：" + esc(line.text) +
            (line.has_photo ? " <span class=\"tag\">[照片]</span>" : "") + "</li>";
  }
  if (in.chat.empty()) body += "<li class=\"none\">无</li>";
  body += "</ul></section>";
  return page("#" + std::to_string(t.id), &in.viewer, body);
}

std::string stats_page(const StatsPageInput& in) {
  std::string body =
      "<h1>各村统计</h1><form class=\"filters\" method=\"get\" action=\"/stats\"><label>月份<input "
      "type=\"month\" name=\"month\" value=\"" +
      esc(in.month) + "\"></label><button type=\"submit\">查看</button></form>";
  body += "<p class=\"hint\">未销号、逾期为当前数；销号、按期销号、平均用时按所选月份内销号的记录计算。</p>";
  body +=
      "<table class=\"stats\"><thead><tr><th>村</th><th>未销号</th><th>逾期</th><th>本月销号</th><th>按期销号</th>"
      "<th>按期率</th><th>平均用时</th></tr></thead><tbody>";
  long long max_value = 1;
  for (const auto& v : in.figures) max_value = std::max<long long>({max_value, v.open, v.closed});
  for (const auto& v : in.figures) {
    char rate[16] = "-";
    if (v.closed) std::snprintf(rate, sizeof rate, "%.0f%%", 100.0 * v.closed_on_time / v.closed);
    char avg[32] = "-";
    if (v.closed) std::snprintf(avg, sizeof avg, "%.1f小时", v.avg_close_hours);
    body += "<tr data-village=\"" + esc(v.village) + "\"><td>" + esc(v.village) + "</td><td>" + std::to_string(v.open) +
            "</td><td class=\"" + (v.overdue ? "late" : "") + "\">" + std::to_string(v.overdue) + "</td><td>" +
            std::to_string(v.closed) + "</td><td>" + std::to_string(v.closed_on_time) + "</td><td>" + rate +
            "</td><td>" + avg + "</td></tr>";
  }
  body += "</tbody></table>";

  // A bar chart drawn here, so it needs no chart library from outside.
  const int row_h = 28, label_w = 80, bar_w = 220;
  const int height = static_cast<int>(in.figures.size()) * row_h + 24;
  body += "<h2>图表</h2><svg class=\"chart\" viewBox=\"0 0 " + std::to_string(label_w + bar_w + 40) + " " +
          std::to_string(height) + "\" role=\"img\" aria-label=\"各村未销号、逾期、销号数\">";
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
          std::to_string(y + 12) + "\">未销号</text><rect class=\"overdue\" x=\"70\" y=\"" + std::to_string(y + 4) +
          "\" width=\"10\" height=\"8\"/><text x=\"84\" y=\"" + std::to_string(y + 12) +
          "\">逾期</text><rect class=\"closed\" x=\"130\" y=\"" + std::to_string(y + 4) +
          "\" width=\"10\" height=\"8\"/><text x=\"144\" y=\"" + std::to_string(y + 12) +
          "\">本月销号</text></g></svg>";
  // TODO(lead, issue 7): the month's 红黑榜 from handlers/digest goes here once merged.
  return page("统计", &in.viewer, body);
}

std::string login_page(const std::string& token) {
  const std::string body =
      "<div class=\"login\"><h1>登录拍客台账</h1><p>点击下方按钮进入台账。链接仅可使用一次，10分钟内有效。</p>"
      "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"token\" value=\"" +
      esc(token) + "\"><button type=\"submit\" id=\"login\">进入台账</button></form></div>";
  return page("登录", nullptr, body);
}

std::string message_page(const std::string& title, const std::string& text, const Viewer* viewer) {
  return page(title, viewer, "<div class=\"message\"><h1>" + esc(title) + "</h1><p>" + esc(text) + "</p></div>");
}

}  // namespace paike::web
