// Feishu event (decrypted schema-2.0 JSON) → ChatEvent. Handles im.message.receive_v1 with
// message types text, image, post (rich text with images and @), location, audio (a voice
// note: Feishu gives no transcript); @-mentions from message.mentions, quoted replies from
// parent_id, private chats (chat_type "p2p") as `direct` with the sender. The bot's own @-mention (its
// open_id `bot_open_id`) is cut from the text and left out of mentions. The bot's own
// messages (sender_type "app") and other types are Error "ignored". Pure; never throws.
#pragma once

#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::feishu {

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster, std::string_view bot_open_id);

// media_ref for an image or audio of a message: "<message_id>/<key>" (the resource API needs both).
std::string media_ref(std::string_view message_id, std::string_view image_key);

}  // namespace paike::feishu
