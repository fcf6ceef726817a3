// Telegram Update: the event parser and the secret-token check on hostile bytes.
#include <string_view>

#include "bot/platforms/telegram/parse.h"
#include "bot/platforms/telegram/verify.h"
#include "fuzz/fuzz_roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)telegram::parse_event(input, fuzz::roster("telegram"));
  (void)telegram::parse_event(input, fuzz::roster("telegram"), {"123456", "paike_bot"});  // cuts "@paike_bot"
  (void)telegram::secret_ok(input, "secret");
  return 0;
}
