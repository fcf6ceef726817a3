// Telegram Update → ChatEvent: `message` with text or caption, photo (largest size's
// file_id as media_ref), voice / audio (file_id; Telegram gives no transcript), location,
// reply_to_message, and mentions: `text_mention` entities by user id, `mention` entities
// ("@username", no id) through the roster's telegram_username column. The bot's own
// "@username" is cut from the text, and a leading bot command loses its "/" ("/帮助@bot" →
// "帮助"; "/start" and a bare "@bot" → "帮助"), so commands reach the parser as typed in other chats.
// Messages from bots (the bot itself included), edits and other updates are Error "ignored".
// Pure; never throws.
#pragma once

#include <string>
#include <string_view>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::telegram {

// Who the bot is: its user id (the bot token's part before ':') and its @username without
// the "@" (from getMe or PAIKE_TELEGRAM_BOT_USERNAME; "" when not known yet).
struct BotIdentity {
  std::string id;
  std::string username;
};

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster, const BotIdentity& bot = {});

}  // namespace paike::telegram
