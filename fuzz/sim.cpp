// Simulator webhook body: the shape check and the parser (base64 image included). The check
// reads a body with spare capacity for the parser's padding in place (as the webhook route
// hands it over) and copies any other: both ways must give the same answer.
#include <string>
#include <string_view>

#include "bot/platforms/sim/parse.h"
#include "fuzz/fuzz_roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string padded(input);
  padded.reserve(size + sim::kBodyPadding);
  std::string exact(input);
  exact.shrink_to_fit();
  const bool in_place = sim::validate_body(padded).ok();
  if (sim::validate_body(exact).ok() != in_place) __builtin_trap();
  if (in_place) (void)sim::parse_body(input);
  return 0;
}
