#include "handlers/intake/dedup.h"

#include <spdlog/spdlog.h>

#include "handlers/intake/replies.h"
#include "handlers/intake/ticket_filing.h"
#include "storage/open_ticket_photos.h"
#include "storage/outbox.h"
#include "storage/photo_repo.h"
#include "storage/ticket_repo.h"
#include "vision/phash.h"

namespace paike {

namespace {

bool same_place(const OpenTicketPhoto& open, const TagResult& place, const PhotoSettings& settings) {
  if (place.grid_id && !open.grid_id.empty() && *place.grid_id != open.grid_id) return false;
  if (place.point && open.point && distance_m(*place.point, *open.point) > settings.duplicate_radius_m) return false;
  return true;
}

}  // namespace

std::optional<DuplicateMatch> find_duplicate(Database& db, const std::vector<std::string>& photo_sha256s,
                                             const TagResult& place, const PhotoSettings& settings) {
  if (photo_sha256s.empty() || place.village.empty()) return std::nullopt;
  PhotoRepo photos(db);
  std::vector<PhotoRecord> mine;
  for (const auto& sha : photo_sha256s) {
    if (auto record = photos.get(sha)) mine.push_back(std::move(*record));
  }
  if (mine.empty()) return std::nullopt;
  // The oldest matching ticket, so a duplicate links to the report that came first; within
  // it, the closest photo.
  std::optional<DuplicateMatch> best;
  for (const auto& open : open_ticket_photos(db, place.village)) {
    if (best && open.ticket_id > best->ticket_id) continue;
    if (!same_place(open, place, settings)) continue;
    for (const auto& photo : mine) {
      int distance = photo.sha256 == open.sha256 ? 0 : vision::hamming_distance(photo.phash, open.phash);
      if (distance > settings.duplicate_max_distance) continue;
      if (!best || open.ticket_id < best->ticket_id || distance < best->distance) {
        best = DuplicateMatch{open.ticket_id, distance};
      }
    }
  }
  return best;
}

void merge_report(const ReportDraft& draft, const DuplicateMatch& match, const Deployment& d, Database& db,
                  TimePoint now) {
  TicketRepo tickets(db);
  auto ticket = tickets.get(match.ticket_id);
  if (!ticket) return;
  for (const auto& sha : draft.photo_sha256s) {
    tickets.add_photo({0, ticket->id, "before", sha, 0, 0, now, draft.source_event_id});
  }
  keep_voices(draft, ticket->id, db);
  AuditEvent merged;
  merged.ticket_id = ticket->id;
  merged.at = now;
  merged.actor_id = draft.reporter_id;
  merged.action = "report_merged";
  merged.field = "reporters";
  merged.new_value = draft.reporter_id;
  merged.reason = draft.text;
  merged.reason_code = "photo_match";
  merged.reason_params = {{"distance", std::to_string(match.distance)}};
  merged.source_event_id = draft.source_event_id;
  tickets.add_event(merged);

  OutgoingMessage merged_notice =
      reply(draft, draft.reporter_id == ticket->reporter_id ? already_reported_reply(d, ticket->id)
                                                            : merged_reply(d, ticket->id));
  merged_notice.ticket_id = ticket->id;
  Outbox(db).enqueue(merged_notice, now);
  spdlog::debug("event {}: merged into ticket #{} (duplicate photo, distance {})", draft.source_event_id, ticket->id,
                match.distance);
}

}  // namespace paike
