// Delivery through each platform's real adapter to its fake API (a real HTTP server), driven
// by the real outbox sender over a real SQLite file with a manual clock: the API down for a
// while then back, 429 with Retry-After, an access token expiring mid-run, giving up.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/outbox_sender.h"
#include "bot/platforms/registry.h"
#include "config/base64.h"
#include "storage/outbox.h"
#include "tests/bot/platform_fakes.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace paike;
using nlohmann::json;

namespace {

struct Delivery {
  explicit Delivery(const test::PlatformFixture& fixture, OutboxOptions options = {})
      : f(fixture), fake(f, "JPEG"), clock(TimePoint(Duration(1763800000))) {
    deployment = test::township_on(f);
    auto built = make_platform(f.platform, deployment, test::fake_env(f, fake.api.base()));
    REQUIRE(built.ok());
    platform = std::move(*built);
    platforms[f.platform] = platform.get();
    auto writer = Database::open(test::test_storage(dir.path()));
    auto sender_db = Database::open(test::test_storage(dir.path()));
    REQUIRE((writer.ok() && sender_db.ok()));
    db = std::move(*writer);
    sender = std::make_unique<OutboxSender>(clock, std::move(*sender_db), platforms, options);
  }
  int64_t enqueue(const std::string& text, const std::string& image_sha256 = "") {
    OutgoingMessage m;
    m.image_sha256 = image_sha256;
    m.platform = f.platform;
    m.group_id = f.group_id;
    m.text = "@张桂兰 " + text;
    m.mentions = {"sim:zhangguilan"};
    return Outbox(*db).enqueue(m, clock.now());
  }
  // Moves the clock in steps, sending what is due after each, until `done` or `limit` steps.
  void run(
      Duration step, int limit, const std::function<bool()>& done = [] { return false; }) {
    for (int i = 0; i < limit && !done(); ++i) {
      clock.advance(step);
      sender->send_due();
    }
  }
  int64_t count(const std::string& state) { return Outbox(*db).count(state); }

  const test::PlatformFixture& f;
  test::FakePlatformApi fake;
  test::TempDir dir;
  ManualClock clock;
  Deployment deployment;
  std::unique_ptr<Platform> platform;
  std::map<std::string, Platform*> platforms;
  std::unique_ptr<Database> db;
  std::unique_ptr<OutboxSender> sender;
};

}  // namespace

TEST_CASE("platform delivery: API down for a while, then back: every message once, in order") {
  for (const auto& f : test::platform_fixtures()) {
    SECTION(f.platform) {
      Delivery d(f);
      for (int i = 1; i <= 5; ++i) d.enqueue("第" + std::to_string(i) + "条");
      d.fake.mood = test::ApiMood::down;
      d.run(std::chrono::seconds(30), 20);  // ten minutes of 503s
      CHECK(d.fake.accepted_bodies().empty());
      CHECK(d.count("pending") == 5);
      d.fake.mood = test::ApiMood::ok;
      d.run(std::chrono::seconds(30), 200, [&] { return d.count("sent") == 5; });
      auto sent = d.fake.accepted_bodies();
      REQUIRE(sent.size() == 5);
      for (int i = 0; i < 5; ++i) {
        INFO(sent[i]);
        CHECK(sent[i].find("第" + std::to_string(i + 1) + "条") != std::string::npos);
      }
      CHECK(d.count("failed") == 0);
      d.run(std::chrono::minutes(10), 5);
      CHECK(d.fake.accepted_bodies().size() == 5);  // nothing sent twice
    }
  }
}

TEST_CASE("platform delivery: 429 with Retry-After waits at least that long") {
  for (const auto& f : test::platform_fixtures()) {
    SECTION(f.platform) {
      Delivery d(f);
      auto id = d.enqueue("请整改");
      d.fake.mood = test::ApiMood::rate_limited;
      d.fake.retry_after_seconds = 30;
      d.sender->send_due();
      auto row = Outbox(*d.db).get(id);
      REQUIRE(row);
      CHECK(row->state == "pending");
      CHECK(row->next_attempt_at >= d.clock.now() + std::chrono::seconds(30));
      d.fake.mood = test::ApiMood::ok;
      d.run(std::chrono::seconds(29), 1);
      CHECK(d.fake.accepted_bodies().empty());
      d.run(std::chrono::seconds(2), 1);
      CHECK(d.fake.accepted_bodies().size() == 1);
      CHECK(d.count("sent") == 1);
    }
  }
}

TEST_CASE("platform delivery: an access token expiring mid-run is fetched again and nothing is lost") {
  for (const char* name : {"feishu", "dingtalk", "wecom"}) {
    SECTION(name) {
      Delivery d(test::fixture(name));
      d.enqueue("第1条");
      d.sender->send_due();
      CHECK(d.fake.tokens == 1);
      d.enqueue("第2条");
      d.fake.mood = test::ApiMood::token_expired;  // the platform says the token expired, once
      d.sender->send_due();
      CHECK(d.fake.tokens == 2);
      CHECK(d.count("sent") == 2);
      CHECK(d.fake.accepted_bodies().size() == 2);
    }
  }
}

TEST_CASE("platform delivery: after max age a message is given up as failed") {
  OutboxOptions options;
  options.max_age = std::chrono::hours(1);
  Delivery d(test::fixture("onebot"), options);
  d.enqueue("请整改");
  d.fake.mood = test::ApiMood::down;
  d.run(std::chrono::minutes(5), 30, [&] { return d.count("failed") == 1; });
  CHECK(d.count("failed") == 1);
  CHECK(d.count("pending") == 0);
  auto row = Outbox(*d.db).get(1);
  REQUIRE(row);
  CHECK(row->last_error.find("503") != std::string::npos);
}

TEST_CASE("platform delivery: an attached photo is posted as an image with the text and mention") {
  const std::string sha(64, 'a');
  for (const auto& f : test::platform_fixtures()) {
    SECTION(f.platform) {
      Delivery d(f);
      d.platform->set_photo_loader([&](const std::string& wanted) -> std::optional<std::string> {
        if (wanted == sha) return std::string("JPEGBYTES");
        return std::nullopt;
      });
      d.enqueue("今日汇总", sha);
      d.sender->send_due();
      CHECK(d.count("sent") == 1);
      auto sent = d.fake.accepted_bodies();
      REQUIRE_FALSE(sent.empty());
      json first = json::parse(sent.front());
      INFO(sent.front());
      if (f.platform == "feishu") {
        // One rich-text message: text, a real <at>, and the uploaded image.
        REQUIRE(sent.size() == 1);
        CHECK(d.fake.api.count("/open-apis/im/v1/images") == 1);
        CHECK(first["msg_type"] == "post");
        json post = json::parse(first["content"].get<std::string>())["zh_cn"]["content"];
        CHECK(post[0][0] == json{{"tag", "at"}, {"user_id", "ou_zhangguilan"}});
        CHECK(post[1][0] == json{{"tag", "img"}, {"image_key", "img_uploaded"}});
      } else if (f.platform == "dingtalk") {
        REQUIRE(sent.size() == 2);
        CHECK(first["msgKey"] == "sampleText");
        json image = json::parse(sent[1]);
        CHECK(image["msgKey"] == "sampleImageMsg");
        CHECK(json::parse(image["msgParam"].get<std::string>())["photoURL"] == "@media1");
      } else if (f.platform == "wecom") {
        REQUIRE(sent.size() == 2);
        CHECK(first["msgtype"] == "text");
        CHECK(json::parse(sent[1])["image"]["media_id"] == "m1");
      } else if (f.platform == "onebot") {
        REQUIRE(sent.size() == 1);
        CHECK(first["message"].back() ==
              json{{"type", "image"}, {"data", {{"file", "base64://" + base64_encode("JPEGBYTES")}}}});
      } else if (f.platform == "telegram") {
        REQUIRE(sent.size() == 1);
        CHECK(first["photo"] == "JPEGBYTES");
        CHECK(first["caption"].get<std::string>().find("tg://user?id=703") != std::string::npos);
      }
    }
  }
}

TEST_CASE("platform delivery: when the image part fails, the retry does not repeat the text") {
  for (const char* name : {"dingtalk", "wecom"}) {
    SECTION(name) {
      Delivery d(test::fixture(name));
      const std::string sha(64, 'b');
      d.platform->set_photo_loader([](const std::string&) { return std::optional<std::string>("JPEGBYTES"); });
      d.enqueue("今日汇总", sha);
      d.fake.failing_uploads = 1;
      d.sender->send_due();
      CHECK(d.count("pending") == 1);
      CHECK(d.fake.accepted_bodies().size() == 1);  // the text went out
      d.run(std::chrono::seconds(30), 10, [&] { return d.count("sent") == 1; });
      auto sent = d.fake.accepted_bodies();
      REQUIRE(sent.size() == 2);
      CHECK(sent[0].find("今日汇总") != std::string::npos);
      CHECK(sent[1].find("今日汇总") == std::string::npos);
    }
  }
}

TEST_CASE(
    "platform delivery: API down for an hour while two groups keep talking: each message once, in order per group") {
  for (const auto& f : test::platform_fixtures()) {
    SECTION(f.platform) {
      Delivery d(f);
      const std::string other_group = f.group_id + "2";
      auto enqueue_to = [&](const std::string& group, const std::string& text) {
        OutgoingMessage m;
        m.platform = f.platform;
        m.group_id = group;
        m.text = text;
        Outbox(*d.db).enqueue(m, d.clock.now());
      };
      // Tags like [A07] name the group and the position, so order is checked per group.
      int next_a = 1, next_b = 1;
      auto tag = [](char group, int n) {
        return std::string("[") + group + (n < 10 ? "0" : "") + std::to_string(n) + "]";
      };
      auto say_both = [&] {
        enqueue_to(f.group_id, tag('A', next_a) + " 甲群消息" + std::to_string(next_a));
        ++next_a;
        enqueue_to(other_group, tag('B', next_b) + " 乙群消息" + std::to_string(next_b));
        ++next_b;
      };
      say_both();
      d.fake.mood = test::ApiMood::down;
      // An hour of 5xx, the bot writing to both groups every five minutes meanwhile.
      for (int minute = 0; minute < 60; minute += 5) {
        say_both();
        d.run(std::chrono::seconds(60), 5);
      }
      CHECK(d.fake.accepted_bodies().empty());
      CHECK(d.count("failed") == 0);
      const int64_t expected = (next_a - 1) + (next_b - 1);
      CHECK(d.count("pending") == expected);

      d.fake.mood = test::ApiMood::ok;
      // Back: the longest backoff is max_retry (10 min), so everything is out within half an hour.
      d.run(std::chrono::seconds(30), 60, [&] { return d.count("sent") == expected; });
      CHECK(d.count("sent") == expected);
      d.run(std::chrono::minutes(10), 6);  // and nothing goes out twice later
      const auto sent = d.fake.accepted_bodies();
      REQUIRE(static_cast<int64_t>(sent.size()) == expected);
      for (char group : {'A', 'B'}) {
        int seen = 0;
        for (const auto& body : sent) {
          for (int n = 1; n <= 99; ++n) {
            if (body.find(tag(group, n)) == std::string::npos) continue;
            INFO(f.platform << " group " << group << ": message " << n << " arrived after message " << seen);
            CHECK(n == seen + 1);
            seen = n;
          }
        }
        CHECK(seen == (group == 'A' ? next_a - 1 : next_b - 1));
      }
    }
  }
}
