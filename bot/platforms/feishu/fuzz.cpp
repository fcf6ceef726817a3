// Feishu webhook body: the event parser on the raw bytes, the decryptor on them (and the
// parser on whatever decrypts), and encrypt → decrypt giving the bytes back.
#include <string_view>

#include "bot/platforms/feishu/parse.h"
#include "bot/platforms/feishu/verify.h"
#include "fuzz/fuzz_roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& roster = fuzz::roster("feishu");
  // With the bot's open_id known, so cutting its own @-mention is fuzzed too.
  (void)feishu::parse_event(input, roster, "ou_bot");
  if (auto plain = feishu::decrypt("ek", input); plain.ok()) (void)feishu::parse_event(*plain, roster, "ou_bot");
  (void)feishu::signature_ok(input, "1763800000", "n1", "ek", input);
  auto round = feishu::decrypt("ek", feishu::encrypt("ek", input));
  fuzz::require(round.ok() && *round == input);
  return 0;
}
