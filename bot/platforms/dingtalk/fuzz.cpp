// DingTalk robot callback body: the event parser and the sign check on hostile bytes.
#include <string_view>

#include "bot/platforms/dingtalk/parse.h"
#include "bot/platforms/dingtalk/verify.h"
#include "fuzz/fuzz_roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)dingtalk::parse_event(input, fuzz::roster("dingtalk"));
  (void)dingtalk::sign_ok(input, "1763800000000", "secret");
  fuzz::require(dingtalk::sign_ok(dingtalk::sign(input, "secret"), input, "secret"));
  return 0;
}
