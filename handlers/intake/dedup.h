// Duplicate reports: the same problem posted twice (the same photo again, or a photo of it
// forwarded into the group) must not become two tickets. A report is a duplicate when one of
// its photos is the same picture or nearly (pHash within photos.duplicate_max_distance bits)
// as a before-photo of an open ticket at the same place: same village, the same grid when
// both know theirs, within photos.duplicate_radius_m when both have a point. Such a report
// joins that ticket: its photos are linked, the reporter is recorded in the audit, one reply.
// Runs on the caller's Database inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/vision_options.h"
#include "handlers/intake/report_draft.h"
#include "handlers/tagging/tagging.h"
#include "storage/database.h"

namespace paike {

struct DuplicateMatch {
  int64_t ticket_id = 0;
  int distance = 0;  // pHash bits; 0 for the very same bytes
};

// The oldest open ticket the report duplicates, if any. Photos whose facts are not stored
// (unreadable) are skipped; a report without photos is never a duplicate.
std::optional<DuplicateMatch> find_duplicate(Database& db, const std::vector<std::string>& photo_sha256s,
                                             const TagResult& place, const PhotoSettings& settings);

// Links the report to the ticket (photos, an audit row "report_merged" naming the reporter)
// and enqueues the reply to the reporter.
void merge_report(const ReportDraft& draft, const DuplicateMatch& match, const Deployment& d, Database& db,
                  TimePoint now);

}  // namespace paike
