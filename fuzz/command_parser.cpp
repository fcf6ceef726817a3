// Chat commands: every message a villager types passes parse_command, quoting or not.
#include <string_view>

#include "handlers/lifecycle/command_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)parse_command(input, false);
  (void)parse_command(input, true);
  std::string rest;
  (void)parse_span(input, &rest);
  return 0;
}
