// The simulator as a platform: the embedded default, on in `paike demo`. Webhook bodies are
// checked and stored; "sending" is nothing more than the outbox row becoming visible to
// GET /sim/api/messages (the outbox sender marks it sent).
#pragma once

#include "bot/platforms/platform.h"
#include "config/deployment.h"

namespace paike {

class SimPlatform : public Platform {
 public:
  explicit SimPlatform(const Deployment& deployment) : deployment_(deployment) {}

  std::string_view name() const override;
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  const Deployment& deployment_;
};

}  // namespace paike
