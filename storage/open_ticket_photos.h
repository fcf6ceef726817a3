// The before-photos of a village's open tickets (整改中 or 待核验), for spotting the same
// problem reported twice. Runs on the caller's Database; reads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/geo.h"
#include "storage/database.h"

namespace paike {

struct OpenTicketPhoto {
  int64_t ticket_id = 0;
  std::string sha256;
  uint64_t phash = 0;
  std::string grid_id;            // the ticket's grid; empty when only the village is known
  std::optional<GeoPoint> point;  // the ticket's point, if it has one
};

// In no particular order: sorting every photo of a village's open tickets cost more than
// the caller's own pass over them.
std::vector<OpenTicketPhoto> open_ticket_photos(Database& db, const std::string& village);

}  // namespace paike
