// Small UTF-8 string helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paike {

// Strips ASCII white space and the ideographic space U+3000 from both ends.
std::string_view trim(std::string_view text);
// Splits on `separator`, trimming each part and dropping empty ones.
std::vector<std::string> split(std::string_view text, char separator);
bool starts_with(std::string_view text, std::string_view prefix);
bool contains(std::string_view text, std::string_view needle);
// Number of Unicode code points (not bytes); invalid bytes count as one each.
size_t utf8_length(std::string_view text);
// At most `max_chars` code points, with "…" appended when cut.
std::string utf8_truncate(std::string_view text, size_t max_chars);
// Text as it may be kept and shown: valid UTF-8 (a broken sequence becomes U+FFFD), without
// control characters but tab and newline (CR LF and a lone CR become a newline), DEL, C1
// controls, zero-width characters (U+200B–U+200D, U+2060, U+FEFF), direction marks and
// overrides (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) and U+FFFE/U+FFFF. What every
// text a person sends goes through when it comes in, and what every writer (XML, CSV, XLSX,
// HTML) applies on its own: a U+0001 makes XML invalid, an RTL override turns "gnp.exe"
// around, a zero-width space splits a landmark's name.
std::string clean_text(std::string_view text);

}  // namespace paike
