#include "bot/platforms/webhook.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace paike {

std::string header_value(const WebhookRequest& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? std::string() : it->second;
}

std::string query_value(const WebhookRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

WebhookOutcome reject(int status, std::string_view platform, std::string_view reason) {
  spdlog::warn("{} webhook refused ({}): {}", platform, status, reason);
  WebhookOutcome outcome;
  outcome.status = status;
  outcome.body = nlohmann::json{{"ok", false}, {"error", std::string(reason)}}.dump();
  return outcome;
}

WebhookOutcome duplicate(std::string_view platform, std::string_view key) {
  spdlog::info("{} webhook: {} seen before, acknowledged without effect", platform, key);
  WebhookOutcome outcome;
  outcome.body = R"({"ok":true,"duplicate":true})";
  return outcome;
}

}  // namespace paike
