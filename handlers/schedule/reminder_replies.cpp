#include "handlers/schedule/reminder_replies.h"

#include "handlers/intake/replies.h"

namespace paike {

std::string ticket_headline(const Ticket& t, const Deployment& d) {
  const Category* category = d.find_category(t.category);
  return "#" + std::to_string(t.id) + "【" + (category ? category->name : t.category) + "】" + ticket_place(t, d);
}

std::string mention_names(const std::vector<std::string>& user_ids, const Deployment& d) {
  std::string text;
  for (const auto& id : user_ids) {
    if (const Person* p = d.find_person(id)) text += (text.empty() ? "@" : " @") + p->name;
  }
  return text;
}

std::string overdue_span(Duration overdue) {
  const long long hours = std::max<long long>(0, overdue.count() / 3600);
  if (hours < 24) return std::to_string(std::max<long long>(hours, 1)) + "小时";
  std::string text = std::to_string(hours / 24) + "天";
  if (hours % 24) text += std::to_string(hours % 24) + "小时";
  return text;
}

std::string due_soon_line(const Ticket& t, const Deployment& d, const std::string& mentions) {
  return ticket_headline(t, d) + " 将于 " + format_chat_time(t.due_at, d.time_zone) + " 到期，请 " +
         (mentions.empty() ? "责任人" : mentions) + " 抓紧整改。";
}

std::string ladder_line(size_t index, const Ticket& t, const Deployment& d, Duration overdue,
                        const std::string& mentions) {
  const std::string who = mentions.empty() ? "相关负责人" : mentions;
  if (index == 0) {
    return ticket_headline(t, d) + " 已到整改期限（" + format_chat_time(t.due_at, d.time_zone) + "），请 " + who +
           " 尽快整改。";
  }
  if (index == 1)
    return "挂牌督办：" + ticket_headline(t, d) + " 已超期" + overdue_span(overdue) + "，请 " + who + " 督促整改。";
  return "督办升级：" + ticket_headline(t, d) + " 已超期" + overdue_span(overdue) + "，请 " + who + " 关注督办。";
}

std::string batched_reminders(const std::vector<std::string>& lines) {
  if (lines.size() == 1) return lines.front();
  std::string text = "以下 " + std::to_string(lines.size()) + " 件事项需要处理（超期最久的在前）：";
  for (size_t i = 0; i < lines.size(); ++i) text += "\n" + std::to_string(i + 1) + ". " + lines[i];
  return text;
}

std::string followup_request(const Ticket& t, const Deployment& d, const std::string& mentions, Duration after) {
  return "回头看：" + ticket_headline(t, d) + " 已销号" + format_duration(after) + "，请 " +
         (mentions.empty() ? "网格长" : mentions) + " 拍一张现场照片发到群里，并回复“#" + std::to_string(t.id) +
         " 正常”或“#" + std::to_string(t.id) + " 回潮”。";
}

std::string followup_normal_reply(int64_t id) { return "已记录 #" + std::to_string(id) + " 回头看：现场正常，谢谢！"; }

std::string followup_needs_photo_reply(int64_t id) {
  return "请在同一条消息里附上现场照片，再回复“#" + std::to_string(id) + " 正常”。";
}

std::string followup_not_closed_reply(int64_t id) { return "#" + std::to_string(id) + " 还没有销号，暂不需要回头看。"; }

std::string followup_not_allowed_reply() { return "回头看结果请由网格长或村干部回复，谢谢理解。"; }

std::string no_such_ticket_reply(int64_t id) { return "没有找到 #" + std::to_string(id) + "，请核对编号。"; }

std::string relapse_note(int64_t original_id) {
  return "（回头看发现回潮，原单 #" + std::to_string(original_id) + "）";
}

namespace {

std::string reason_text(const PointsEntry& e) {
  const std::string ticket = e.ticket_id ? "#" + std::to_string(*e.ticket_id) + " " : "";
  if (e.reason == "report_closed") return ticket + "上报的问题已销号";
  if (e.reason == "closed_on_time") return ticket + "按期整改销号";
  if (e.reason == "closed_late") return ticket + "超期销号";
  if (e.reason == "relapse") return ticket + "回头看发现回潮";
  return ticket + e.reason;
}

}  // namespace

std::string points_reply(const std::string& name, int64_t balance, const std::vector<PointsEntry>& recent,
                         const Deployment& d) {
  std::string text = name + "的积分：" + std::to_string(balance) + " 分。";
  if (recent.empty()) return text + "还没有积分记录，随手拍上报问题、按期整改都能得分。";
  text += "最近：";
  for (size_t i = 0; i < recent.size(); ++i) {
    const auto& e = recent[i];
    std::string date = format_chat_time(e.at, d.time_zone);
    date = date.substr(0, date.find(' '));
    text += (i ? "；" : "") + date + " " + (e.amount > 0 ? "+" : "") + std::to_string(e.amount) + " " + reason_text(e);
  }
  return text + "。";
}

}  // namespace paike
