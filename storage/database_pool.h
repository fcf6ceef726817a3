// A few Database connections to one file, handed out one at a time, for the HTTP threads
// (each request borrows one, so no connection is used by two threads at once).
// Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/database.h"

namespace paike {

class DatabasePool {
 public:
  DatabasePool(std::filesystem::path file, DatabaseOptions options) : file_(std::move(file)), options_(options) {}

  // A borrowed connection, returned to the pool when the lease goes out of scope.
  class Lease {
   public:
    Lease(DatabasePool& pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (db_) pool_.give_back(std::move(db_));
    }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    DatabasePool& pool_;
    std::unique_ptr<Database> db_;
  };

  // Throws std::runtime_error when a new connection cannot be opened (the file was checked
  // at start-up, so this is an I/O fault, not bad input).
  Lease acquire();

 private:
  void give_back(std::unique_ptr<Database> db);

  std::filesystem::path file_;
  DatabaseOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace paike
