// clean_text on hostile bytes: what comes out is valid UTF-8 with no control character but
// tab and newline, and cleaning it again changes nothing.
#include <string_view>

#include "config/text.h"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
bool valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80                   ? 1
                    : (c >= 0xC2 && c < 0xE0)  ? 2
                    : (c >= 0xE0 && c < 0xF0)  ? 3
                    : (c >= 0xF0 && c <= 0xF4) ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return false;
    char32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string clean = paike::clean_text(input);
  require(valid_utf8(clean));
  for (unsigned char c : clean) require(c >= 0x20 ? c != 0x7F : (c == '\t' || c == '\n'));
  require(paike::clean_text(clean) == clean);
  return 0;
}
