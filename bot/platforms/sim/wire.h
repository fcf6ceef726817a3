// The simulator's webhook body (DESIGN.md "Simulator"):
// {"event_id":"e1","group_id":"g-hanjia","user_id":"sim:handefu","user_name":"韩德福",
//  "time":"2026-11-22T08:00:00+08:00","text":"…","image_b64":"…",
//  "location":{"lat":36.62,"lng":117.01},"reply_to":"m-17"}
// All but event_id, group_id and user_id are optional. A private chat with the bot is the
// group_id dm:<user_id>, as storage names it (storage/chat_key.h).
#pragma once

namespace paike::sim {

inline constexpr const char* kPlatform = "sim";

}  // namespace paike::sim
