// Public photo copies (re-encoded, no metadata, faces pixelated when configured), by SHA-256
// only: no name from a request ever reaches the file system unchecked. The display copy is
// made from the private original on its first request and kept (vision/photo.h says why).
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "vision/photo.h"

namespace paike::http {

namespace {

std::optional<std::string> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The display copy's path, making it first if only the original is stored. Two requests
// racing here both make it; the store's atomic, idempotent put keeps one.
std::optional<std::filesystem::path> display_copy(AppServices& s, const std::string& sha256) {
  if (auto path = s.photos.find(sha256, PhotoVariant::display)) return path;
  auto original_path = s.photos.find(sha256, PhotoVariant::original);
  if (!original_path) return std::nullopt;
  auto original = read_bytes(*original_path);
  if (!original) return std::nullopt;
  auto copy = vision::make_display_copy(*original, s.deployment.photos.vision);
  if (!copy) {
    spdlog::error("photo {}: cannot make the display copy: {}", sha256, copy.error().message);
    return std::nullopt;
  }
  auto stored = s.photos.put(sha256, PhotoVariant::display, *copy);
  if (!stored) return std::nullopt;
  return *stored;
}

}  // namespace

void add_photo_routes(httplib::Server& server, AppServices& s) {
  server.Get(R"(/photos/([0-9a-f]{64})(\.thumb)?\.jpg)", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::string sha256 = req.matches[1].str();
    auto path = req.matches[2].matched ? s.photos.find(sha256, PhotoVariant::thumbnail) : display_copy(s, sha256);
    auto bytes = path ? read_bytes(*path) : std::nullopt;
    if (!bytes) return send_error(res, 404, "no such photo");
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_content(*bytes, "image/jpeg");
  });
}

}  // namespace paike::http
