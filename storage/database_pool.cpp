#include "storage/database_pool.h"

namespace paike {

DatabasePool::Lease DatabasePool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  auto opened = Database::open(target_, options_);
  if (!opened) throw DatabaseError(DatabaseError::Kind::unavailable, opened.error().message);
  return Lease(*this, std::move(*opened));
}

void DatabasePool::give_back(std::unique_ptr<Database> db) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace paike
