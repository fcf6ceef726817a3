#include "handlers/lifecycle/command_replies.h"

#include "handlers/intake/replies.h"
#include "handlers/ticket_words.h"

namespace paike {

namespace {

std::string no(int64_t id) { return "#" + std::to_string(id); }

std::string due(const Ticket& t, const Deployment& d) { return format_chat_time(t.due_at, d.time_zone); }

// "请 @张桂兰 " or "" when nobody is assigned.
std::string ask(const Deployment& d, const std::string& user_id) {
  std::string m = person_mention(d, user_id);
  return m.empty() ? "" : "请 " + m + " ";
}

}  // namespace

std::string person_mention(const Deployment& d, const std::string& user_id) {
  const Person* p = d.find_person(user_id);
  return p ? "@" + p->name : std::string();
}

std::string rectified_reply(const Ticket& t, const Deployment& d) {
  std::string reporter = person_mention(d, t.reporter_id);
  if (reporter.empty()) reporter = t.reporter_name;
  return no(t.id) + " 已整改，待核验。请 " + reporter + " 看看照片：没问题回复“确认”，有问题回复“退回 原因”；" +
         chinese_duration(d, d.lifecycle.auto_close) + "内无异议将自动销号。";
}

std::string after_photo_request(int64_t id, const Deployment& d) {
  return "请在" + chinese_duration(d, d.lifecycle.photo_window) + "内发一张整改后的照片，收到后 " + no(id) +
         " 转为待核验。";
}

std::string place_mismatch_reply(const Ticket& t, const std::vector<std::string>& checkers, const Deployment& d) {
  std::string who;
  for (const auto& id : checkers) {
    const std::string m = person_mention(d, id);
    if (!m.empty()) who += m + " ";
  }
  return no(t.id) + " 整改照片与原照片地点不符，请核实：" + who + "请到现场看看，没问题回复“" + no(t.id) +
         " 确认”，有问题回复“" + no(t.id) + " 退回 原因”。核实前不会自动销号。";
}

std::string confirmed_reply(const Ticket& t, const Deployment& d) {
  std::string assignee = person_mention(d, t.assignee_id);
  return no(t.id) + " 已销号，辛苦了" + (assignee.empty() ? "" : " " + assignee) + "！";
}

std::string auto_closed_reply(const Ticket& t, const Deployment& d) {
  return no(t.id) + " 整改后" + chinese_duration(d, d.lifecycle.auto_close) + "内无异议，已自动销号。";
}

std::string rejected_reply(const Ticket& t, const std::string& reason, const Deployment& d) {
  return no(t.id) + " 已退回（" + reason + "），" + ask(d, t.assignee_id) + "重新整改，期限 " + due(t, d) + "。";
}

std::string reassigned_reply(const Ticket& t, const Deployment& d) {
  return no(t.id) + " 已转派，" + ask(d, t.assignee_id) + "于 " + due(t, d) + " 前整改。";
}

std::string extended_reply(const Ticket& t, Duration by, const Deployment& d) {
  std::string assignee = person_mention(d, t.assignee_id);
  return no(t.id) + " 已延期" + chinese_duration(d, by) + "，新期限 " + due(t, d) +
         (assignee.empty() ? "" : "，" + assignee + " 请按时完成") + "。";
}

std::string withdrawn_reply(const Ticket& t) { return no(t.id) + " 已撤销。"; }

std::string merged_reply(const Ticket& t, const Ticket& into, const Deployment& d) {
  std::string people;
  for (const auto& id : {t.reporter_id, into.reporter_id}) {
    std::string m = person_mention(d, id);
    if (!m.empty() && people.find(m) == std::string::npos) people += " " + m;
  }
  return no(t.id) + " 与 " + no(into.id) + " 是同一个问题，已合并到 " + no(into.id) + "。" +
         (people.empty() ? "" : "请" + people + " 关注 " + no(into.id) + " 的进展。");
}

std::string reopened_reply(const Reopened& r, const Deployment& d) {
  if (r.new_ticket) {
    return no(r.previous_id) + " 销号已超过" + chinese_duration(d, d.lifecycle.reopen_window) + "，已新登记 " +
           no(r.ticket.id) + "（关联 " + no(r.previous_id) + "），" + ask(d, r.ticket.assignee_id) + "于 " +
           due(r.ticket, d) + " 前整改。";
  }
  return no(r.ticket.id) + " 已重新打开，" + ask(d, r.ticket.assignee_id) + "于 " + due(r.ticket, d) + " 前整改。";
}

std::string recategorized_reply(const Ticket& t, const Deployment& d) {
  return no(t.id) + " 类别已改为【" + category_name(d, t.category) + "】，期限 " + due(t, d) + "。";
}

std::string relocated_reply(const Ticket& t, const Deployment& d) {
  std::string assignee = person_mention(d, t.assignee_id);
  return no(t.id) + " 位置已改为 " + ticket_place(t, d) + (assignee.empty() ? "" : "，由 " + assignee + " 负责") + "。";
}

std::string not_found_reply(int64_t id) { return "没有找到 " + no(id) + "，请核对编号。"; }

std::string forbidden_reply(LifecycleAction action, int64_t id) {
  return "抱歉，" + no(id) + " 的“" + std::string(action_word(action)) + "”需由" + std::string(who_may(action)) +
         "操作。";
}

std::string wrong_state_reply(LifecycleAction action, const Ticket& t, const Deployment& d) {
  std::string text = no(t.id) + " 目前是【" + status_name(d, t.status) + "】";
  if (t.merged_into) text += "（已合并到 " + no(*t.merged_into) + "）";
  return text + "，不能“" + std::string(action_word(action)) + "”。";
}

std::string other_village_reply(const Ticket& t) {
  return "#" + std::to_string(t.id) + " 是" + t.village + "的问题，请在" + t.village + "的群里或镇督办群里处理。";
}

std::string needs_approval_reply(const Deployment& d, const std::string& village) {
  std::string liaisons;
  for (const auto& p : d.people) {
    if (p.role != Role::village_liaison) continue;
    for (const auto& v : p.villages) {
      if (v == village) liaisons += " @" + p.name;
    }
  }
  return "延期超过" + chinese_duration(d, d.lifecycle.max_extension) + "需包村干部批准" +
         (liaisons.empty() ? "。" : "，请" + liaisons + " 发同样的指令。");
}

std::string which_ticket_reply() { return "请带上编号，例如“#12 确认”，或引用机器人关于该问题的消息回复。"; }

std::string unknown_command_reply() { return "没看懂这条指令，回复“帮助”查看用法。"; }

std::string reason_needed_reply(LifecycleAction action) {
  return "请写明原因，例如“#12 " + std::string(action_word(action)) + " 还有垃圾没清”。";
}

std::string reassign_whom_reply() { return "请@要转派的人，例如“#12 转派 @韩立新”。"; }

std::string extend_how_long_reply() { return "请写明延期多久，例如“#12 延期 3天 等雨停”。"; }

std::string merge_into_what_reply() { return "请写明合并到哪一件，例如“#12 合并 #9”。"; }

std::string which_category_reply(const Deployment& d) {
  return "请写类别编号或名称，例如“#12 类别 3”。" + category_menu(d);
}

std::string which_place_reply() { return "没找到这个地点，请写村名或地标，例如“#12 位置 南河桥”。"; }

std::string proxy_forbidden_reply() { return "抱歉，代报需由网格长或村支书、包村干部、督办操作。"; }

std::string proxy_whom_reply() { return "请写明替谁代报，例如“代报 韩德福 南河桥边有垃圾堆”或“代报 @韩德福 …”。"; }

}  // namespace paike
