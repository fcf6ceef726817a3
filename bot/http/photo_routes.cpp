// Public photo copies (re-encoded, no metadata, faces pixelated when configured) and the
// charts the bot drew, by SHA-256 only: no name from a request ever reaches the file system.
#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "bot/public_photos.h"

namespace paike::http {

namespace {

void send_image(httplib::Response& res, const std::optional<std::string>& bytes, const char* type) {
  if (!bytes) return send_error(res, 404, "no such image");
  res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  res.set_content(*bytes, type);
}

}  // namespace

void add_photo_routes(httplib::Server& server, AppServices& s) {
  server.Get(R"(/photos/([0-9a-f]{64})(\.thumb)?\.jpg)", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::string sha256 = req.matches[1].str();
    send_image(res,
               public_photo(s.photos, sha256, req.matches[2].matched ? PhotoVariant::thumbnail : PhotoVariant::display,
                            s.deployment.photos.vision),
               "image/jpeg");
  });
  server.Get(R"(/photos/([0-9a-f]{64})\.png)", [&s](const httplib::Request& req, httplib::Response& res) {
    send_image(res, s.photos.read(req.matches[1].str(), PhotoVariant::chart), "image/png");
  });
}

}  // namespace paike::http
