#include "handlers/lifecycle/ticket_views.h"

#include "handlers/intake/replies.h"
#include "handlers/ticket_words.h"

namespace paike {

namespace {

// What an audit row means, in a few words.
std::string history_line(const AuditEvent& e, const Deployment& d) {
  std::string line =
      format_chat_time(e.at, d.time_zone) + " " + person_name(d, e.actor_id) + " " + action_name(d, e.action);
  // The filing's reason (confidence, place source) is for the office, not the group.
  const std::string why = e.action == "created" ? "" : audit_reason(d, e);
  if (!why.empty()) line += d.wording.render("lifecycle.history_reason", {{"reason", why}});
  return line;
}

std::string one_line(const Ticket& t, const Deployment& d, TimePoint now) {
  std::string line = "#" + std::to_string(t.id) + "【" + category_name(d, t.category) + "】" + ticket_place(t, d) +
                     " " + status_name(d, t.status);
  if (is_overdue(t, now)) {
    line += " 已逾期";
  } else if (is_open(t.status)) {
    line += " 限" + format_chat_time(t.due_at, d.time_zone);
  }
  if (!t.assignee_id.empty()) line += " 负责人" + person_name(d, t.assignee_id);
  return line;
}

}  // namespace

std::string status_card(const Ticket& t, const std::vector<AuditEvent>& history, const Deployment& d, TimePoint now) {
  std::string card = "#" + std::to_string(t.id) + "【" + category_name(d, t.category) + "】" + status_name(d, t.status);
  if (t.merged_into) card += "（并入 #" + std::to_string(*t.merged_into) + "）";
  if (is_overdue(t, now)) card += "，已逾期";
  card += "\n位置：" + ticket_place(t, d);
  card += "\n报告人：" + person_name(d, t.reporter_id, t.reporter_name);
  if (!t.filer_id.empty() && t.filer_id != t.reporter_id) card += "（" + person_name(d, t.filer_id) + "代报）";
  if (!t.assignee_id.empty()) card += "\n负责人：" + person_name(d, t.assignee_id);
  card += "\n期限：" + format_chat_time(t.due_at, d.time_zone);
  if (t.closed_at) card += "\n结束：" + format_chat_time(*t.closed_at, d.time_zone);
  // The newest lines matter most; a long history would flood the group.
  const size_t shown = 5;
  const size_t from = history.size() > shown ? history.size() - shown : 0;
  if (!history.empty()) card += "\n记录：";
  for (size_t i = from; i < history.size(); ++i) card += "\n· " + history_line(history[i], d);
  return card;
}

std::string mine_list(const std::string& user_id, const std::vector<Ticket>& tickets, const Deployment& d,
                      TimePoint now) {
  std::string reported, assigned;
  for (const auto& t : tickets) {
    if (t.assignee_id == user_id) assigned += "\n· " + one_line(t, d, now);
    if (t.reporter_id == user_id) reported += "\n· " + one_line(t, d, now);
  }
  if (reported.empty() && assigned.empty()) return "您目前没有未办结的问题。";
  std::string text;
  if (!assigned.empty()) text += "待我整改：" + assigned;
  if (!reported.empty()) text += std::string(text.empty() ? "" : "\n") + "我反映的：" + reported;
  return text;
}

std::string ticket_list(const std::string& title, const std::vector<Ticket>& tickets, const Deployment& d,
                        TimePoint now) {
  if (tickets.empty()) return title + "：暂无。";
  std::string text = title + "（" + std::to_string(tickets.size()) + "件，最急的在前）：";
  for (const auto& t : tickets) text += "\n· " + one_line(t, d, now);
  return text;
}

std::string help_text(const Actor& actor, const Deployment& d) {
  std::string text =
      "拍客用法：发照片并说明问题即可登记。\n"
      "· #12 或 查询 12：查看进度\n"
      "· 我的 / 逾期 / 待办：查看问题清单\n"
      "· 引用机器人消息回复“确认”或“退回 原因”：核验整改";
  if (actor.role != Role::villager) {
    text += "\n· #12 已整改 + 整改后照片：提交核验（照片可在" + chinese_duration(d, d.lifecycle.photo_window) +
            "内前后发）\n· 代报 姓名 问题描述：替不便发消息的村民登记";
  }
  if (actor.role == Role::village_secretary || actor.role == Role::village_liaison ||
      actor.role == Role::township_supervisor) {
    text += "\n· #12 转派 @某人 / #12 延期 3天 原因 / #12 合并 #9 / #12 撤销";
  }
  text += "\n· #12 类别 3 / #12 位置 南河桥：更正类别或位置\n· #12 重开 原因：问题又出现了";
  if (actor.role == Role::villager) text += "\n· #12 撤销：撤回自己反映的问题";
  return text;
}

}  // namespace paike
