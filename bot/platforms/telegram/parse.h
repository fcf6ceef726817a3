// Telegram Update → ChatEvent: `message` with text or caption, photo (largest size's
// file_id as media_ref), location, reply_to_message, text_mention entities as mentions.
// Messages from bots (the bot itself included), edits and other updates are Error "ignored".
// Pure; never throws.
#pragma once

#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::telegram {

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster);

}  // namespace paike::telegram
