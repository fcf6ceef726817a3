#include "storage/open_ticket_photos.h"

namespace paike {

std::vector<OpenTicketPhoto> open_ticket_photos(Database& db, const std::string& village) {
  // INDEXED BY: without ANALYZE statistics the planner picks the photos' key and reads each
  // photo's row for its pHash (migration "duplicates").
  SQLite::Statement q(db.sql(),
                      "SELECT t.id, p.sha256, p.phash, t.grid_id, t.lat, t.lng FROM tickets t "
                      "JOIN ticket_photos tp ON tp.ticket_id = t.id AND tp.kind = 'before' "
                      "JOIN photos p INDEXED BY photos_phash ON p.sha256 = tp.sha256 "
                      "WHERE t.village = ? AND t.status IN ('assigned', 'rectified')");
  q.bind(1, village);
  std::vector<OpenTicketPhoto> out;
  while (q.executeStep()) {
    OpenTicketPhoto p;
    p.ticket_id = q.getColumn(0).getInt64();
    p.sha256 = q.getColumn(1).getString();
    p.phash = static_cast<uint64_t>(q.getColumn(2).getInt64());
    p.grid_id = q.getColumn(3).isNull() ? std::string() : q.getColumn(3).getString();
    if (!q.getColumn(4).isNull() && !q.getColumn(5).isNull()) {
      p.point = GeoPoint{q.getColumn(4).getDouble(), q.getColumn(5).getDouble()};
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace paike
