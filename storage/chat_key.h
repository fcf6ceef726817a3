// How a chat is named where it is stored (the inbox, outbox and voice-prompt tables) and on
// the simulator's API: a group by its id, a private chat with the bot as "dm:<user id>".
// In memory a chat is an id and a `direct` flag (ChatEvent, OutgoingMessage, AcceptedEvent);
// these two functions are the only code that knows the stored prefix, so no other file
// parses or builds it. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace paike {

// A chat in memory: a group's id, or for a private chat (`direct`) the other person's id.
struct ChatRef {
  std::string id;
  bool direct = false;
};

// The stored (and simulator) form of a chat: `id` itself for a group, "dm:<id>" for a private chat.
inline std::string chat_key(std::string_view id, bool direct) {
  return direct ? "dm:" + std::string(id) : std::string(id);
}

// The inverse of chat_key: "dm:<id>" is a private chat with `id`; anything else is a group.
inline ChatRef chat_from_key(std::string_view key) {
  constexpr std::string_view kDirect = "dm:";
  if (key.starts_with(kDirect)) return {std::string(key.substr(kDirect.size())), true};
  return {std::string(key), false};
}

}  // namespace paike
