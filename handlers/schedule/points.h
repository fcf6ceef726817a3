// Points (积分存折), derived from the audit rows and never kept as a counter: a ticket
// closed → the reporter earns points and the assignee earns (on time) or loses (late,
// per started day, capped) points; a relapse found by 回头看 costs the assignee. The
// scheduler calls accrue_points; a cursor and the ledger's unique sources make it
// idempotent. Runs on the caller's Database inside the caller's transaction.
#pragma once

#include <string>

#include "config/deployment.h"
#include "storage/database.h"

namespace paike {

// Turns audit rows written since the last call into ledger rows; returns how many were added.
int accrue_points(Database& db, const Deployment& deployment, TimePoint now);

// The answer to `积分`: balance and the five latest entries of `user_id`.
std::string points_statement(Database& db, const Deployment& deployment, const std::string& user_id,
                             const std::string& user_name);

}  // namespace paike
