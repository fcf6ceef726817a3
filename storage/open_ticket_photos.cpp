#include "storage/open_ticket_photos.h"

namespace paike {

std::vector<OpenTicketPhoto> open_ticket_photos(Database& db, const std::string& village) {
  // INDEXED BY: without ANALYZE statistics the planner picks the photos' key and reads each
  // photo's row for its pHash (migration "duplicates").
  Statement q(db,
              "SELECT t.id, p.sha256, p.phash, t.grid_id, t.lat, t.lng FROM tickets t "
              "JOIN ticket_photos tp ON tp.ticket_id = t.id AND tp.kind = 'before' "
              "JOIN photos p INDEXED BY photos_phash ON p.sha256 = tp.sha256 "
              "WHERE t.village = ? AND t.status IN ('assigned', 'rectified')");
  q.bind(1, village);
  std::vector<OpenTicketPhoto> out;
  while (q.step()) {
    OpenTicketPhoto p;
    p.ticket_id = q.column(0).int64();
    p.sha256 = q.column(1).text();
    p.phash = static_cast<uint64_t>(q.column(2).int64());
    p.grid_id = q.column(3).is_null() ? std::string() : q.column(3).text();
    if (!q.column(4).is_null() && !q.column(5).is_null()) {
      p.point = GeoPoint{q.column(4).real(), q.column(5).real()};
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace paike
