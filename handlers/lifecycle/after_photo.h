// Pairing `#12 已整改` with its after-photo when they come as two messages (DESIGN.md lifecycle):
// a photo posted just before the words waits in intake's draft of that sender; a photo posted
// just after them is awaited through storage's closeoff_waits. Both run on the caller's
// Database inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "handlers/chat_event.h"
#include "handlers/intake/prepared_photo.h"
#include "storage/database.h"

namespace paike {

// Stores the facts of the readable photos of one message; returns their SHA-256s.
std::vector<std::string> store_photos(const std::vector<PreparedPhoto>& photos, Database& db);

// Photos the sender posted without words at or after `since` and that intake is holding for
// words: they are taken out of intake (the draft is removed) and returned. Empty when none.
std::vector<std::string> take_waiting_photos(const ChatEvent& event, TimePoint since, Database& db);

}  // namespace paike
