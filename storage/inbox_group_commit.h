// Group commit for the ack path: webhook threads that store events at the same moment share
// one transaction and one fsync. With synchronous=FULL every commit waits for the disk, so
// one commit per request caps the acks at the disk's fsync rate and queues the rest behind
// the write lock; sharing a commit lets a burst of webhooks through in a few fsyncs.
// No thread of its own: the first caller to find no commit under way becomes the leader,
// commits every entry queued so far, hands the lead to the first caller queued meanwhile,
// and wakes its batch's callers one by one. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database_pool.h"
#include "storage/inbox.h"

namespace paike {

class InboxGroupCommit {
 public:
  explicit InboxGroupCommit(DatabasePool& pool) : pool_(pool) {}

  // Stores the entries (Inbox::insert each, all of them in one commit shared with other
  // callers) and returns, per entry, whether it was new (false: stored before). When the
  // commit fails, rethrows its exception (a DatabaseError) and none of the shared
  // commit's entries is stored, so no platform is acknowledged for a lost event.
  std::vector<bool> store(std::vector<InboxEntry> entries);

 private:
  // A caller sleeps on its own Request: one condition variable shared by all woke every
  // waiting webhook thread (up to server.http_threads) after each commit, and they fought
  // over the mutex only to sleep again — most of the ack's CPU at saturation. (Not
  // std::atomic::wait: GCC 12's calls sched_yield four times before it sleeps.)
  enum class Turn { kWait, kLead, kDone };
  struct Request {
    std::vector<InboxEntry> entries;
    std::vector<bool> inserted;
    std::exception_ptr error;
    std::mutex mutex;  // guards turn
    std::condition_variable turn_changed;
    Turn turn = Turn::kWait;
  };
  static void give_turn(Request& request, Turn turn);
  void lead(const std::shared_ptr<Request>& mine);
  void commit(const std::vector<std::shared_ptr<Request>>& batch);

  DatabasePool& pool_;
  std::mutex mutex_;  // guards queued_ and committing_
  std::vector<std::shared_ptr<Request>> queued_;
  bool committing_ = false;
};

}  // namespace paike
