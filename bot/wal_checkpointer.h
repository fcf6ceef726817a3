// WalCheckpointer: copies the WAL into the database file on a thread of its own, so that no
// commit waits for it. SQLite's default runs that copy (1000 frames and an fsync of the
// database file, a few ms) inside whichever commit crossed the threshold: under a steady
// stream of webhooks that was an acknowledgement's p99. The App's connections are opened with
// options() (DatabaseOptions::on_wal_commit), which wakes this thread past the same 1000
// frames; it also runs once a second. PASSIVE: it never blocks readers or writers, and
// copies what no reader still needs. start()/stop()/options() are thread-safe.
#pragma once

#include <memory>

#include "bot/wakeable_loop.h"
#include "storage/database.h"

namespace paike {

class WalCheckpointer {
 public:
  static constexpr int kFrames = 1000;  // SQLite's own auto-checkpoint threshold

  // `db`: a connection of its own.
  explicit WalCheckpointer(std::unique_ptr<Database> db);
  ~WalCheckpointer();

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }

  // Options for the App's connections: their commits leave the checkpoint to this thread.
  DatabaseOptions options();

 private:
  std::unique_ptr<Database> db_;
  WakeableLoop loop_;
};

}  // namespace paike
