// OneBot v11 message event → ChatEvent, in both message formats: the segment array
// ([{"type":"text","data":{"text":…}}, image, at, reply, location]) and the CQ string
// ("hi[CQ:at,qq=123][CQ:image,file=…,url=…]"). Group and private messages; the bot's own
// (user_id == self_id, post_type message_sent) and other posts are Error "ignored".
// Image media_ref is the segment's url (or file when no url). Pure; never throws.
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

// "a[CQ:at,qq=1]b" → text "a", at{qq:1}, text "b"; CQ escapes (&amp; &#91; &#93; &#44;) undone.
std::vector<Segment> parse_cq_string(std::string_view message);

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster);

}  // namespace paike::onebot
