// What the bot says in chat about reports, from the deployment's wording
// (config/default_replies.yaml, areas intake, photo and time). The people who must act are
// @-mentioned by name (the platform adds the real mention).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/deployment.h"
#include "storage/ticket.h"

namespace paike {

// "已登记 #1【生活垃圾】韩家村·南片（南河桥），请 @张桂兰 于 11月23日 21:00 前整改"
std::string ticket_filed_reply(const Ticket& ticket, const Deployment& deployment);
// "生活垃圾" for "household_waste"; the code itself when the deployment does not know it.
std::string category_name(const Deployment& deployment, const std::string& code);
// "韩家村·南片（南河桥）"
std::string ticket_place(const Ticket& ticket, const Deployment& deployment);
// "请回复数字选择问题类别：1 生活垃圾 2 建筑垃圾 … 12 其他"
std::string category_menu(const Deployment& deployment);
// "您反映的“南河桥这边…”是哪类问题？请回复数字选择问题类别：1 生活垃圾 …"
std::string ask_category_reply(const Deployment& deployment, std::string_view report_text);
std::string photos_added_reply(const Deployment& deployment, int64_t ticket_id);
// Someone else reported the same problem first: "已有人反映，已合并到 #9。"
std::string merged_reply(const Deployment& deployment, int64_t ticket_id);
// The reporter posted the same problem again: no second ticket.
std::string already_reported_reply(const Deployment& deployment, int64_t ticket_id);
// Appended to a reply about a report whose photos were poor or unreadable: one sentence per
// kind of trouble, the first refused photo's reason first (vision's error codes).
std::string photo_notes(const Deployment& deployment, const std::vector<std::string>& error_codes, bool blurry,
                        bool dark);
// "照片拍摄于11月10日，已标注“旧照片”。"
std::string old_photo_note(const Deployment& deployment, TimePoint taken_at);
// "24小时", "7天", "2分钟": a configured span as people say it.
std::string chinese_duration(const Deployment& deployment, Duration span);

}  // namespace paike
