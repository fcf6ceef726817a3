// Which parts of a message that goes out as several API calls (a text and its image, a long
// text in numbered parts) were posted already, kept in the database so that a retry on
// another instance, or after a restart, does not post them twice. On the caller's Database.
#pragma once

#include <optional>
#include <string>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

class SentPartsRecord {
 public:
  explicit SentPartsRecord(Database& db) : db_(db) {}

  // The platform's message id of the part `part_key` names, if it went out.
  std::optional<std::string> find(const std::string& part_key);
  // Records a posted part; forgets parts posted more than two days before `at` (a message is
  // retried for a day at most: OutboxOptions::max_age).
  void keep(const std::string& part_key, const std::string& platform_message_id, TimePoint at);

 private:
  Database& db_;
};

}  // namespace paike
