// WeCom decrypted callback → ChatEvent. Two body shapes: the self-built app's XML
// (MsgType text / image (MediaId) / location (Location_X, Location_Y, Label); a private chat
// with the app, so group_id "dm:<user>" unless ChatId is given) and the intelligent robot's
// JSON (chatid, chattype, from.userid, msgtype text / image (url) / mixed). Events and other
// types are Error "ignored". Pure; never throws.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::wecom {

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster);

// The values of a flat WeCom XML body (<xml><Name>value</Name>…</xml>); empty when malformed.
std::map<std::string, std::string> xml_fields(std::string_view xml);

}  // namespace paike::wecom
