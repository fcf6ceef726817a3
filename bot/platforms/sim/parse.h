// Simulator wire → ChatEvent, with every field checked: the sim is driven by tests and
// browsers, so bad input must come back as a clear reason, never a crash.
#pragma once

#include <string>
#include <string_view>

#include "config/result.h"
#include "handlers/chat_event.h"

namespace paike::sim {

// The parser reads up to kBodyPadding bytes past a body's end. validate_body reads a body
// whose string has that much spare capacity (the webhook route reserves it) in place; any
// other body is copied first.
inline constexpr size_t kBodyPadding = 64;

// Checks the body's shape (400 reasons) and returns its fields without the image: decoding
// it is worker work, so the ack path neither copies nor decodes it.
Result<ChatEvent> validate_body(const std::string& body);
// The same checks, with the image bytes decoded (a bad image_b64 becomes an IncomingImage
// with a fetch_error, so the report is still filed from its words) and a voice note's audio
// (a bad voice.audio_b64 leaves the voice note without audio; its transcript is the text).
Result<ChatEvent> parse_body(std::string_view body);

}  // namespace paike::sim
