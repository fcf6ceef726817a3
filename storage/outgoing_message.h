// OutgoingMessage: what the bot wants said in a chat. Handlers produce it; the outbox
// stores it in the same transaction as the change that caused it; a platform sends it.
// Lives in storage/ (not handlers/) because the outbox persists it and a lower layer may
// not include a higher one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace paike {

struct OutgoingMessage {
  std::string platform;
  std::string group_id;               // the chat: a group's id, or with `direct` the person's roster id
  bool direct = false;                // a private chat with that person (stored as chat_key())
  std::string text;                   // Simplified Chinese, @-mentions written as "@姓名"
  std::vector<std::string> mentions;  // roster user ids to @-mention for real on the platform
  std::string reply_to;               // platform message id to quote, when the platform supports it
  std::string image_sha256;           // a stored image (PhotoStore) to attach, or empty
  std::string image_format;           // "png" for a chart (PhotoVariant::chart); empty: a photo's JPEG
  std::optional<int64_t> ticket_id;   // the ticket the message is about, if any
  int64_t outbox_id = 0;              // set when read back from the outbox: the platforms' de-duplication keys
};

}  // namespace paike
