// The webhook route reads bodies itself (bot/http/webhook_routes.cpp): a large one only once
// it has one of two slots, into a buffer of its announced length. Over the real HTTP server:
// photo bodies of MBs arrive byte for byte, with a length or chunked, several at once; a
// body over the limit is a 413 and the connection still answers the next request.
#include <catch2/catch.hpp>
#include <future>
#include <nlohmann/json.hpp>

#include "tests/bot/ledger_fixture.h"
#include "tests/support/raw_http.h"

using namespace paike;
using namespace paike::test;
using nlohmann::json;

namespace {

// A simulator report carrying `photo_bytes` bytes of photo, base64 inline.
std::string photo_report(const std::string& event_id, size_t photo_bytes) {
  std::string photo(photo_bytes, '\0');
  for (size_t i = 0; i < photo.size(); ++i) photo[i] = static_cast<char>((i * 2654435761u) >> 13);
  return sim_report(event_id, photo);
}

std::string stored_payload(LedgerFixture& f, const std::string& event_id) {
  auto db = f.db();
  Statement q(*db, "SELECT p.payload FROM inbox i JOIN inbox_payloads p ON p.inbox_id = i.id WHERE i.event_id = ?");
  q.bind(1, event_id);
  return q.step() ? q.column(0).text() : std::string();
}

// Sends `body` chunked (no Content-Length), as a client that wants to skip the length check.
httplib::Result post_chunked(httplib::Client& client, const std::string& path, const std::string& body) {
  return client.Post(
      path.c_str(),
      [&body](size_t offset, httplib::DataSink& sink) {
        const size_t n = std::min<size_t>(64 * 1024, body.size() - offset);
        sink.write(body.data() + offset, n);
        if (offset + n == body.size()) sink.done();
        return true;
      },
      "application/json");
}

}  // namespace

TEST_CASE("webhook body: a 3 MB photo report is stored byte for byte, with Content-Length and chunked") {
  LedgerFixture f;
  const std::string sized = photo_report("big-sized", 3 << 20);
  auto res = f.http->Post("/webhook/sim", sized, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(stored_payload(f, "big-sized") == sized);

  // Chunked: no Content-Length, so the route cannot reserve; it still reads it whole.
  const std::string chunked = photo_report("big-chunked", 3 << 20);
  res = post_chunked(*f.http, "/webhook/sim", chunked);
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(stored_payload(f, "big-chunked") == chunked);
}

TEST_CASE("webhook body: six photo reports at once wait for the two large-body slots and are all stored") {
  LedgerFixture f;
  std::vector<std::future<int>> posts;
  for (int i = 0; i < 6; ++i) {
    posts.push_back(std::async(std::launch::async, [&f, i] {
      httplib::Client client("127.0.0.1", f.app->port());
      auto res = client.Post("/webhook/sim", photo_report("burst-" + std::to_string(i), 1 << 20), "application/json");
      return res ? res->status : -1;
    }));
  }
  for (auto& post : posts) CHECK(post.get() == 200);
  for (int i = 0; i < 6; ++i) CHECK(stored_payload(f, "burst-" + std::to_string(i)).size() > (1u << 20));
}

TEST_CASE("webhook body: a large body over max_body is a 413 with a reason, the connection answers the next one") {
  LedgerFixture f([](Deployment& d) { d.server.max_body_bytes = 512 * 1024; });
  f.http->set_keep_alive(true);
  auto res = f.http->Post("/webhook/sim", photo_report("too-big", 1 << 20), "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(json::parse(res->body).contains("error"));
  CHECK(stored_payload(f, "too-big").empty());

  const std::string small = photo_report("fits", 100 * 1024);
  res = f.http->Post("/webhook/sim", small, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(stored_payload(f, "fits") == small);
}

TEST_CASE("webhook body: a chunked body over max_body is refused with 413 while it is read, and nothing is stored") {
  LedgerFixture f([](Deployment& d) { d.server.max_body_bytes = 512 * 1024; });
  auto res = post_chunked(*f.http, "/webhook/sim", photo_report("chunked-too-big", 1 << 20));
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(json::parse(res->body).contains("error"));
  CHECK(stored_payload(f, "chunked-too-big").empty());
  // The server still answers, on a new connection, and a chunked body within the limit is fine.
  httplib::Client again("127.0.0.1", f.app->port());
  const std::string small = photo_report("chunked-fits", 100 * 1024);
  res = post_chunked(again, "/webhook/sim", small);
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(stored_payload(f, "chunked-fits") == small);
}

TEST_CASE("webhook body: other routes refuse a chunked body, and routes that take no body refuse one") {
  LedgerFixture f;
  const int port = f.app->port();
  for (const char* path : {"/login", "/logout-all", "/open311/v2/requests.json", "/sim/api/clock"}) {
    INFO(path);
    const std::string answer = test::raw_exchange(port, std::string("POST ") + path +
                                                            " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                            "Transfer-Encoding: chunked\r\n\r\n");
    CHECK(answer.rfind("HTTP/1.1 411 ", 0) == 0);
  }
  for (const char* path : {"/healthz", "/api/v1/tickets", "/"}) {
    INFO(path);
    CHECK(
        test::raw_exchange(port, std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
            .rfind("HTTP/1.1 400 ", 0) == 0);
    CHECK(test::raw_exchange(port,
                             std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
              .rfind("HTTP/1.1 400 ", 0) == 0);
  }
  auto health = f.http->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("webhook body: a body that is not JSON is a 400 with the reason, and nothing is stored") {
  LedgerFixture f;
  std::string broken = photo_report("broken", 400 * 1024);
  broken.pop_back();  // the closing brace
  auto res = f.http->Post("/webhook/sim", broken, "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(json::parse(res->body)["error"] == "the body is not valid JSON");
  CHECK(stored_payload(f, "broken").empty());
}
