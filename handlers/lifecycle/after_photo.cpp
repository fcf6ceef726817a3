#include "handlers/lifecycle/after_photo.h"

#include "handlers/intake/report_draft.h"
#include "storage/pending_reports.h"
#include "storage/photo_repo.h"

namespace paike {

std::vector<std::string> store_photos(const std::vector<PreparedPhoto>& photos, Database& db) {
  std::vector<std::string> shas;
  PhotoRepo repo(db);
  for (const auto& p : photos) {
    if (!p.record) continue;
    repo.upsert(*p.record);
    shas.push_back(p.record->sha256);
  }
  return shas;
}

std::vector<std::string> take_waiting_photos(const ChatEvent& event, TimePoint since, Database& db) {
  PendingReports pending(db);
  auto row = pending.find(event.platform, event.group_id, event.user_id);
  if (!row) return {};
  auto draft = draft_from_json(row->payload);
  // Only a bare photo still waiting for its words; a report with words of its own stays a report.
  if (!draft || draft->stage != DraftStage::awaiting_text || !draft->text.empty() || draft->photo_sha256s.empty() ||
      draft->reported_at < since) {
    return {};
  }
  pending.remove(row->id);
  return draft->photo_sha256s;
}

}  // namespace paike
