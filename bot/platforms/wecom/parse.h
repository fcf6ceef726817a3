// WeCom decrypted callback → ChatEvent. Two body shapes:
// - the self-built app's XML (接收消息与事件 消息格式): MsgType text / image (MediaId) /
//   voice (MediaId, Format, and Recognition where a transcript is given) / location
//   (Location_X, Location_Y, Label); a private chat with the app (`direct`, with the sender)
//   unless ChatId is given;
// - the intelligent robot's JSON (智能机器人 接收消息): chatid, chattype, from.userid, msgtype
//   text / image (an encrypted file's url) / mixed / voice (voice.content, the robot's own
//   transcript). In a group the robot only hears messages that @-mention it, and the text
//   begins "@<robot name>": that mention is cut off, so "@拍客 #12 已整改" reads "#12 已整改".
// Events, stream refreshes, files and other types are Error "ignored". Pure; never throws.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::wecom {

// `bot_name`: the intelligent robot's name as members @-mention it (PAIKE_WECOM_BOT_NAME);
// "" cuts a leading "@…" word off group texts instead.
Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster, std::string_view bot_name = "");

// `text` without the robot's own @-mention (see above); `in_group` allows the fallback cut.
std::string strip_bot_mention(std::string_view text, std::string_view bot_name, bool in_group);

// The values of a flat WeCom XML body (<xml><Name>value</Name>…</xml>); empty when malformed.
std::map<std::string, std::string> xml_fields(std::string_view xml);

}  // namespace paike::wecom
