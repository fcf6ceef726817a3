// One writing transaction at a time per database file inside this process.
// SQLite makes a writer that finds the file locked sleep in its busy handler, in steps of
// 1, 2, 5, 10 … 100 ms, so two threads writing at once cost the loser up to 100 ms and a
// burst of webhooks piles up behind the sleeps. A mutex per file hands the lock over the
// moment it is free. Another process (the CLI beside the server) still meets SQLite's own
// lock and busy timeout. Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

namespace paike {

// The mutex every connection of this process to `file` shares.
std::shared_ptr<std::timed_mutex> write_lock_for(const std::filesystem::path& file);

}  // namespace paike
