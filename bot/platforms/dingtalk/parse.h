// DingTalk robot callback JSON → ChatEvent: msgtype text, picture (downloadCode as
// media_ref), richText (text + pictures); atUsers as mentions; the robot's own messages and
// other types are Error "ignored". Pure; never throws.
#pragma once

#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::dingtalk {

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster);

}  // namespace paike::dingtalk
