// paike_probe: makes one of paike's own platform calls, so that tests/sdk/*.test.mjs can hold
// paike's request against the official SDK's request for the same operation. The platform is
// built as `paike serve` builds it (make_platform, PAIKE_<PLATFORM>_* from the environment,
// the API base pointed at the test's recording server), with the test roster of
// tests/platforms/helpers.h (韩德福 has an id on every platform).
//
//   paike_probe PLATFORM send --group G --text T [--mention ROSTER_ID] [--reply-to ID] [--image FILE]
//   paike_probe PLATFORM fetch-media --ref REF        (prints the byte count and SHA-256)
//   paike_probe PLATFORM fetch-voice --ref REF
//   paike_probe PLATFORM check-online                 (prints each problem)
//   paike_probe PLATFORM webhook                      (stdin: {"method","query","headers","body"};
//                                                      prints the outcome and the parsed events)
// Prints one JSON object on stdout; exit 0 unless the arguments were wrong.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "bot/platforms/crypto.h"
#include "bot/platforms/registry.h"
#include "platforms/helpers.h"
#include "storage/chat_key.h"

namespace {

using nlohmann::json;
using namespace paike;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

json event_json(const ChatEvent& e) {
  json images = json::array();
  for (const auto& image : e.images) images.push_back(image.media_ref);
  // Chats named as storage names them (chat_key), so a private chat reads "dm:<user>".
  json out{{"event_id", e.event_id}, {"message_id", e.message_id}, {"group_id", chat_key(e.group_id, e.direct)},
           {"user_id", e.user_id},   {"user_name", e.user_name},   {"text", e.text},
           {"images", images},       {"reply_to", e.reply_to},     {"mentions", e.mentions}};
  if (e.location) out["location"] = {{"lat", e.location->lat}, {"lng", e.location->lng}};
  if (e.voice) out["voice"] = {{"media_ref", e.voice->media_ref}, {"transcript", e.voice->transcript}};
  return out;
}

int usage() {
  std::cerr << "usage: paike_probe PLATFORM send|fetch-media|fetch-voice|check-online|webhook [options]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to stderr: stdout carries the one JSON answer (a refused webhook logs a warning).
  spdlog::set_default_logger(spdlog::stderr_color_mt("paike_probe"));
  spdlog::set_level(spdlog::level::warn);
  if (argc < 3) return usage();
  const std::string platform_name = argv[1], operation = argv[2];
  std::map<std::string, std::vector<std::string>> options;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (!name.starts_with("--")) return usage();
    options[name.substr(2)].push_back(argv[i + 1]);
  }
  auto option = [&](const std::string& name) { return options.count(name) ? options[name].front() : std::string(); };

  Deployment deployment = test::platform_deployment();
  auto made = make_platform(platform_name, deployment, process_env());
  if (!made) {
    std::cout << json{{"error", made.error().message}}.dump() << "\n";
    return 0;
  }
  Platform& platform = **made;
  json out;
  if (operation == "send") {
    OutgoingMessage message;
    message.platform = platform_name;
    ChatRef chat = chat_from_key(option("group"));
    message.group_id = std::move(chat.id);
    message.direct = chat.direct;
    message.text = option("text");
    message.reply_to = option("reply-to");
    if (options.count("mention")) message.mentions = options["mention"];
    std::string image = options.count("image") ? read_file(option("image")) : std::string();
    if (!image.empty()) {
      message.image_sha256 = crypto::hex(crypto::sha256(image));
      platform.set_photo_loader([image](const std::string&) { return std::optional<std::string>(image); });
    }
    SendFailure failure;
    auto receipt = platform.send(message, failure);
    if (receipt) {
      out = {{"ok", true}, {"message_id", receipt->platform_message_id}};
    } else {
      out = {{"ok", false}, {"retryable", failure.retryable}, {"reason", failure.reason}};
      if (failure.retry_after)
        out["retry_after_s"] = std::chrono::duration_cast<std::chrono::seconds>(*failure.retry_after).count();
    }
  } else if (operation == "fetch-media" || operation == "fetch-voice") {
    auto bytes = operation == "fetch-media" ? platform.fetch_media(IncomingImage{"", option("ref"), ""})
                                            : platform.fetch_voice(IncomingVoice{option("ref"), "", "", ""});
    if (bytes) {
      out = {{"ok", true}, {"bytes", bytes->size()}, {"sha256", crypto::hex(crypto::sha256(*bytes))}};
    } else {
      out = {{"ok", false}, {"reason", bytes.error().message}};
    }
  } else if (operation == "check-online") {
    out = {{"problems", platform.check_online()}};
  } else if (operation == "webhook") {
    json request = json::parse(std::string(std::istreambuf_iterator<char>(std::cin), {}), nullptr, false);
    WebhookRequest webhook;
    webhook.method = request.value("method", "POST");
    webhook.body = request.value("body", "");
    // Named: a range-for over items() of value()'s temporary would read it after its end.
    const json headers = request.value("headers", json::object()), query = request.value("query", json::object());
    for (const auto& [k, v] : headers.items()) webhook.headers[k] = v.get<std::string>();
    for (const auto& [k, v] : query.items()) webhook.query[k] = v.get<std::string>();
    TimePoint now =
        request.contains("now")
            ? TimePoint(Duration(request["now"].get<int64_t>()))
            : TimePoint(std::chrono::duration_cast<Duration>(std::chrono::system_clock::now().time_since_epoch()));
    auto outcome = platform.accept_webhook(webhook, now);
    json events = json::array();
    for (const auto& accepted : outcome.events) {
      auto parsed = platform.parse_event(accepted.payload);
      events.push_back(parsed ? event_json(*parsed) : json{{"error", error_name(parsed.error().code)}});
    }
    out = {{"status", outcome.status}, {"body", outcome.body}, {"events", events}};
  } else {
    return usage();
  }
  std::cout << out.dump() << "\n";
  return 0;
}
