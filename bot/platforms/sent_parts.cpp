#include "bot/platforms/sent_parts.h"

#include "config/digest.h"

namespace paike {
namespace {
constexpr size_t kMaxEntries = 1000;
}  // namespace

std::string SentParts::key(const OutgoingMessage& m, size_t part) {
  return m.platform + '\n' + (m.direct ? "direct " : "") + m.group_id + '\n' + m.reply_to + '\n' + m.image_sha256 +
         '\n' + std::to_string(m.ticket_id.value_or(0)) + '\n' + m.text + '\n' + std::to_string(part);
}

std::optional<SendReceipt> SentParts::send(const OutgoingMessage& message, const std::vector<SendPart>& parts,
                                           SendFailure& failure, PartsStore* store) {
  // With the database as the record, a one-call message has no part to skip: no round trip.
  if (store && parts.size() == 1) return parts[0](failure);
  std::optional<SendReceipt> first;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string k = key(message, i);
    std::optional<SendReceipt> receipt;
    if (store) {
      if (auto id = store->find(crypto::sha256_hex(k))) receipt = SendReceipt{*id};
    } else {
      std::lock_guard lock(mutex_);
      if (auto it = sent_.find(k); it != sent_.end()) receipt = it->second;
    }
    if (!receipt) {
      receipt = parts[i](failure);
      if (!receipt) return std::nullopt;
      if (store) {
        store->keep(crypto::sha256_hex(k), receipt->platform_message_id);
        if (i == 0) first = receipt;
        continue;
      }
      std::lock_guard lock(mutex_);
      sent_[k] = *receipt;
      order_.push_back(k);
      if (order_.size() > kMaxEntries) {
        sent_.erase(order_.front());
        order_.pop_front();
      }
    }
    if (i == 0) first = receipt;
  }
  return first;
}

}  // namespace paike
