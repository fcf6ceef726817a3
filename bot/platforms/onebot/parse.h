// OneBot v11 message event → ChatEvent, in both message formats: the segment array
// ([{"type":"text","data":{"text":…}}, image, record, at, reply, location]) and the CQ string
// ("hi[CQ:at,qq=123][CQ:image,file=…,url=…]"), else raw_message. Group and private messages;
// the bot's own @ (qq == self_id) is dropped, not a mention; the bot's own messages
// (user_id == self_id, post_type message_sent), group notices and other posts are Error
// "ignored". Image and voice media_ref: the segment's url, else its file (for get_image /
// get_record). A record is a voice note without transcript (OneBot v11 has none).
// Pure; never throws.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bot/platforms/roster_ids.h"
#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::onebot {

struct Segment {
  std::string type;
  std::map<std::string, std::string> data;
};

// Whether a segment's url/file is one paike downloads itself (http or https), not a file name.
bool is_url(std::string_view s);

// "a[CQ:at,qq=1]b" → text "a", at{qq:1}, text "b"; CQ escapes (&amp; &#91; &#93; &#44;) undone.
std::vector<Segment> parse_cq_string(std::string_view message);

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster);

}  // namespace paike::onebot
