#include "storage/inbox_group_commit.h"

namespace paike {

std::vector<bool> InboxGroupCommit::store(std::vector<InboxEntry> entries) {
  auto mine = std::make_shared<Request>();
  mine->entries = std::move(entries);
  std::unique_lock lock(mutex_);
  queued_.push_back(mine);
  while (!mine->done) {
    if (committing_) {
      finished_.wait(lock);
      continue;
    }
    // Leader: take everything queued (this request included) and commit it together.
    committing_ = true;
    auto batch = std::move(queued_);
    queued_.clear();
    lock.unlock();
    commit(batch);
    lock.lock();
    for (auto& request : batch) request->done = true;
    committing_ = false;
    finished_.notify_all();  // the batch's callers, and a waiter that must lead the next one
  }
  if (mine->error) std::rethrow_exception(mine->error);
  return std::move(mine->inserted);
}

void InboxGroupCommit::commit(const std::vector<std::shared_ptr<Request>>& batch) {
  try {
    auto db = pool_.acquire();
    Inbox inbox(*db);
    db->transaction([&] {
      for (auto& request : batch) {
        for (const auto& e : request->entries) {
          request->inserted.push_back(inbox.insert(e));
        }
      }
    });
  } catch (...) {
    const auto error = std::current_exception();
    for (auto& request : batch) request->error = error;
  }
}

}  // namespace paike
