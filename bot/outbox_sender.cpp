#include "bot/outbox_sender.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

#include "storage/outbox.h"

namespace paike {

OutboxSender::OutboxSender(const Clock& clock, std::unique_ptr<Database> db,
                           const std::map<std::string, Platform*>& platforms, OutboxOptions options)
    : clock_(clock), db_(std::move(db)), platforms_(platforms), options_(options), loop_("outbox sender", [this] {
        while (send_due() > 0 && !loop_.stopping()) {
        }
      }) {}

OutboxSender::~OutboxSender() { stop(); }

int OutboxSender::send_due() {
  Outbox outbox(*db_);
  const TimePoint now = clock_.now();
  const TimePoint real_now = SystemClock().now();
  auto rows = outbox.claim_due(now, 50, Claim{options_.instance, real_now, real_now + options_.lease});
  static thread_local std::mt19937 random(std::random_device{}());
  for (const auto& row : rows) {
    auto platform = platforms_.find(row.message.platform);
    if (platform == platforms_.end()) {
      outbox.mark_failed(row.id, now, "platform not enabled: " + row.message.platform);
      continue;
    }
    SendFailure failure;
    auto receipt = platform->second->send(row.message, failure);
    if (receipt) {
      std::string id =
          receipt->platform_message_id.empty() ? "m-" + std::to_string(row.id) : receipt->platform_message_id;
      outbox.mark_sent(row.id, clock_.now(), id);
      spdlog::info("outbox {}: sent to {}/{}{}", row.id, row.message.platform, row.message.group_id,
                   row.message.ticket_id ? " (ticket #" + std::to_string(*row.message.ticket_id) + ")" : "");
      continue;
    }
    if (!failure.retryable || now - row.created_at >= options_.max_age) {
      outbox.mark_failed(row.id, now, failure.reason);
      spdlog::error("outbox {}: gave up: {}", row.id, failure.reason);
      continue;
    }
    // Exponential backoff with full jitter, but never sooner than the platform asked.
    auto backoff =
        std::min<long long>(options_.max_retry.count(), options_.first_retry.count() << std::min(row.attempts, 20));
    auto wait = Duration(std::uniform_int_distribution<long long>(backoff / 2, backoff)(random));
    if (failure.retry_after) wait = std::max(wait, *failure.retry_after);
    outbox.mark_retry(row.id, now + wait, failure.reason);
    spdlog::warn("outbox {}: retry in {}s: {}", row.id, wait.count(), failure.reason);
  }
  return static_cast<int>(rows.size());
}

}  // namespace paike
