// What the bot says in chat about reports. Short, friendly Simplified Chinese; the people
// who must act are @-mentioned by name (the platform adds the real mention).
#pragma once

#include <string>
#include <string_view>

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
std::string photo_unreadable_note();  // appended when a posted photo could not be read
std::string photo_blurry_note();      // appended when a photo is too blurry or dark
std::string photos_added_reply(int64_t ticket_id);
std::string where_is_it_reply();    // a township-group report that names no village
std::string filed_as_other_note();  // the category menu went unanswered
// A voice note the platform did not transcribe, with no words or photo: ask for either.
std::string voice_prompt_reply();
std::string voice_added_reply(int64_t ticket_id);  // "已把语音补充到 #12。"
// A voice note sent to the bot privately: reports go to the village's group.
std::string private_voice_reply();
// Any other message sent to the bot privately, likewise.
std::string private_message_reply();
// "24小时", "7天", "2分钟": a configured span as people say it.
std::string chinese_duration(Duration span);

}  // namespace paike
