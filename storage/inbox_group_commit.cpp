#include "storage/inbox_group_commit.h"

namespace paike {

std::vector<bool> InboxGroupCommit::store(std::vector<InboxEntry> entries) {
  auto mine = std::make_shared<Request>();
  mine->entries = std::move(entries);
  bool leader = false;
  {
    std::lock_guard lock(mutex_);
    queued_.push_back(mine);
    leader = !committing_;
    committing_ = true;
  }
  if (!leader) {
    std::unique_lock lock(mine->mutex);
    mine->turn_changed.wait(lock, [&] { return mine->turn != Turn::kWait; });
    leader = mine->turn == Turn::kLead;
  }
  if (leader) lead(mine);
  if (mine->error) std::rethrow_exception(mine->error);
  return std::move(mine->inserted);
}

// Commits everything queued (the leader's own request included), then passes the lead on
// before waking the batch, so the next commit starts while the acks go out.
void InboxGroupCommit::lead(const std::shared_ptr<Request>& mine) {
  std::vector<std::shared_ptr<Request>> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queued_);
  }
  commit(batch);
  std::shared_ptr<Request> next;
  {
    std::lock_guard lock(mutex_);
    if (queued_.empty()) {
      committing_ = false;
    } else {
      next = queued_.front();
    }
  }
  if (next) give_turn(*next, Turn::kLead);
  for (auto& request : batch) {
    if (request != mine) give_turn(*request, Turn::kDone);
  }
}

void InboxGroupCommit::give_turn(Request& request, Turn turn) {
  {
    std::lock_guard lock(request.mutex);
    request.turn = turn;
  }
  request.turn_changed.notify_one();
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
