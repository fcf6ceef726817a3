// How a handler answers an event: in the event's chat (a group, or the private chat it came
// from), quoting the event's message. Every answer to an event is built here, so the quote
// follows one rule; messages nobody asked for (reminders, the digest, auto-close notices)
// name their chat themselves. Pure; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "handlers/chat_event.h"
#include "storage/outgoing_message.h"

namespace paike {

// The id an answer to `event` quotes: its message id, or its event id when the platform gave
// none. Platforms use it to quote (Feishu's reply API, Telegram's reply_to_message_id) or to
// pick the response_url of that message (WeCom's robot); the simulator shows it, DingTalk
// ignores it. A report's draft keeps it as ReportDraft::source_message_id.
inline std::string quoted_id(const ChatEvent& event) {
  return event.message_id.empty() ? event.event_id : event.message_id;
}

// An answer to `event`; `mentions` are roster ids to @-mention.
inline OutgoingMessage reply(const ChatEvent& event, std::string text, std::vector<std::string> mentions = {}) {
  OutgoingMessage m;
  m.platform = event.platform;
  m.group_id = event.group_id;
  m.direct = event.direct;
  m.text = std::move(text);
  m.mentions = std::move(mentions);
  m.reply_to = quoted_id(event);
  return m;
}

}  // namespace paike
