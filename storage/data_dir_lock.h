// One serving paike per SQLite data dir (issue 26): an exclusive flock on DATA/paike.lock, held
// for as long as the DataDirLock lives and released by the kernel when the process dies, kill -9
// included, so no stale lock is ever left to clean up. Not thread-safe; move-only.
#pragma once

#include <filesystem>
#include <string>

#include "config/result.h"

namespace paike {

class DataDirLock {
 public:
  // Creates DATA/paike.lock if needed and takes the lock without waiting; on success the file
  // says who holds it (pid, start time in local time, `holder`, e.g. "paike serve on
  // 127.0.0.1:8080"). Fails with data_dir_in_use, whose message names the holder from that
  // file, when another process (or another DataDirLock in this one) holds it; with data_dir
  // when the file cannot be opened or locked. The data dir must exist.
  static Result<DataDirLock> take(const std::filesystem::path& data_dir, std::string holder);

  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  // Empties the file, then releases the lock.
  ~DataDirLock();

  // Rewrites the holder's description in place (same file, the lock is kept), e.g. once the
  // port is bound.
  Result<void> describe(std::string holder);

  const std::filesystem::path& file() const { return file_; }

 private:
  DataDirLock(int fd, std::filesystem::path file, std::string started);
  void release();

  int fd_ = -1;  // open for the lock's lifetime: closing it (or dying) releases the flock
  std::filesystem::path file_;
  std::string started_;  // "2026-12-04 01:23:45", local time
};

}  // namespace paike
