// Public photo copies (re-encoded, no metadata, faces pixelated when configured), by SHA-256
// only: no name from a request ever reaches the file system unchecked.
#include "bot/display_photo.h"
#include "bot/http/responses.h"
#include "bot/http/routes.h"

namespace paike::http {

void add_photo_routes(httplib::Server& server, AppServices& s) {
  server.Get(R"(/photos/([0-9a-f]{64})(\.thumb)?\.jpg)", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::string sha256 = req.matches[1].str();
    auto bytes = req.matches[2].matched ? s.photos.read(sha256, PhotoVariant::thumbnail)
                                        : display_photo(s.photos, sha256, s.deployment.photos.vision);
    if (!bytes) return send_error(res, 404, "no such photo");
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_content(*bytes, "image/jpeg");
  });
}

}  // namespace paike::http
