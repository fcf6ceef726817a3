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

}  // namespace paike
