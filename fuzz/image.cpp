// Untrusted photo bytes: sniff, header, EXIF and the reduced upright decode, with the same
// pixel limit the bot uses (a smaller one keeps each run fast).
#include <string_view>

#include "vision/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)vision::sniff_format(input);
  auto header = vision::read_header(input);
  if (header.ok()) (void)vision::read_exif(header->exif, 480);
  VisionOptions options;
  options.max_pixels = 4'000'000;
  (void)vision::load_image(input, options, 256);
  return 0;
}
