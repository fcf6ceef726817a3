// Voice notes through a real adapter: a Telegram voice note (Bot API Message.voice) posted
// to the real App; the worker downloads its audio through the adapter's getFile against the fake API and
// keeps it with the ticket, or answers a voice note without words with the polite prompt.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/app.h"
#include "config/digest.h"
#include "handlers/intake/replies.h"
#include "storage/photo_store.h"
#include "storage/voice_notes.h"
#include "tests/bot/platform_fakes.h"
#include "tests/support/jpeg.h"
#include "tests/support/temp_dir.h"

using namespace paike;
using nlohmann::json;

namespace {

// A Voice object as core.telegram.org/bots/api#voice lists its fields (file_id,
// file_unique_id, duration, mime_type, file_size): OGG/Opus, no transcript for bots.
json bot_api_voice() {
  return {{"file_id", "AwACAgUAAxkBAAIBvoice"},
          {"file_unique_id", "AgADv"},
          {"duration", 4},
          {"mime_type", "audio/ogg"},
          {"file_size", 10240}};
}

// That voice note, in the test township's group from 韩德福, with a caption or none.
std::string voice_update(const test::PlatformFixture& f, int id, const std::string& caption) {
  json message{{"message_id", id},
               {"date", std::time(nullptr)},
               {"chat", {{"id", std::stoll(f.group_id)}, {"type", "supergroup"}}},
               {"from", {{"id", std::stoll(f.reporter_id)}, {"is_bot", false}, {"first_name", "德福"}}},
               {"voice", bot_api_voice()}};
  if (!caption.empty()) message["caption"] = caption;
  return json{{"update_id", id}, {"message", message}}.dump();
}

// The update as Telegram posts it, with the webhook's secret token.
WebhookRequest telegram_post(const std::string& update) {
  WebhookRequest request;
  request.method = "POST";
  request.body = update;
  request.headers["x-telegram-bot-api-secret-token"] = "tgsecret";
  return request;
}

void post(test::RunningTownship& township, const std::string& update) {
  auto res = township.post("telegram", telegram_post(update));
  REQUIRE(res);
  REQUIRE(res->status < 300);
}

}  // namespace

TEST_CASE(
    "telegram voice note with words: the worker downloads its audio through getFile and keeps it with the ticket") {
  const auto& f = test::fixture("telegram");
  const std::string served = test::make_jpeg();  // the fake serves these bytes at every file route
  test::FakePlatformApi fake(f, served);
  test::RunningTownship township(f, fake);
  post(township, voice_update(f, 501, "南河桥边上有一大堆垃圾，好几天没人清理了"));

  auto sent = test::wait_for_sends(fake, 1);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].find("已登记 #1") != std::string::npos);
  CHECK(fake.api.count("/bot123:ABC/getFile") == 1);

  auto db = Database::open(township.app->storage());
  REQUIRE(db);
  auto voices = TicketVoices(**db).of(1);
  REQUIRE(voices.size() == 1);
  CHECK(voices[0].format == "ogg");
  CHECK(voices[0].sha256 == crypto::sha256_hex(served));
  CHECK(PhotoStore(township.dir.path() / "photos").read(voices[0].sha256, PhotoVariant::voice) == served);
}

TEST_CASE("telegram voice note without words: one polite prompt in the group, no ticket") {
  const auto& f = test::fixture("telegram");
  test::FakePlatformApi fake(f, test::make_jpeg());
  test::RunningTownship township(f, fake);
  post(township, voice_update(f, 601, ""));
  post(township, voice_update(f, 602, ""));

  auto sent = test::wait_for_sends(fake, 1);
  REQUIRE(sent.size() == 1);
  CHECK(json::parse(sent[0])["text"].get<std::string>().find(Wording().render("intake.voice_prompt")) !=
        std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(fake.accepted_bodies().size() == 1);  // the second one is covered by the first answer
  auto db = Database::open(township.app->storage());
  REQUIRE(db);
  CHECK((*db)->query_int64("SELECT COUNT(*) FROM tickets") == 0);
}
