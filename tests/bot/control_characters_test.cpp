// Text full of control characters, direction overrides and zero-width characters, sent as
// a villager would send it (sim webhook, real worker): the ticket keeps the words without
// them, the place is still found, and every public writer stays valid on its own.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "config/text.h"
#include "tests/bot/ledger_fixture.h"

using namespace paike;
using nlohmann::json;

TEST_CASE("control characters: cleaned as they come in, the landmark found, requests.xml well-formed") {
  test::LedgerFixture f;
  // U+0001, DEL, a zero-width space inside the landmark's name, an RTL override in the name.
  const std::string text = "南\u200B河桥边上\x01有一大堆垃圾\x7F，好几天没人清理了\u202E";
  json report{{"event_id", "ctl1"},
              {"group_id", "g-hanjia"},
              {"user_id", "sim:handefu"},
              {"user_name", "韩德福\u202Egnp.exe"},
              {"text", text}};
  auto posted = f.http->Post("/webhook/sim", report.dump(), "application/json");
  REQUIRE(posted);
  REQUIRE(posted->status < 300);
  f.app->worker().drain();

  auto tickets = f.http->Get("/api/v1/tickets", {{"Authorization", "Bearer demo-token"}});
  REQUIRE(tickets);
  json list = json::parse(tickets->body)["tickets"];
  REQUIRE(list.size() == 1);
  const std::string stored = list[0]["text"];
  CHECK(stored == "南河桥边上有一大堆垃圾，好几天没人清理了");
  CHECK_FALSE(list[0]["landmark"].is_null());  // the zero-width space no longer splits 南河桥

  // A ticket filed around intake (as old data or another writer might): the feed cleans it too.
  f.file("韩家村", std::string("桥下\x01\x02垃圾\x1B[31m", 16), std::chrono::hours(48));
  auto xml = f.http->Get("/open311/v2/requests.xml");
  REQUIRE(xml);
  REQUIRE(xml->status == 200);
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(xml->body.data(), xml->body.size());
  INFO(parsed.description());
  CHECK(parsed);
  REQUIRE(xml->body.find("桥下") != std::string::npos);  // the filed ticket is in the feed
  CHECK(xml->body.find('\x01') == std::string::npos);
  CHECK(xml->body.find('\x1B') == std::string::npos);
  // pugixml writes a control character as a reference (&#1;), which XML 1.0 forbids as well
  // (pugixml's own parser takes it; libxml2 and browsers refuse the document).
  CHECK(xml->body.find("&#1;") == std::string::npos);
  CHECK(xml->body.find("&#27;") == std::string::npos);
}

TEST_CASE("control characters: the read API answers valid JSON when stored words are not UTF-8") {
  test::LedgerFixture f;
  // Bytes that are not UTF-8, stored around intake (a ticket from before clean_text).
  f.file("韩家村", std::string("桥下\xC3\x28垃圾\xFF\x01"), std::chrono::hours(48));
  auto tickets = f.http->Get("/api/v1/tickets", {{"Authorization", "Bearer demo-token"}});
  REQUIRE(tickets);
  CHECK(tickets->status == 200);
  json list = json::parse(tickets->body)["tickets"];  // throws on bytes that are not UTF-8
  REQUIRE(list.size() == 1);
  const std::string text = list[0]["text"];
  CHECK(text.find("桥下") == 0);
  CHECK(text.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD where the bytes were
}
