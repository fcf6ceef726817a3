// Roster and group sheets as townships export them from Excel: the CSV reader and both
// sheet parsers on hostile bytes.
#include <string_view>

#include "config/csv.h"
#include "config/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string error;
  (void)parse_csv(input, &error);
  ConfigProblems problems;
  (void)parse_roster(input, "roster.csv", problems);
  (void)parse_groups(input, "groups.csv", problems);
  return 0;
}
