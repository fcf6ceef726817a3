// A few Database connections to one database, handed out one at a time, for the HTTP threads
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
  DatabasePool(StorageTarget target, DatabaseOptions options) : target_(std::move(target)), options_(options) {}

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

  // Throws DatabaseError (Kind::unavailable) when a new connection cannot be opened: the
  // database was checked at start-up, so this is an I/O fault or a server gone away.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<Database> db);

  StorageTarget target_;
  DatabaseOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace paike
