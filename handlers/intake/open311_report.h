// A report that arrives through Open311 (POST requests.json) is filed as if a villager had
// posted it in the village's group: same tagging of the place, same deadline, assignee,
// audit row and @-mention of the grid leader in that group. The category is the
// service_code the client chose. Runs on the caller's Database inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "config/deployment.h"
#include "config/result.h"
#include "handlers/tagging/tagging.h"
#include "storage/database.h"
#include "storage/ticket.h"

namespace paike {

struct Open311Report {
  std::string service_code;
  std::string description;
  std::optional<GeoPoint> point;  // WGS-84, as Open311 clients send it
  std::string address;            // address_string
  std::string reporter_id;        // "open311:<account, email or device>"
  std::string reporter_name;
  std::string request_key;  // idempotency/audit key for the source event
};

// Fails with "bad_service_code" or "no_place" (neither the point nor the address lies in
// the township); both are the client's to fix.
Result<Ticket> file_open311_report(const Open311Report& report, const Tagger& tagger, const Deployment& deployment,
                                   Database& db, TimePoint now);

}  // namespace paike
