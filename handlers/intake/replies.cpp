#include "handlers/intake/replies.h"

#include "config/text.h"

namespace paike {

std::string ticket_place(const Ticket& t, const Deployment& d) {
  std::string place = t.village;
  if (const Grid* grid = d.find_grid(t.grid_id)) place += "·" + grid->name;
  if (!t.landmark.empty()) place += "（" + t.landmark + "）";
  return place;
}

std::string category_name(const Deployment& d, const std::string& code) {
  const Category* category = d.find_category(code);
  return category ? category->name : code;
}

std::string ticket_filed_reply(const Ticket& t, const Deployment& d) {
  const Category* category = d.find_category(t.category);
  const Person* assignee = d.find_person(t.assignee_id);
  std::string text = "已登记 #" + std::to_string(t.id) + "【" + (category ? category->name : t.category) + "】" +
                     ticket_place(t, d) + "，请 ";
  text += assignee ? "@" + assignee->name + " " : "";
  text += "于 " + format_chat_time(t.due_at, d.time_zone) + " 前整改";
  return text;
}

std::string category_menu(const Deployment& d) {
  std::string text = "请回复数字选择问题类别：";
  for (size_t i = 0; i < d.categories.size(); ++i) {
    text += (i ? " " : "") + std::to_string(i + 1) + " " + d.categories[i].name;
  }
  return text;
}

std::string ask_category_reply(const Deployment& d, std::string_view report_text) {
  constexpr size_t kQuoteChars = 20;  // enough to recognise the report, short enough for a phone screen
  const std::string quote = utf8_truncate(trim(report_text), kQuoteChars);
  if (quote.empty()) return category_menu(d);
  return "您反映的“" + quote + "”是哪类问题？" + category_menu(d);
}

std::string photo_unreadable_note() { return "照片没能读取，请重新发送一张照片。"; }

std::string photo_blurry_note() { return "照片有些模糊，方便的话请再拍一张。"; }

std::string photos_added_reply(int64_t ticket_id) { return "已把照片补充到 #" + std::to_string(ticket_id) + "。"; }

std::string where_is_it_reply() { return "请说明问题在哪个村、什么位置，例如：“X村X桥边有垃圾堆”。"; }

std::string filed_as_other_note() { return "2小时内未选择类别，已按【其他】登记，可回复“#编号 类别 数字”更正。"; }

std::string voice_prompt_reply() {
  return "收到您的语音。暂时还听不了语音，麻烦打几个字说明是什么问题、在哪里，或者拍张照片发上来，谢谢！";
}

std::string voice_added_reply(int64_t ticket_id) { return "已把语音补充到 #" + std::to_string(ticket_id) + "。"; }

std::string private_voice_reply() {
  return "收到您的语音。反映问题请发到本村的群里：打几个字说明是什么问题、在哪里，或者拍张照片发上来，谢谢！";
}

std::string private_message_reply() {
  return "您好！反映问题请发到本村的群里：打几个字说明是什么问题、在哪里，再拍张照片，谢谢！";
}

std::string chinese_duration(Duration span) {
  const long long s = span.count();
  // "24小时" reads better than "1天" for a one-day clock; longer spans in days.
  if (s > 86400 && s % 86400 == 0) return std::to_string(s / 86400) + "天";
  if (s > 0 && s % 3600 == 0) return std::to_string(s / 3600) + "小时";
  if (s > 0 && s % 60 == 0) return std::to_string(s / 60) + "分钟";
  return std::to_string(s) + "秒";
}

}  // namespace paike
