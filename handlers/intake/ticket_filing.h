// Turning a finished report into a ticket: assignee, deadline, photos, the audit row and
// the reply, all written on the caller's Database inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "config/deployment.h"
#include "handlers/intake/report_draft.h"
#include "handlers/tagging/tagging.h"
#include "storage/database.h"
#include "storage/ticket.h"

namespace paike {

struct FilingChoice {
  std::string category;  // code
  double confidence = 0;
  TagResult place;         // village, grid, source, landmark, point
  std::string extra_note;  // appended to the reply (photo problems, "按【其他】登记" …)
};

// Files the ticket and enqueues the reply quoting the report. Returns the new ticket.
Ticket file_ticket(const ReportDraft& draft, const FilingChoice& choice, const Deployment& deployment, Database& db,
                   TimePoint now);

// The report's voice notes are kept with the ticket it filed or joined.
void keep_voices(const ReportDraft& draft, int64_t ticket_id, Database& db);

// The person a new ticket goes to: the grid leader when the grid is known and has one,
// else the village secretary; empty when neither exists.
std::string default_assignee(const Deployment& deployment, const std::string& village, const std::string& grid_id);

}  // namespace paike
