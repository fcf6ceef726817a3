// What the bot says about photos: quality notes, old photos, and reports that join a ticket
// already open. Short, polite Simplified Chinese.
#pragma once

#include <cstdint>
#include <string>

#include "config/time.h"

namespace paike {

std::string photo_dark_note();  // appended when a photo is too dark or washed out
// "照片拍摄于11月10日，已标注“旧照片”。"
std::string old_photo_note(TimePoint taken_at, const TimeZone& zone);
// Someone else reported the same problem first: "已有人反映，已合并到 #9。"
std::string merged_reply(int64_t ticket_id);
// The reporter posted the same problem again: no second ticket.
std::string already_reported_reply(int64_t ticket_id);

}  // namespace paike
