// Simulator webhook body: the shape check and the parser (base64 image included).
#include <string_view>

#include "bot/platforms/sim/parse.h"
#include "fuzz/fuzz_roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (sim::validate_body(input).ok()) (void)sim::parse_body(input);
  return 0;
}
