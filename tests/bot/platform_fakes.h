// Per-platform test fixtures for whole-bot tests: the demo township moved onto one platform
// (roster ids, one village group), the env vars pointing its API at a FakeApi, a fake API
// that serves tokens, media and sends, and signed webhook requests built with the
// platform's own algorithm. Shared by the end-to-end and the delivery tests.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/app.h"
#include "bot/platforms/platform.h"
#include "config/deployment.h"
#include "config/load.h"
#include "tests/platforms/helpers.h"
#include "tests/support/temp_dir.h"

namespace paike::test {

// Answers the fake's send route gives, so tests can switch the API's mood mid-run.
enum class ApiMood { ok, down, rate_limited, token_expired };

struct PlatformFixture {
  std::string platform;
  std::string group_id;     // 韩家村's group on that platform
  std::string leader_id;    // 张桂兰 (grid leader of hanjia-south) there
  std::string reporter_id;  // 韩德福 there
  std::string send_path;    // where text replies arrive, e.g. "/send_group_msg"
};

const std::vector<PlatformFixture>& platform_fixtures();
const PlatformFixture& fixture(const std::string& platform);

// The demo township with `platform` enabled, the simulator off and ids for the two people.
Deployment township_on(const PlatformFixture& f);
// PAIKE_<PLATFORM>_* for the fake API at `base`.
EnvLookup fake_env(const PlatformFixture& f, const std::string& base);

// Routes for tokens (counted), media (`jpeg` at every download route) and sends (answering
// by `mood`, recording accepted sends in order).
struct FakePlatformApi {
  FakePlatformApi(const PlatformFixture& f, std::string jpeg);
  FakeApi api;
  std::atomic<int> tokens{0};
  std::atomic<ApiMood> mood{ApiMood::ok};
  std::atomic<int> retry_after_seconds{30};
  std::atomic<int> failing_uploads{0};  // image uploads answered 503 while > 0 (counts down)
  std::mutex mutex;
  // Bodies of sends the fake accepted, in order; a multipart body as a JSON object of its fields.
  std::vector<std::string> accepted;
  std::vector<std::string> accepted_bodies() {
    std::lock_guard lock(mutex);
    return accepted;
  }
};

// A signed webhook request carrying `text` and one image, as the platform would post it at
// time `now`; `id` makes the event unique. Media references point at the fake's routes.
WebhookRequest signed_image_event(const PlatformFixture& f, const std::string& base, const std::string& id,
                                  const std::string& text, TimePoint now);

// The real App on a loopback port, for the township moved onto `f`'s platform with its API at
// the fake: its webhook, its metrics and its read API.
struct RunningTownship {
  RunningTownship(const PlatformFixture& f, FakePlatformApi& fake);
  httplib::Result post(const std::string& platform, const WebhookRequest& request);
  std::string metrics();
  nlohmann::json tickets();
  TempDir dir;
  std::unique_ptr<App> app;
};

// The fake's accepted sends once there are `count` of them, or what came within 15 s (the
// worker and the sender run on their own threads).
std::vector<std::string> wait_for_sends(FakePlatformApi& fake, size_t count);

}  // namespace paike::test
