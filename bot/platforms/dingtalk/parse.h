// DingTalk robot callback JSON → ChatEvent: msgtype text, picture (downloadCode as
// media_ref), richText (text + pictures), audio (voice: downloadCode + recognition as the
// text); atUsers other than the robot (chatbotUserId) as mentions; conversationType "1" is a
// private chat (`direct`, with the sender). The robot's own messages and other types (file, video) are Error
// "ignored". Pure; never throws.
#pragma once

#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::dingtalk {

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster);

}  // namespace paike::dingtalk
