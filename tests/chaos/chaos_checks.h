// The chaos run's verdict, read from the database after the last stop: every acknowledged
// event handled once, no ticket, change or message twice, audit trails that add up, photos on
// disk, PRAGMA integrity_check ok.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace paike::chaos {

// What is still in flight; the run is idle when all three stay 0.
struct Counts {
  long long inbox_pending = 0, drafts = 0, outbox_pending = 0;
  bool operator==(const Counts&) const = default;
};
Counts counts(const std::filesystem::path& db_file);

long long scalar(SQLite::Database& db, const std::string& sql);

struct Findings {
  long long lost = 0, not_done = 0, unacked_stored = 0, duplicate_tickets = 0, duplicate_changes = 0,
            duplicate_messages = 0, unsent_messages = 0, tickets_without_message = 0, bad_trails = 0,
            missing_photos = 0;
  std::string integrity;
  std::vector<std::string> examples;  // the first few findings, for the report
  void note(const std::string& what) {
    if (examples.size() < 10) examples.push_back(what);
  }
  bool passed() const {
    return lost == 0 && not_done == 0 && duplicate_tickets == 0 && duplicate_changes == 0 && duplicate_messages == 0 &&
           unsent_messages == 0 && tickets_without_message == 0 && bad_trails == 0 && missing_photos == 0 &&
           integrity == "ok";
  }
};

// `data` is paike's data dir; `acked` the event_ids the webhook answered 200.
Findings check(const std::filesystem::path& data, const std::set<std::string>& acked);

}  // namespace paike::chaos
