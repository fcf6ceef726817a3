// Public photo copies (re-encoded, no metadata), by SHA-256 only: no name from a request
// ever reaches the file system unchecked.
#include "bot/http/responses.h"
#include "bot/http/routes.h"

namespace paike::http {

void add_photo_routes(httplib::Server& server, AppServices& s) {
  server.Get(R"(/photos/([0-9a-f]{64})(\.thumb)?\.jpg)", [&s](const httplib::Request& req, httplib::Response& res) {
    const bool thumbnail = req.matches[2].matched;
    auto bytes = s.photos.read(req.matches[1].str(), thumbnail ? PhotoVariant::thumbnail : PhotoVariant::display);
    if (!bytes) return send_error(res, 404, "no such photo");
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_content(*bytes, "image/jpeg");
  });
}

}  // namespace paike::http
