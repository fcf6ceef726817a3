#include "handlers/intake/photo_replies.h"

namespace paike {

std::string photo_dark_note() { return "照片有些暗，方便的话请在光线好时再拍一张。"; }

std::string old_photo_note(TimePoint taken_at, const TimeZone& zone) {
  // format_chat_time gives "11月10日 08:00"; the day is what matters here.
  std::string when = format_chat_time(taken_at, zone);
  auto space = when.find(' ');
  return "照片拍摄于" + when.substr(0, space) + "，已标注“旧照片”。";
}

std::string merged_reply(int64_t ticket_id) {
  return "已有人反映，已合并到 #" + std::to_string(ticket_id) + "，谢谢您。";
}

std::string already_reported_reply(int64_t ticket_id) {
  return "这个问题已登记为 #" + std::to_string(ticket_id) + "，正在整改中，无需重复上报。";
}

}  // namespace paike
