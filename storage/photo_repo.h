// Facts about each stored photo (one row per distinct photo, keyed by SHA-256).
#pragma once

#include <optional>
#include <string>

#include "config/geo.h"
#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct PhotoRecord {
  std::string sha256;
  std::string format;
  int width = 0;
  int height = 0;
  uint64_t phash = 0;
  std::optional<GeoPoint> gps;
  std::optional<TimePoint> taken_at;
  std::string camera;
  double sharpness = 0;
  double brightness = 0;
  TimePoint created_at{};
};

class PhotoRepo {
 public:
  explicit PhotoRepo(Database& db) : db_(db) {}
  // Inserts unless a row with this sha256 exists (the same bytes have the same facts).
  void upsert(const PhotoRecord& photo);
  std::optional<PhotoRecord> get(const std::string& sha256);

 private:
  Database& db_;
};

}  // namespace paike
