#include "handlers/intake.h"

#include <spdlog/spdlog.h>

#include "config/text.h"
#include "handlers/replies.h"
#include "handlers/report_draft.h"
#include "handlers/ticket_filing.h"
#include "storage/outbox.h"
#include "storage/pending_reports.h"
#include "storage/photo_repo.h"
#include "storage/ticket_repo.h"

namespace paike {

Intake::Intake(const Deployment& deployment, const Tagger& tagger, IntakeOptions options)
    : deployment_(deployment), tagger_(tagger), options_(options) {}

namespace {

void say(Database& db, const ChatEvent& event, std::string text, TimePoint now, std::vector<std::string> mentions = {}) {
  OutgoingMessage m;
  m.platform = event.platform;
  m.group_id = event.group_id;
  m.text = std::move(text);
  m.mentions = std::move(mentions);
  m.reply_to = event.message_id;
  Outbox(db).enqueue(m, now);
}

void say_in_draft_group(Database& db, const ReportDraft& draft, std::string text, TimePoint now) {
  OutgoingMessage m;
  m.platform = draft.platform;
  m.group_id = draft.group_id;
  m.text = std::move(text);
  m.mentions = {draft.filer_id.empty() ? draft.reporter_id : draft.filer_id};
  m.reply_to = draft.source_message_id;
  Outbox(db).enqueue(m, now);
}

// A digit from the menu ("3") or a category name ("生活垃圾"); nullptr for anything else.
const Category* menu_answer(const Deployment& d, std::string_view text) {
  std::string answer(trim(text));
  if (!answer.empty() && answer.size() <= 2 && answer.find_first_not_of("0123456789") == std::string::npos) {
    size_t n = std::stoul(answer);
    if (n >= 1 && n <= d.categories.size()) return &d.categories[n - 1];
    return nullptr;
  }
  for (const auto& c : d.categories) {
    if (answer == c.name || answer == c.code) return &c;
  }
  return nullptr;
}

std::string photo_notes(const ReportDraft& draft) {
  std::string note;
  if (!draft.photo_errors.empty()) note += photo_unreadable_note();
  if (draft.photo_blurry) note += photo_blurry_note();
  return note;
}

void add_photos(ReportDraft& draft, const std::vector<PreparedPhoto>& photos, Database& db) {
  PhotoRepo repo(db);
  for (const auto& p : photos) {
    if (p.record) {
      repo.upsert(*p.record);
      draft.photo_sha256s.push_back(p.record->sha256);
      draft.photo_blurry |= p.blurry || p.too_dark;
    } else {
      draft.photo_errors.push_back(p.error_code);
    }
  }
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
  if (text.empty() && photos.empty() && !event.location) return;

  PendingReports pending(db);
  std::optional<PendingReport> open_row = pending.find(event.platform, event.group_id, event.user_id);
  std::optional<ReportDraft> draft;
  if (open_row) draft = draft_from_json(open_row->payload);

  // Words only: an answer to the category menu, or a report of its own.
  if (draft && draft->stage == DraftStage::awaiting_category && photos.empty()) {
    if (const Category* chosen = menu_answer(deployment_, text)) {
      TagInput input{draft->text, group, draft->location, std::nullopt};
      FilingChoice choice{chosen->code, 1.0, tagger_.tag(input), photo_notes(*draft)};
      pending.remove(open_row->id);
      file_ticket(*draft, choice, deployment_, db, now);
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
    draft->source_message_id = event.message_id.empty() ? event.event_id : event.message_id;
    draft->reported_at = now;
  }
  if (on_behalf) {
    draft->reporter_id = on_behalf->reporter_id;
    draft->reporter_name = on_behalf->reporter_name;
    draft->filer_id = event.user_id;
  }
  if (!text.empty()) draft->text += (draft->text.empty() ? "" : " ") + text;
  if (event.location) draft->location = event.location;

  // A photo right after a filed report belongs to that report.
  if (text.empty() && !open_row && !photos.empty() && !on_behalf) {
    TicketRepo tickets(db);
    if (auto recent = tickets.latest_by_reporter(event.platform, event.group_id, event.user_id,
                                                 now - options_.stitch_window)) {
      ReportDraft extra;
      add_photos(extra, photos, db);
      for (const auto& sha : extra.photo_sha256s) {
        tickets.add_photo({0, recent->id, "before", sha, 0, 0, now, event.event_id});
      }
      say(db, event, extra.photo_sha256s.empty() ? photo_unreadable_note() : photos_added_reply(recent->id), now);
      return;
    }
  }
  add_photos(*draft, photos, db);

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

  TagInput input{draft->text, group, draft->location, std::nullopt};
  TagResult tag = tagger_.tag(input);
  // A cadre's 代报 is a report by intent, whatever its words sound like.
  if (!tag.is_report && draft->filer_id.empty() && draft->photo_sha256s.empty() && draft->photo_errors.empty()) {
    if (open_row) pending.remove(open_row->id);
    return;  // chit-chat: no ticket, no menu
  }
  if (tag.village.empty()) {
    if (open_row) pending.remove(open_row->id);
    say(db, event, where_is_it_reply(), now);
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
    say(db, event, category_menu(deployment_), now, {event.user_id});
    return;
  }
  if (open_row) pending.remove(open_row->id);
  FilingChoice choice{*tag.category, tag.confidence, tag, photo_notes(*draft)};
  file_ticket(*draft, choice, deployment_, db, now);
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
    if (draft->stage == DraftStage::awaiting_text) {
      // A photo with no words: ask what it shows.
      draft->stage = DraftStage::awaiting_category;
      pending.open(pending_row(*draft, now + options_.menu_timeout));
      say_in_draft_group(db, *draft, "收到照片。" + category_menu(deployment_), now);
      continue;
    }
    TagResult place = tagger_.tag({draft->text, group, draft->location, std::nullopt});
    if (place.village.empty()) continue;
    std::string note = filed_as_other_note() + photo_notes(*draft);
    file_ticket(*draft, {"other", 0, place, note}, deployment_, db, now);
  }
}

}  // namespace paike
