#include "bot/inbox_worker.h"

#include <spdlog/spdlog.h>

#include "config/text.h"
#include "handlers/intake/prepared_photo.h"
#include "handlers/intake/voice_note.h"
#include "storage/inbox.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

// "; ticket #1 created, ticket #1 flagged": what the event did, for its one log line.
std::string describe(const std::vector<AuditEvent>& changes) {
  std::string text;
  for (const auto& c : changes) {
    text += (text.empty() ? "; ticket #" : ", ticket #") + std::to_string(c.ticket_id) + " " + c.action;
  }
  return text.empty() ? "; no ticket changed" : text;
}

}  // namespace

InboxWorker::InboxWorker(InboxWorkerDeps deps) : deps_(std::move(deps)), loop_("inbox worker", [this] { drain(); }) {
  if (!deps_.lookahead_dbs.empty()) {
    lookahead_ = std::make_unique<EventLookahead>(
        EventLookaheadDeps{deps_.clock, std::move(deps_.lookahead_dbs), deps_.platforms, deps_.photos, deps_.vision,
                           deps_.limits, deps_.router.deployment().wording, deps_.on_photos_prepared});
  }
}

InboxWorker::~InboxWorker() { stop(); }

void InboxWorker::start() {
  if (lookahead_) lookahead_->start();
  loop_.start();
}

void InboxWorker::stop() {
  loop_.stop();
  if (lookahead_) lookahead_->stop();
}

void InboxWorker::wake() {
  if (lookahead_) lookahead_->wake();
  loop_.wake();
}

void InboxWorker::drain() {
  while (process_one() && !loop_.stopping()) {
  }
}

std::vector<PreparedPhoto> InboxWorker::prepare_photos_here(ChatEvent& event, const InboxRow& row, Platform& platform,
                                                            TimePoint now) {
  for (auto& image : event.images) {
    if (!image.data.empty() || image.media_ref.empty()) continue;
    auto bytes = platform.fetch_media(image);
    if (bytes) {
      image.data = std::move(*bytes);
    } else {
      image.fetch_error = bytes.error().message;
      spdlog::warn("event {}: media download failed: {}", row.event_id, image.fetch_error);
    }
  }
  if (event.voice && event.voice->data.empty() && !event.voice->media_ref.empty()) {
    // Without its audio a voice note still counts by its transcript (or gets asked to type).
    auto audio = platform.fetch_voice(*event.voice);
    if (audio) {
      event.voice->data = std::move(*audio);
    } else {
      spdlog::warn("event {}: voice download failed: {}", row.event_id, audio.error().message);
    }
  }
  store_voice_audio(event, deps_.photos);
  const auto started = std::chrono::steady_clock::now();
  auto photos = prepare_photos(event, deps_.vision, deps_.photos, now);
  if (!event.images.empty() && deps_.on_photos_prepared) {
    deps_.on_photos_prepared(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  return photos;
}

bool InboxWorker::process_one() {
  Database& db = *deps_.db;
  Inbox inbox(db);
  // With a look-ahead the payload is read only when it has not parsed the event already.
  const TimePoint real_now = SystemClock().now();
  auto row = inbox.claim_next(Claim{deps_.instance, real_now, real_now + deps_.lease},
                              lookahead_ ? Inbox::Payload::skip : Inbox::Payload::read);
  if (!row) return false;
  const TimePoint now = deps_.clock.now();
  auto platform = deps_.platforms.find(row->platform);
  if (platform == deps_.platforms.end()) {
    inbox.mark_failed(row->id, now, "no such platform enabled: " + row->platform);
    return true;
  }
  // The look-ahead may have parsed it and prepared its photos already.
  auto ahead = lookahead_ ? lookahead_->take(row->id) : std::nullopt;
  if (lookahead_ && !ahead) row->payload = inbox.payload(row->platform, row->id).value_or("");
  auto event = ahead ? Result<ChatEvent>(std::move(ahead->event)) : platform->second->parse_event(row->payload);
  if (!event) {
    // "ignored" is the platform saying the event is not for us (the bot's own message, an
    // unhandled type); anything else is a payload it cannot read.
    if (event.error().code == ErrorCode::ignored) {
      inbox.mark_done(row->id, now);
    } else {
      spdlog::warn("event {}: cannot parse: {}", row->event_id, event.error().message);
      inbox.mark_failed(row->id, now, event.error().message);
    }
    return true;
  }
  event->received_at = row->received_at;
  // What a person typed is kept and shown only cleaned (controls, zero-width, overrides).
  event->text = clean_text(event->text);
  event->user_name = clean_text(event->user_name);
  if (event->voice) event->voice->transcript = clean_text(event->voice->transcript);
  // Cut to text_chars including the "…" that marks the cut.
  if (utf8_length(event->text) > deps_.limits.text_chars) {
    event->text = utf8_truncate(event->text, deps_.limits.text_chars - 1);
  }
  // Before any download or decoding: a flood must not cost the bot more than a count.
  auto verdict = flood_guard_.check(db, *row, *event);
  if (!verdict.handle) {
    db.transaction([&] {
      if (!inbox.still_claimed(row->id, deps_.instance)) return;  // another instance took it over
      if (verdict.notice) Outbox(db).enqueue(*verdict.notice, now);
      inbox.mark_skipped(row->id, now, verdict.reason);
    });
    spdlog::info("event {}: not handled: {}", row->event_id, verdict.reason);
    if (verdict.notice && deps_.on_outbox_written) deps_.on_outbox_written();
    return true;
  }
  std::vector<PreparedPhoto> photos;
  if (ahead) {
    photos = std::move(ahead->photos);
    for (auto& p : photos) {
      if (p.record) p.record->created_at = now;
    }
  } else {
    photos = prepare_photos_here(*event, *row, *platform->second, now);
  }
  // A photo that could not be written (disk full) is an I/O fault, not a bad photo: keep the
  // event pending and try again on the next round instead of filing it without its photo.
  for (const auto& p : photos) {
    if (p.error_code == "store_failed") {
      spdlog::warn("event {}: photo store not writable; left pending to retry", row->event_id);
      return false;
    }
  }
  try {
    std::vector<AuditEvent> changes;
    bool taken_over = false;
    db.transaction([&] {
      // Its lease ran out while its photos were prepared, and another instance handled it.
      if (!inbox.still_claimed(row->id, deps_.instance)) {
        taken_over = true;
        return;
      }
      TicketRepo audit(db);
      const int64_t last = audit.last_event_id();
      deps_.router.handle(*event, photos, db);
      changes = audit.events_after(last);
      inbox.mark_done(row->id, now);
    });
    if (taken_over) {
      spdlog::warn("event {}: taken over by another instance; not handled here", row->event_id);
      return true;
    }
    spdlog::info("event {}: handled ({} photo(s)){}", row->event_id, photos.size(), describe(changes));
    std::vector<StoredPhoto> stored;
    for (auto& p : photos) {
      if (p.record) stored.push_back({p.record->sha256, std::move(p.display)});
    }
    if (!stored.empty() && deps_.on_photos_stored) deps_.on_photos_stored(std::move(stored));
  } catch (const DatabaseError&) {
    throw;  // the database is busy or full: leave the event pending and try again later
  } catch (const std::exception& e) {
    // A bug in a handler: keep the event for a person to look at, and go on with the rest.
    spdlog::error("event {}: handling failed: {}", row->event_id, e.what());
    inbox.mark_failed(row->id, now, e.what());
  }
  if (deps_.on_outbox_written) deps_.on_outbox_written();
  return true;
}

}  // namespace paike
