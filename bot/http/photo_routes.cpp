// Public photo copies (re-encoded, no metadata) and the charts the bot drew, by SHA-256 only:
// no name from a request ever reaches the file system unchecked.
#include <fstream>
#include <sstream>

#include "bot/http/responses.h"
#include "bot/http/routes.h"

namespace paike::http {

namespace {

void send_stored(httplib::Response& res, const std::optional<std::filesystem::path>& path, const char* type) {
  if (!path) return send_error(res, 404, "no such image");
  std::ifstream in(*path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  res.set_content(bytes.str(), type);
}

}  // namespace

void add_photo_routes(httplib::Server& server, AppServices& s) {
  server.Get(R"(/photos/([0-9a-f]{64})(\.thumb)?\.jpg)", [&s](const httplib::Request& req, httplib::Response& res) {
    const bool thumbnail = req.matches[2].matched;
    send_stored(res, s.photos.find(req.matches[1].str(), thumbnail ? PhotoVariant::thumbnail : PhotoVariant::display),
                "image/jpeg");
  });
  server.Get(R"(/photos/([0-9a-f]{64})\.png)", [&s](const httplib::Request& req, httplib::Response& res) {
    send_stored(res, s.photos.find(req.matches[1].str(), PhotoVariant::chart), "image/png");
  });
}

}  // namespace paike::http
