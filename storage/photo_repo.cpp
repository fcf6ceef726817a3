#include "storage/photo_repo.h"

namespace paike {

void PhotoRepo::upsert(const PhotoRecord& p) {
  Statement q(db_,
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
  Statement q(db_,
              "SELECT sha256, format, width, height, phash, lat, lng, taken_at, camera, sharpness, brightness, "
              "created_at FROM photos WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  PhotoRecord p;
  p.sha256 = q.column(0).text();
  p.format = q.column(1).text();
  p.width = q.column(2).int32();
  p.height = q.column(3).int32();
  p.phash = static_cast<uint64_t>(q.column(4).int64());
  if (!q.column(5).is_null()) p.gps = GeoPoint{q.column(5).real(), q.column(6).real()};
  if (!q.column(7).is_null()) p.taken_at = TimePoint(Duration(q.column(7).int64()));
  p.camera = q.column(8).is_null() ? "" : q.column(8).text();
  p.sharpness = q.column(9).real();
  p.brightness = q.column(10).real();
  p.created_at = TimePoint(Duration(q.column(11).int64()));
  return p;
}

}  // namespace paike
