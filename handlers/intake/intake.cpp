#include "handlers/intake/intake.h"

#include <spdlog/spdlog.h>

#include "config/text.h"
#include "handlers/intake/dedup.h"
#include "handlers/intake/replies.h"
#include "handlers/intake/report_draft.h"
#include "handlers/intake/ticket_filing.h"
#include "handlers/intake/voice_note.h"
#include "handlers/reply.h"
#include "storage/outbox.h"
#include "storage/pending_reports.h"
#include "storage/photo_repo.h"
#include "storage/ticket_repo.h"
#include "storage/voice_notes.h"

namespace paike {

Intake::Intake(const Deployment& deployment, const Tagger& tagger, IntakeOptions options)
    : deployment_(deployment), tagger_(tagger), options_(options) {}

namespace {

void say(Database& db, const ChatEvent& event, std::string text, TimePoint now,
         std::vector<std::string> mentions = {}) {
  Outbox(db).enqueue(reply(event, std::move(text), std::move(mentions)), now);
}

void say_in_draft_group(Database& db, const ReportDraft& draft, std::string text, TimePoint now) {
  Outbox(db).enqueue(reply(draft, std::move(text), {draft.filer_id.empty() ? draft.reporter_id : draft.filer_id}), now);
}

std::string photo_notes(const ReportDraft& draft, const Deployment& d) {
  std::string note = paike::photo_notes(d, draft.photo_errors, draft.photo_blurry, draft.photo_dark);
  if (draft.old_photo_taken) note += old_photo_note(d, *draft.old_photo_taken);
  return note;
}

// Stores the facts of the readable photos and notes on the draft what the reply and the
// tagging need from them: quality, the first EXIF position, a photo taken long ago.
void add_photos(ReportDraft& draft, const std::vector<PreparedPhoto>& photos, Database& db, TimePoint sent_at,
                const PhotoSettings& settings) {
  PhotoRepo repo(db);
  for (const auto& p : photos) {
    if (p.record) {
      repo.upsert(*p.record);
      draft.photo_sha256s.push_back(p.record->sha256);
      draft.photo_blurry |= p.blurry;
      draft.photo_dark |= p.too_dark;
      if (!draft.photo_location) draft.photo_location = p.record->gps;
      if (p.record->taken_at && *p.record->taken_at < sent_at - settings.old_photo_age) {
        draft.old_photo_taken = p.record->taken_at;
      }
    } else {
      draft.photo_errors.push_back(p.error_code);
    }
  }
}

TagInput tag_input(const ReportDraft& draft, const Group* group) {
  return {draft.text, group, draft.location, draft.photo_location, !draft.photo_sha256s.empty()};
}

// Files the ticket; an old photo also gets its flag in the audit, where the ledger reads it.
void file(const ReportDraft& draft, const FilingChoice& choice, const Deployment& d, Database& db, TimePoint now) {
  Ticket t = file_ticket(draft, choice, d, db, now);
  if (!draft.old_photo_taken) return;
  AuditEvent flag;
  flag.ticket_id = t.id;
  flag.at = now;
  flag.actor_id = "system";
  flag.action = "flagged";
  flag.field = "flags";
  flag.new_value = "旧照片";
  const std::string taken = format_chat_time(*draft.old_photo_taken, d.time_zone);
  flag.reason_code = "old_photo";
  flag.reason_params = {{"day", taken.substr(0, taken.find(' '))},
                        {"age", chinese_duration(d, d.photos.old_photo_age)}};
  flag.source_event_id = draft.source_event_id;
  TicketRepo(db).add_event(flag);
}

// A report whose photo shows a problem already open joins that ticket instead.
bool merged_as_duplicate(const ReportDraft& draft, const TagResult& place, const Deployment& d, Database& db,
                         TimePoint now) {
  auto match = find_duplicate(db, draft.photo_sha256s, place, d.photos);
  if (!match) return false;
  merge_report(draft, *match, d, db, now);
  return true;
}

PendingReport pending_row(const ReportDraft& draft, TimePoint deadline) {
  PendingReport row;
  row.platform = draft.platform;
  row.group_id = draft.group_id;
  // Keyed by who is typing, so a cadre's menu answer finds the report they file for someone.
  row.user_id = draft.filer_id.empty() ? draft.reporter_id : draft.filer_id;
  row.opened_at = draft.reported_at;
  row.deadline_at = deadline;
  row.payload = draft_to_json(draft);
  return row;
}

}  // namespace

void Intake::handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db,
                    const OnBehalf* on_behalf) {
  const Group* group = deployment_.find_group(event.platform, event.group_id);
  if (!group) {
    spdlog::info("event {}: group {} is not in the deployment; ignored", event.event_id, event.group_id);
    return;
  }
  const TimePoint now = event.received_at;
  const std::string text(trim(event.text));
  if (text.empty() && photos.empty() && !event.location && !event.voice) return;

  PendingReports pending(db);
  std::optional<PendingReport> open_row = pending.find(event.platform, event.group_id, event.user_id);
  std::optional<ReportDraft> draft;
  if (open_row) draft = draft_from_json(open_row->payload);

  // A voice note the platform did not transcribe, and nothing else: its audio joins an open
  // report; unless a photo waits for its words (the bot asks for its category soon anyway),
  // the sender is asked to type or send a photo — never left without an answer.
  if (text.empty() && photos.empty() && !event.location) {
    auto voice = voice_to_keep(event, now);
    if (draft) {
      if (voice) draft->voices.push_back(std::move(*voice));
      open_row->payload = draft_to_json(*draft);
      pending.update(*open_row);
      if (draft->stage == DraftStage::awaiting_text) return;
    } else if (voice && !on_behalf) {
      // Right after the sender's own report: it says more about that one, as a photo would.
      if (auto recent = TicketRepo(db).latest_by_reporter(event.platform, event.group_id, event.user_id,
                                                          now - options_.stitch_window)) {
        voice->ticket_id = recent->id;
        TicketVoices(db).add(*voice);
        if (VoicePrompts(db).claim(event.platform, chat_key(event), event.user_id, now, options_.voice_prompt_window)) {
          say(db, event, deployment_.wording.render("intake.voice_added", {{"ticket", std::to_string(recent->id)}}),
              now);
        }
        return;
      }
    }
    if (VoicePrompts(db).claim(event.platform, chat_key(event), event.user_id, now, options_.voice_prompt_window)) {
      say(db, event, deployment_.wording.render("intake.voice_prompt"), now, {event.user_id});
    }
    return;
  }

  // Words only: an answer to the category menu, or a report of its own.
  if (draft && draft->stage == DraftStage::awaiting_category && photos.empty()) {
    if (auto chosen = tagger_.menu_choice(text)) {
      FilingChoice choice{*chosen, 1.0, tagger_.tag(tag_input(*draft, group)), photo_notes(*draft, deployment_)};
      pending.remove(open_row->id);
      if (merged_as_duplicate(*draft, choice.place, deployment_, db, now)) return;
      file(*draft, choice, deployment_, db, now);
      return;
    }
  }

  if (!draft) {
    draft = ReportDraft{};
    draft->platform = event.platform;
    draft->group_id = event.group_id;
    draft->reporter_id = event.user_id;
    draft->reporter_name = event.user_name;
    draft->source_event_id = event.event_id;
    draft->source_message_id = quoted_id(event);
    draft->reported_at = now;
  }
  if (on_behalf) {
    draft->reporter_id = on_behalf->reporter_id;
    draft->reporter_name = on_behalf->reporter_name;
    draft->filer_id = event.user_id;
  }
  if (!text.empty()) draft->text += (draft->text.empty() ? "" : " ") + text;
  if (event.location) draft->location = event.location;
  if (auto voice = voice_to_keep(event, now)) draft->voices.push_back(std::move(*voice));

  // A photo right after a filed report belongs to that report.
  if (text.empty() && !open_row && !photos.empty() && !on_behalf) {
    TicketRepo tickets(db);
    if (auto recent =
            tickets.latest_by_reporter(event.platform, event.group_id, event.user_id, now - options_.stitch_window)) {
      ReportDraft extra;
      add_photos(extra, photos, db, now, deployment_.photos);
      for (const auto& sha : extra.photo_sha256s) {
        tickets.add_photo({0, recent->id, "before", sha, 0, 0, now, event.event_id});
      }
      say(db, event,
          extra.photo_sha256s.empty() ? paike::photo_notes(deployment_, extra.photo_errors, false, false)
                                      : photos_added_reply(deployment_, recent->id),
          now);
      return;
    }
  }
  add_photos(*draft, photos, db, now, deployment_.photos);

  if (draft->text.empty()) {
    // Photo (or location) without words yet: wait for them within the stitch window.
    if (open_row) {
      open_row->payload = draft_to_json(*draft);
      pending.update(*open_row);
    } else {
      pending.open(pending_row(*draft, now + options_.stitch_window));
    }
    return;
  }

  TagResult tag = tagger_.tag(tag_input(*draft, group));
  // A cadre's 代报 is a report by intent, whatever its words sound like.
  if (!tag.is_report && draft->filer_id.empty() && draft->photo_sha256s.empty() && draft->photo_errors.empty()) {
    if (open_row) pending.remove(open_row->id);
    return;  // chit-chat: no ticket, no menu
  }
  if (tag.village.empty()) {
    if (open_row) pending.remove(open_row->id);
    say(db, event, deployment_.wording.render("intake.where_is_it"), now);
    return;
  }
  if (merged_as_duplicate(*draft, tag, deployment_, db, now)) {
    if (open_row) pending.remove(open_row->id);
    return;
  }
  if (!tag.category || tag.ask) {
    if (draft->stage == DraftStage::awaiting_category) {
      open_row->payload = draft_to_json(*draft);
      pending.update(*open_row);
      return;  // asked already; wait for the answer
    }
    draft->stage = DraftStage::awaiting_category;
    if (open_row) pending.remove(open_row->id);
    pending.open(pending_row(*draft, now + options_.menu_timeout));
    say(db, event, ask_category_reply(deployment_, draft->text), now, {event.user_id});
    return;
  }
  if (open_row) pending.remove(open_row->id);
  FilingChoice choice{*tag.category, tag.confidence, tag, photo_notes(*draft, deployment_)};
  file(*draft, choice, deployment_, db, now);
}

void Intake::private_message(const ChatEvent& event, Database& db) {
  const TimePoint now = event.received_at;
  if (VoicePrompts(db).claim(event.platform, chat_key(event), event.user_id, now, options_.voice_prompt_window)) {
    say(db, event, deployment_.wording.render(event.voice ? "intake.private_voice" : "intake.private_message"), now);
  }
}

void Intake::on_tick(Database& db, TimePoint now) {
  PendingReports pending(db);
  for (const auto& row : pending.expired(now, 100)) {
    auto draft = draft_from_json(row.payload);
    pending.remove(row.id);
    if (!draft) {
      spdlog::warn("pending report {} has an unreadable payload; dropped", row.id);
      continue;
    }
    const Group* group = deployment_.find_group(draft->platform, draft->group_id);
    if (!group) continue;
    TagResult place = tagger_.tag(tag_input(*draft, group));
    if (draft->stage == DraftStage::awaiting_text) {
      if (merged_as_duplicate(*draft, place, deployment_, db, now)) continue;
      // A photo with no words: ask what it shows.
      draft->stage = DraftStage::awaiting_category;
      pending.open(pending_row(*draft, now + options_.menu_timeout));
      say_in_draft_group(
          db, *draft, deployment_.wording.render("intake.photo_without_words", {{"menu", category_menu(deployment_)}}),
          now);
      continue;
    }
    if (place.village.empty()) continue;
    if (merged_as_duplicate(*draft, place, deployment_, db, now)) continue;
    std::string note = deployment_.wording.render("intake.filed_as_other",
                                                  {{"wait", chinese_duration(deployment_, options_.menu_timeout)}}) +
                       photo_notes(*draft, deployment_);
    file(*draft, {"other", 0, place, note}, deployment_, db, now);
  }
}

}  // namespace paike
