// SentParts: for a message a platform can only post as several API calls (WeCom and DingTalk
// post an image and its text separately), which parts went out already, so a retry after a
// failure in between does not post the first part twice. Recorded in the platform's
// PartsStore (the database: across restarts and instances) when it has one, else in memory
// (bounded). Thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bot/platforms/platform.h"

namespace paike {

using SendPart = std::function<std::optional<SendReceipt>(SendFailure& failure)>;

class SentParts {
 public:
  // Runs the parts in order, skipping those that went out on an earlier try. Returns the
  // first part's receipt (the one later replies quote) once all went out; else the failure.
  std::optional<SendReceipt> send(const OutgoingMessage& message, const std::vector<SendPart>& parts,
                                  SendFailure& failure, PartsStore* store = nullptr);

 private:
  static std::string key(const OutgoingMessage& message, size_t part);
  std::mutex mutex_;
  std::map<std::string, SendReceipt> sent_;
  std::deque<std::string> order_;  // oldest first, to bound the memory
};

}  // namespace paike
