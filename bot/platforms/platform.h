// A chat platform as the bot sees it: webhook requests in, ChatEvents out; OutgoingMessages
// in, platform API calls out. Every platform lives in bot/platforms/<name>/ with the same
// few files — wire types, verify (signature/crypto), parse (wire → ChatEvent), client
// (send, media, token cache), fuzz.cpp (its fuzz target) — and one class implementing this
// interface, made by make_<name>_platform (registry.h); its line in config/platforms.def lists it.
//
// Thread-safety: accept_webhook is called from HTTP threads concurrently; parse_event (const,
// no state) from the inbox worker and its look-ahead threads; fetch_media from the inbox
// worker; send from the outbox sender thread. Implementations guard their own state (token
// cache, replay window).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/result.h"
#include "config/time.h"
#include "handlers/chat_event.h"
#include "storage/outgoing_message.h"

namespace paike {

struct WebhookRequest {
  std::string method;                          // "GET" or "POST"
  std::string body;                            // raw bytes, exactly as received
  std::map<std::string, std::string> headers;  // names lowercased
  std::map<std::string, std::string> query;
};

// One verified event, ready for the inbox: `payload` is the platform's event after
// decryption (its own JSON or XML), stored as received and parsed later by parse_event.
struct AcceptedEvent {
  std::string event_id;
  std::string group_id;  // as parse_event will give it: a group's id, or with `direct` the sender's
  bool direct = false;   // a private chat with the bot
  std::string user_id;
  std::string payload;
};

// What to answer and what was received. `events` go into the inbox before the answer.
struct WebhookOutcome {
  int status = 200;
  std::string content_type = "application/json";
  std::string body = R"({"ok":true})";
  std::vector<AcceptedEvent> events;
};

struct SendReceipt {
  std::string platform_message_id;  // so later replies can quote it
};

// Why a send failed, and whether trying again later can help.
struct SendFailure {
  bool retryable = true;
  std::optional<Duration> retry_after;  // the platform's Retry-After or rate-limit hint
  std::string reason;                   // for logs and the ledger; never shown in chat
};

// Where the parts of a several-call message that went out are recorded (bot/platforms/sent_parts.h):
// the database, so that a retry on another instance or after a restart skips them.
// Thread-safe.
class PartsStore {
 public:
  virtual ~PartsStore() = default;
  virtual std::optional<std::string> find(const std::string& part_key) = 0;
  virtual void keep(const std::string& part_key, const std::string& platform_message_id) = 0;
};

// Bytes of a stored photo (the public, re-encoded copy) by SHA-256; nullopt when unknown.
using PhotoLoader = std::function<std::optional<std::string>(const std::string& sha256)>;

class Platform {
 public:
  virtual ~Platform() = default;
  virtual std::string_view name() const = 0;

  // The ack path: verify (signature, timestamp window, replay), decrypt, answer handshakes,
  // and pick out the events to store. Cheap: no media download, no handlers. Never throws
  // on bad input: a forged or malformed request is a 4xx outcome with no events.
  virtual WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) = 0;

  // The worker path: a stored payload (already verified) → ChatEvent. Images are left as
  // media_ref for fetch_media unless the payload carries their bytes.
  virtual Result<ChatEvent> parse_event(std::string_view payload) const = 0;

  // Downloads an image named by IncomingImage::media_ref (size-limited, with timeout).
  virtual Result<std::string> fetch_media(const IncomingImage& image) = 0;

  // Downloads a voice note's audio (IncomingVoice::media_ref). Most platforms fetch every
  // kind of media the same way as images; those that don't override this.
  virtual Result<std::string> fetch_voice(const IncomingVoice& voice) {
    return fetch_media(IncomingImage{"", voice.media_ref, ""});
  }

  // Sends one message. On failure returns the classification in `failure`.
  // Platforms that can post images attach OutgoingMessage::image_sha256 when a loader is set.
  virtual std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) = 0;

  // `paike check-config --online`: calls the platform with the configured secrets (token or
  // bot-info endpoint, webhook settings) and returns each problem in words a township clerk
  // can act on (Simplified Chinese, with the fix); empty when all is well.
  virtual std::vector<std::string> check_online() = 0;

  // Where send() finds attached photos; set once before the outbox sender starts.
  void set_photo_loader(PhotoLoader loader) { photo_loader_ = std::move(loader); }
  // Where send() records the parts that went out; set once before the outbox sender starts.
  // Unset: in memory (a restart may repeat one part).
  void set_parts_store(std::shared_ptr<PartsStore> store) { parts_store_ = std::move(store); }

 protected:
  // The message's image bytes, or nullopt (none attached, no loader, photo missing: the
  // text still goes out, and the miss is logged).
  std::optional<std::string> attached_photo(const OutgoingMessage& message) const;
  PartsStore* parts_store() const { return parts_store_.get(); }

 private:
  PhotoLoader photo_loader_;
  std::shared_ptr<PartsStore> parts_store_;
};

}  // namespace paike
