// WeCom callback: XML field reader, event parser (XML and robot JSON), the decryptor on the
// raw bytes (and the parser on what decrypts), and encrypt → decrypt giving the bytes back.
#include <string_view>

#include "bot/platforms/wecom/parse.h"
#include "bot/platforms/wecom/verify.h"
#include "fuzz/fuzz_roster.h"

namespace {
// 43 characters, as WeCom issues EncodingAESKey.
constexpr const char* kAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& roster = fuzz::roster("wecom");
  (void)wecom::xml_fields(input);
  (void)wecom::parse_event(input, roster);
  (void)wecom::parse_event(input, roster, "拍客");  // cuts "@拍客"
  if (auto plain = wecom::decrypt(kAesKey, input); plain.ok()) (void)wecom::parse_event(plain->message, roster);
  (void)wecom::msg_signature_ok(input, "token", "1763800000", "n1", input);
  auto round = wecom::decrypt(kAesKey, wecom::encrypt(kAesKey, input, "corp1"));
  fuzz::require(round.ok() && round->message == input && round->receive_id == "corp1");
  // A hostile EncodingAESKey (from a config file) must be refused, not crash.
  (void)wecom::decrypt(input, "AAAA");
  return 0;
}
