// Reminders and the overdue ladder (督办). For every ticket still being worked on
// (status assigned): once at `due_soon` of its time the assignee is reminded, then each
// ladder step fires once at due_at + after. A step that fell due is recorded with the
// outbox row that says it in the caller's transaction (storage/reminder_steps.h), so after
// downtime every missed step fires exactly once. In quiet hours nothing is sent except for
// exempt categories (burning); what waited goes out when they end, one message per group,
// most overdue first. Runs on the caller's Database inside the caller's transaction.
#pragma once

#include "config/deployment.h"
#include "storage/database.h"

namespace paike {

// True when `now` falls in the deployment's quiet hours (local time).
bool in_quiet_hours(TimePoint now, const Deployment& deployment);

// Sends what is due at `now`; returns the number of steps recorded.
int send_due_reminders(Database& db, const Deployment& deployment, TimePoint now);

}  // namespace paike
