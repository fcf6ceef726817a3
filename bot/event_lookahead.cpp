#include "bot/event_lookahead.h"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <chrono>

#include "handlers/intake/voice_note.h"
#include "storage/inbox.h"

namespace paike {

EventLookahead::EventLookahead(EventLookaheadDeps deps) : deps_(std::move(deps)) {
  for (size_t i = 0; i < deps_.dbs.size(); ++i) {
    loops_.push_back(
        std::make_unique<WakeableLoop>("event lookahead", [this, i] { drain(*deps_.dbs[i], *loops_[i]); }));
  }
}

EventLookahead::~EventLookahead() { stop(); }

void EventLookahead::start() {
  for (auto& loop : loops_) loop->start();
}

void EventLookahead::stop() {
  for (auto& loop : loops_) loop->stop();
}

void EventLookahead::wake() {
  for (auto& loop : loops_) loop->wake();
}

std::optional<PreparedEvent> EventLookahead::take(int64_t id) {
  std::optional<PreparedEvent> taken;
  {
    std::unique_lock lock(mutex_);
    prepared_.wait(lock, [&] { return !working_.contains(id); });
    taken_id_ = std::max(taken_id_, id);
    seen_id_ = std::max(seen_id_, id);
    auto found = ready_.find(id);
    if (found != ready_.end()) {
      taken = std::move(found->second);
      ++taken_prepared_;
    }
    ready_.erase(ready_.begin(), ready_.upper_bound(id));
  }
  wake();  // room for the next ones
  return taken;
}

void EventLookahead::drain(Database& db, const WakeableLoop& loop) {
  Inbox inbox(db);
  while (!loop.stopping()) {
    int64_t after;
    {
      std::lock_guard lock(mutex_);
      if (ready_.size() + working_.size() >= kAhead) return;
      after = seen_id_;
    }
    auto row = inbox.next_pending_after(after);
    if (!row) return;
    {
      std::lock_guard lock(mutex_);
      // Another thread claimed it, or the worker got there first and does it itself.
      if (row->id <= seen_id_) continue;
      seen_id_ = row->id;
      working_.insert(row->id);
    }
    std::optional<PreparedEvent> prepared;
    try {
      prepared = prepare(db, *row);
    } catch (const std::exception& e) {
      // The worker meets the same fault on this row, and deals with it.
      spdlog::warn("event {}: look-ahead left it to the worker: {}", row->event_id, e.what());
    }
    {
      std::lock_guard lock(mutex_);
      working_.erase(row->id);
      if (prepared && row->id > taken_id_) ready_.emplace(row->id, std::move(*prepared));
    }
    prepared_.notify_all();
  }
}

std::optional<PreparedEvent> EventLookahead::prepare(Database& db, const InboxRow& row) {
  auto platform = deps_.platforms.find(row.platform);
  if (platform == deps_.platforms.end()) return std::nullopt;
  auto event = platform->second->parse_event(row.payload);
  if (!event) return std::nullopt;  // the worker records why
  PreparedEvent prepared{std::move(*event), {}};
  auto& voice = prepared.event.voice;
  if (prepared.event.images.empty() && !voice) return prepared;
  for (const auto& image : prepared.event.images) {
    if (image.data.empty()) return std::nullopt;
  }
  if (voice && voice->data.empty() && !voice->media_ref.empty()) return std::nullopt;  // a download: the worker's
  if (!flood_guard_.check(db, row, prepared.event).handle) return std::nullopt;
  store_voice_audio(prepared.event, deps_.photos);
  if (prepared.event.images.empty()) return prepared;
  const auto started = std::chrono::steady_clock::now();
  prepared.photos = prepare_photos(prepared.event, deps_.vision, deps_.photos, deps_.clock.now());
  for (const auto& photo : prepared.photos) {
    if (photo.error_code == "store_failed") return std::nullopt;  // the worker retries and reports it
  }
  if (deps_.on_photos_prepared) {
    deps_.on_photos_prepared(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  return prepared;
}

}  // namespace paike
