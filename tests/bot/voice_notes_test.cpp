// Voice notes through the whole bot, as the simulator sends them: the real HTTP server, real
// SQLite in a temp dir, the worker drained by hand on a manual clock. A spoken report with the
// platform's transcript is filed like typed words and its audio stays with the ticket; one
// without a transcript is answered once, politely, and never silently dropped.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "config/base64.h"
#include "handlers/intake/replies.h"
#include "ledger_fixture.h"
#include "storage/voice_notes.h"

using namespace paike;
using namespace paike::test;
using nlohmann::json;

namespace {

// An AMR-NB file's magic and a few frames' worth of bytes: paike keeps audio as it came.
const std::string kAmr = std::string("#!AMR\n") + std::string(300, '\x3c');

json voice_event(const std::string& event_id, const std::string& transcript, const std::string& audio = kAmr) {
  json voice = {{"format", "amr"}, {"audio_b64", base64_encode(audio)}};
  if (!transcript.empty()) voice["transcript"] = transcript;
  return {{"event_id", event_id}, {"group_id", "g-hanjia"}, {"user_id", "sim:handefu"}, {"voice", voice}};
}

void post(LedgerFixture& f, const json& body) {
  auto res = f.http->Post("/webhook/sim", body.dump(), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  f.app->worker().drain();
  f.app->sender().send_due();
}

int64_t ticket_count(LedgerFixture& f) {
  auto d = f.db();
  return d->query_int64("SELECT COUNT(*) FROM tickets");
}

size_t prompts_in(const json& messages) {
  size_t n = 0;
  for (const auto& m : messages) n += m["text"] == Wording().render("intake.voice_prompt");
  return n;
}

}  // namespace

TEST_CASE(
    "a spoken report with the platform's transcript files a ticket with its words, and the audio plays on the ticket "
    "page") {
  LedgerFixture f;
  post(f, voice_event("v1", "南河桥边上一大堆垃圾好几天没人管"));

  json messages = f.messages("g-hanjia");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["text"].get<std::string>().rfind("已登记 #1【生活垃圾】韩家村·南片（南河桥）", 0) == 0);
  CHECK(prompts_in(messages) == 0);

  auto d = f.db();
  auto ticket = TicketRepo(*d).get(1);
  REQUIRE(ticket);
  CHECK(ticket->text == "南河桥边上一大堆垃圾好几天没人管");
  auto voices = TicketVoices(*d).of(1);
  REQUIRE(voices.size() == 1);
  CHECK(voices[0].format == "amr");
  CHECK(voices[0].transcript == "南河桥边上一大堆垃圾好几天没人管");
  CHECK(voices[0].bytes == static_cast<int64_t>(kAmr.size()));
  CHECK(TicketRepo(*d).photos(1).empty());  // audio is never a photo

  const std::string url = "/tickets/1/voices/" + voices[0].sha256;
  auto api = f.http->Get("/api/v1/tickets/1", httplib::Headers{{"Authorization", "Bearer demo-token"}});
  REQUIRE(api);
  REQUIRE(api->status == 200);
  json shown = json::parse(api->body);
  CHECK(shown["text"] == "南河桥边上一大堆垃圾好几天没人管");
  CHECK(shown["photos"].empty());
  REQUIRE(shown["voices"].size() == 1);
  CHECK(shown["voices"][0]["format"] == "amr");
  CHECK(shown["voices"][0]["transcript"] == "南河桥边上一大堆垃圾好几天没人管");
  CHECK(shown["voices"][0]["url"] == url);
  const std::string secretary = f.login("sim:hanjianguo");
  auto page = f.get("/tickets/1", secretary);
  REQUIRE(page);
  CHECK(page->body.find("<h2>语音</h2>") != std::string::npos);
  CHECK(page->body.find("href=\"" + url + "\" download>下载语音 1</a>") != std::string::npos);
  CHECK(page->body.find("转文字：南河桥边上一大堆垃圾好几天没人管") != std::string::npos);

  auto audio = f.get(url, secretary);
  REQUIRE(audio);
  CHECK(audio->status == 200);
  CHECK(audio->body == kAmr);
  CHECK(audio->get_header_value("Content-Type") == "audio/amr");

  // Another village's liaison, and nobody signed in, hear nothing.
  auto other = f.get(url, f.login("sim:zhouli"));
  REQUIRE(other);
  CHECK(other->status == 404);
  auto anonymous = f.http->Get(url.c_str());
  REQUIRE(anonymous);
  CHECK(anonymous->status != 200);
}

TEST_CASE("a spoken command with its transcript is a command: '#1 已整改' spoken reaches the command parser") {
  LedgerFixture f;
  post(f, voice_event("v1", "南河桥边上一大堆垃圾好几天没人管"));
  json spoken = voice_event("v2", "#1 已整改");
  spoken["user_id"] = "sim:zhangguilan";
  post(f, spoken);
  json messages = f.messages("g-hanjia");
  REQUIRE(messages.size() == 2);
  // The command answered (it needs an after-photo), not intake's chit-chat silence or a new ticket.
  CHECK(messages[1]["text"].get<std::string>().find("发一张整改后的照片，收到后 #1 转为待核验") != std::string::npos);
  CHECK(ticket_count(f) == 1);
}

TEST_CASE("a voice note without a transcript gets one polite reply and no ticket, and more right after get none") {
  LedgerFixture f;
  post(f, voice_event("v1", ""));
  json messages = f.messages("g-hanjia");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["text"] ==
        "收到您的语音。暂时还听不了语音，麻烦打几个字说明是什么问题、在哪里，或者拍张照片发上来，谢谢！");
  CHECK(messages[0]["mentions"] == json{"sim:handefu"});
  CHECK(messages[0]["reply_to"] == "v1");
  CHECK(ticket_count(f) == 0);

  // The next ones of a row of short voice notes: the answer above covers them.
  f.clock->advance(std::chrono::minutes(1));
  post(f, voice_event("v2", ""));
  f.clock->advance(std::chrono::minutes(8));
  post(f, voice_event("v3", ""));
  CHECK(prompts_in(f.messages("g-hanjia")) == 1);

  // A new try after the window is answered again; so is someone else at once.
  f.clock->advance(std::chrono::minutes(2));
  post(f, voice_event("v4", ""));
  json other = voice_event("v5", "");
  other["user_id"] = "sim:hanlixin";
  post(f, other);
  CHECK(prompts_in(f.messages("g-hanjia")) == 3);
  CHECK(ticket_count(f) == 0);
}

TEST_CASE(
    "a photo and a voice note without a transcript from the same sender: the photo report goes on, the audio joins "
    "it") {
  LedgerFixture f;
  json photo = {{"event_id", "p1"},
                {"group_id", "g-hanjia"},
                {"user_id", "sim:handefu"},
                {"image_b64", base64_encode(make_jpeg(1600, 1200, 7))}};
  post(f, photo);
  f.clock->advance(std::chrono::seconds(20));
  post(f, voice_event("v1", ""));
  CHECK(f.messages("g-hanjia").empty());  // no "please type": the photo's own question follows

  // The stitch window closes: the usual category menu for a photo without words.
  f.clock->advance(std::chrono::minutes(3));
  f.app->scheduler().run_now();
  f.app->sender().send_due();
  json messages = f.messages("g-hanjia");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["text"].get<std::string>().rfind("收到照片。请回复数字选择问题类别：1 ", 0) == 0);

  post(f, {{"event_id", "t1"}, {"group_id", "g-hanjia"}, {"user_id", "sim:handefu"}, {"text", "1"}});
  CHECK(ticket_count(f) == 1);
  auto d = f.db();
  CHECK(TicketRepo(*d).photos(1).size() == 1);
  auto voices = TicketVoices(*d).of(1);
  REQUIRE(voices.size() == 1);
  CHECK(voices[0].transcript.empty());
  CHECK(voices[0].source_event_id == "v1");
  CHECK(prompts_in(f.messages("g-hanjia")) == 0);
}

TEST_CASE("a voice note in a private chat with the bot is told, once, to report in the village's group") {
  LedgerFixture f;
  for (const char* id : {"d1", "d2"}) {
    json dm = voice_event(id, "南河桥边上一大堆垃圾好几天没人管");
    dm["group_id"] = "dm:sim:handefu";
    post(f, dm);
  }
  json messages = f.messages("dm:sim:handefu");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["text"] ==
        "收到您的语音。反映问题请发到本村的群里：打几个字说明是什么问题、在哪里，或者拍张照片发上来，谢谢！");
  CHECK(ticket_count(f) == 0);
}

TEST_CASE("a typed message in a private chat with the bot is told, once, to report in the village's group") {
  LedgerFixture f;
  for (const char* id : {"p1", "p2"}) {
    post(f, {{"event_id", id},
             {"group_id", "dm:sim:handefu"},
             {"user_id", "sim:handefu"},
             {"text", "南河桥边上一大堆垃圾好几天没人管"}});
  }
  json messages = f.messages("dm:sim:handefu");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["text"] == "您好！反映问题请发到本村的群里：打几个字说明是什么问题、在哪里，再拍张照片，谢谢！");
  CHECK(ticket_count(f) == 0);
}

TEST_CASE("a voice note without a transcript right after the sender's typed report is kept with that ticket") {
  LedgerFixture f;
  post(f, {{"event_id", "t1"},
           {"group_id", "g-hanjia"},
           {"user_id", "sim:handefu"},
           {"text", "南河桥边上一大堆垃圾好几天没人管"}});
  f.clock->advance(std::chrono::seconds(30));
  post(f, voice_event("v1", ""));
  f.clock->advance(std::chrono::seconds(30));
  post(f, voice_event("v2", "", kAmr + "more"));
  json messages = f.messages("g-hanjia");
  REQUIRE(messages.size() == 2);  // the second voice note is covered by the first answer
  CHECK(messages[1]["text"] == "已把语音补充到 #1。");
  CHECK(prompts_in(messages) == 0);
  CHECK(ticket_count(f) == 1);
  auto d = f.db();
  CHECK(TicketVoices(*d).of(1).size() == 2);
}
