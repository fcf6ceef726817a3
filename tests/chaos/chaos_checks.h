// The chaos run's verdict, read from the database after the last stop (SQLite file or the
// PostgreSQL schema the instances shared): every acknowledged event handled once, no ticket,
// change or message twice, every message sent, reminders and digests once, audit trails
// that add up, photos on disk, and on SQLite PRAGMA integrity_check ok.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "storage/database.h"

namespace paike::chaos {

// What is still in flight; the run is idle when all three stay 0.
struct Counts {
  long long inbox_pending = 0, drafts = 0, outbox_pending = 0;
  bool operator==(const Counts&) const = default;
};
// Throws DatabaseError when the database cannot be read (a PostgreSQL server away).
Counts counts(Database& db);

struct Findings {
  long long lost = 0, not_done = 0, unacked_stored = 0, duplicate_tickets = 0, duplicate_changes = 0,
            duplicate_messages = 0, unsent_messages = 0, tickets_without_message = 0, bad_trails = 0,
            missing_photos = 0, digests = 0, duplicate_digests = 0, reminders = 0, duplicate_reminders = 0,
            deliveries = 0, duplicate_deliveries = 0, sent_unlogged = 0;
  std::string integrity;              // "ok", or what PRAGMA integrity_check said ("ok" on PostgreSQL)
  std::vector<std::string> examples;  // the first few findings, for the report
  void note(const std::string& what) {
    if (examples.size() < 10) examples.push_back(what);
  }
  bool passed() const {
    return lost == 0 && not_done == 0 && duplicate_tickets == 0 && duplicate_changes == 0 && duplicate_messages == 0 &&
           unsent_messages == 0 && tickets_without_message == 0 && bad_trails == 0 && missing_photos == 0 &&
           duplicate_digests == 0 && duplicate_reminders == 0 && duplicate_deliveries == 0 && integrity == "ok";
  }
};

// `db` the deployment's database, `photos` its photo dir (data dir / "photos"); `acked` the
// event_ids a webhook answered 200; `logs` the instances' logs. The simulator's chat is the
// outbox itself, so deliveries are counted from the senders' "outbox N: sent to …" lines,
// written after the platform took the message and the row was marked sent: two lines for one
// row are two instances (or two tries) that both sent it. (A kill between the platform call
// and the mark, when the row is sent again, leaves one line: that repeat is not seen here.)
Findings check(Database& db, const std::filesystem::path& photos, const std::set<std::string>& acked,
               const std::vector<std::filesystem::path>& logs);

}  // namespace paike::chaos
