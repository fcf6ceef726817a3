#include "bot/platforms/sim/sim_platform.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/sim/parse.h"
#include "bot/platforms/sim/wire.h"
#include "storage/chat_key.h"

namespace paike {

namespace {

WebhookOutcome refuse(int status, const std::string& reason) {
  WebhookOutcome out;
  out.status = status;
  out.body = nlohmann::json{{"error", reason}}.dump();
  return out;
}

}  // namespace

std::string_view SimPlatform::name() const { return sim::kPlatform; }

WebhookOutcome SimPlatform::accept_webhook(WebhookRequest request, TimePoint) {
  auto body = sim::validate_body(request.body);
  if (!body) return refuse(400, body.error().message);
  // A private chat with the bot needs no group entry, but must be the sender's own.
  const bool known_chat = body->direct ? body->group_id == body->user_id
                                       : deployment_.find_group(sim::kPlatform, body->group_id) != nullptr;
  if (!known_chat) {
    return refuse(404,
                  "unknown group '" + chat_key(body->group_id, body->direct) + "': not in this deployment's groups");
  }
  WebhookOutcome out;
  out.events.push_back({body->event_id, body->group_id, body->direct, body->user_id, std::move(request.body)});
  return out;
}

Result<ChatEvent> SimPlatform::parse_event(std::string_view payload) const {
  auto event = sim::parse_body(payload);
  if (event && event->user_name.empty()) {
    const Person* person = deployment_.find_person(event->user_id);
    event->user_name = person ? person->name : event->user_id;
  }
  return event;
}

Result<std::string> SimPlatform::fetch_media(const IncomingImage& image) {
  if (!image.data.empty()) return image.data;
  return make_error(ErrorCode::no_media, "the simulator sends images inline");
}

std::optional<SendReceipt> SimPlatform::send(const OutgoingMessage&, SendFailure&) {
  return SendReceipt{};  // the bot's own id ("m-<outbox id>") is the message id
}

// The simulator is part of paike itself: there is no remote side to check.
std::vector<std::string> SimPlatform::check_online() { return {}; }

}  // namespace paike
