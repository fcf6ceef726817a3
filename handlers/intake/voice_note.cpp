#include "handlers/intake/voice_note.h"

#include <spdlog/spdlog.h>

#include "config/digest.h"

namespace paike {

void store_voice_audio(ChatEvent& event, PhotoStore& store) {
  if (!event.voice || event.voice->data.empty()) return;
  auto& audio = event.voice->data;
  if (audio.size() > kMaxVoiceBytes) {
    spdlog::warn("event {}: voice note of {} bytes is over {}; not kept", event.event_id, audio.size(), kMaxVoiceBytes);
    audio.clear();
    return;
  }
  auto stored = store.put(crypto::sha256_hex(audio), PhotoVariant::voice, audio);
  if (!stored) {
    spdlog::error("event {}: cannot store voice note: {}", event.event_id, stored.error().message);
    audio.clear();
  }
}

std::optional<TicketVoice> voice_to_keep(const ChatEvent& event, TimePoint now) {
  if (!event.voice || event.voice->data.empty()) return std::nullopt;
  TicketVoice v;
  v.sha256 = crypto::sha256_hex(event.voice->data);
  v.format = event.voice->format;
  v.bytes = static_cast<int64_t>(event.voice->data.size());
  v.transcript = event.voice->transcript;
  v.added_at = now;
  v.source_event_id = event.event_id;
  return v;
}

}  // namespace paike
