// OneBot v11 event: the CQ-code string reader and the event parser on hostile bytes.
#include <string_view>

#include "bot/platforms/onebot/parse.h"
#include "bot/platforms/onebot/verify.h"
#include "fuzz/fuzz_roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)onebot::parse_cq_string(input);
  (void)onebot::parse_event(input, fuzz::roster("onebot"));
  (void)onebot::signature_ok(input, "secret", input);
  return 0;
}
