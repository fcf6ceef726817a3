// ChatEvent: one message in a group chat, as every platform adapter hands it to handlers/.
// A plain record; handlers never see platform wire formats.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/geo.h"
#include "config/time.h"
#include "storage/chat_key.h"

namespace paike {

// A posted picture: either its bytes (simulator, or after download) or the platform's
// reference to fetch it by (Feishu image_key, DingTalk downloadCode, Telegram file_id, …).
struct IncomingImage {
  std::string data;         // raw bytes as posted; empty until fetched
  std::string media_ref;    // platform reference; empty when `data` came inline
  std::string fetch_error;  // set by the bot when the download failed (the report still counts)
};

// A voice note. Elderly villagers speak more than they type: where the platform transcribes
// it (WeCom 语音识别 `Recognition`, DingTalk `recognition`), the transcript is the report's
// text; without one the bot asks for a few typed words or a photo.
struct IncomingVoice {
  std::string media_ref;   // platform reference to download the audio by; may be empty
  std::string transcript;  // the platform's own transcript; "" when it gave none
  std::string format;      // "amr", "ogg", "silk", … as the platform names it; may be empty
  std::string data;        // the audio's bytes once fetched (kept with the ticket)
};

struct ChatEvent {
  std::string platform;    // "sim", "feishu", …
  std::string event_id;    // the platform's event id: the inbox's idempotency key
  std::string message_id;  // the platform's message id, for quoting; defaults to event_id
  std::string group_id;    // the chat: a group's id, or with `direct` the sender's `user_id`
  bool direct = false;     // a private chat with the bot (set by every platform's parser)
  std::string user_id;     // roster id ("sim:handefu") when known, else the platform's sender id
  std::string user_name;
  std::optional<TimePoint> sent_at;  // platform's time, when it gives one
  TimePoint received_at{};           // our clock when the webhook accepted it
  std::string text;
  std::vector<IncomingImage> images;
  std::optional<GeoPoint> location;    // a shared location (GCJ-02 or WGS-84: see the tagging notes)
  std::string reply_to;                // id of the quoted message: a bot message "m-17" or a platform id
  std::vector<std::string> mentions;   // user ids @-mentioned in the message (never the bot itself)
  std::optional<IncomingVoice> voice;  // set for a voice note; `text` then holds its transcript
};

// The event's chat as the inbox and the other chat-keyed tables store it.
inline std::string chat_key(const ChatEvent& event) { return chat_key(event.group_id, event.direct); }

}  // namespace paike
