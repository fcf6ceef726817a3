// Voice notes, whatever the platform: the audio is stored before the handler's transaction
// (file writes stay outside the database lock, as for photos) and kept with the ticket its
// report files or joins (storage/voice_notes.h). The transcript, when the platform gave one,
// is already the event's text; intake reads it like typed words.
#pragma once

#include <cstddef>
#include <optional>

#include "handlers/chat_event.h"
#include "storage/photo_store.h"
#include "storage/voice_notes.h"

namespace paike {

// Larger audio is not kept: a 60-second voice note is 100–200 KB in AMR or SILK.
inline constexpr size_t kMaxVoiceBytes = 4 << 20;

// Writes the event's audio (if any) to the store under its SHA-256. Audio over
// kMaxVoiceBytes or that cannot be written is dropped from the event with a log line: the
// transcript still counts. Thread-safe, never throws on bad bytes.
void store_voice_audio(ChatEvent& event, PhotoStore& store);

// The voice note as a ticket keeps it (ticket_id 0); nullopt when the event has no audio.
std::optional<TicketVoice> voice_to_keep(const ChatEvent& event, TimePoint now);

}  // namespace paike
