// 回头看 (follow-up against relapse): `followup.after` after a ticket closes the bot asks
// the assignee in the village group for a current photo; "#12 正常" + photo records it,
// "#12 回潮" reopens the problem as a new ticket linked to the old one. Runs on the caller's
// Database inside the caller's transaction.
#pragma once

#include <vector>

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "handlers/intake/prepared_photo.h"
#include "storage/database.h"

namespace paike {

// Asks for every follow-up due at `now` (not in quiet hours); returns how many were asked.
int ask_due_followups(Database& db, const Deployment& deployment, TimePoint now);

// "#12 正常" with a photo from a roster cadre: records the follow-up.
void record_followup_normal(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, int64_t ticket_id,
                            const Deployment& deployment, Database& db, TimePoint now);
// "#12 回潮": files a new ticket for the same place and category, linked to #12.
void record_relapse(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, int64_t ticket_id,
                    const Deployment& deployment, Database& db, TimePoint now);

}  // namespace paike
