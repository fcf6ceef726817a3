#include "storage/photo_repo.h"

namespace paike {

void PhotoRepo::upsert(const PhotoRecord& p) {
  SQLite::Statement q(
      db_.sql(),
      "INSERT INTO photos (sha256, format, width, height, phash, lat, lng, taken_at, camera, sharpness, "
      "brightness, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO NOTHING");
  q.bind(1, p.sha256);
  q.bind(2, p.format);
  q.bind(3, p.width);
  q.bind(4, p.height);
  q.bind(5, static_cast<int64_t>(p.phash));  // stored as the same 64 bits, signed
  if (p.gps) {
    q.bind(6, p.gps->lat);
    q.bind(7, p.gps->lng);
  } else {
    q.bind(6);
    q.bind(7);
  }
  if (p.taken_at)
    q.bind(8, static_cast<int64_t>(p.taken_at->time_since_epoch().count()));
  else
    q.bind(8);
  q.bind(9, p.camera);
  q.bind(10, p.sharpness);
  q.bind(11, p.brightness);
  q.bind(12, static_cast<int64_t>(p.created_at.time_since_epoch().count()));
  q.exec();
}

std::optional<PhotoRecord> PhotoRepo::get(const std::string& sha256) {
  SQLite::Statement q(db_.sql(),
                      "SELECT sha256, format, width, height, phash, lat, lng, taken_at, camera, sharpness, brightness, "
                      "created_at FROM photos WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.executeStep()) return std::nullopt;
  PhotoRecord p;
  p.sha256 = q.getColumn(0).getString();
  p.format = q.getColumn(1).getString();
  p.width = q.getColumn(2).getInt();
  p.height = q.getColumn(3).getInt();
  p.phash = static_cast<uint64_t>(q.getColumn(4).getInt64());
  if (!q.getColumn(5).isNull()) p.gps = GeoPoint{q.getColumn(5).getDouble(), q.getColumn(6).getDouble()};
  if (!q.getColumn(7).isNull()) p.taken_at = TimePoint(Duration(q.getColumn(7).getInt64()));
  p.camera = q.getColumn(8).isNull() ? "" : q.getColumn(8).getString();
  p.sharpness = q.getColumn(9).getDouble();
  p.brightness = q.getColumn(10).getDouble();
  p.created_at = TimePoint(Duration(q.getColumn(11).getInt64()));
  return p;
}

}  // namespace paike
