// Where the scheduler's messages go and whom they @-mention: the village group of a
// ticket, the township group, and the people a ladder step names.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "config/deployment.h"
#include "storage/ticket.h"

namespace paike {

struct ChatTarget {
  std::string platform;
  std::string group_id;
  bool operator<(const ChatTarget& o) const { return std::tie(platform, group_id) < std::tie(o.platform, o.group_id); }
};

// The village's own group on the ticket's platform; the ticket's group when there is none.
ChatTarget village_group(const Ticket& ticket, const Deployment& deployment);
// The township group on `platform` (else on any platform); nullopt when none is configured.
std::optional<ChatTarget> township_group(const std::string& platform, const Deployment& deployment);
// User ids for "assignee", "village_secretary", "village_liaison", "township_supervisor".
std::vector<std::string> people_to_notify(const std::vector<std::string>& codes, const Ticket& ticket,
                                          const Deployment& deployment);

// The ids among `ids` that are roster people: only they can be @-mentioned on a platform.
std::vector<std::string> roster_mentions(const Deployment& deployment, std::vector<std::string> ids);

}  // namespace paike
