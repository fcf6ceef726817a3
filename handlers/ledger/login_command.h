// `台账` / `登录` in chat: a secretary or above gets a one-time ledger link in a PRIVATE
// message (anyone in a group could use a link posted there); in a group the bot only says
// the link went privately. Runs on the caller's Database inside the caller's transaction.
#pragma once

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "storage/database.h"

namespace paike {

// 台账, 登录 (handlers/lifecycle/command_parser's table), without a photo.
bool is_login_command(const ChatEvent& event);

// Answers a login command (check is_login_command first).
void handle_login_command(const ChatEvent& event, const Deployment& deployment, Database& db, TimePoint now);

}  // namespace paike
