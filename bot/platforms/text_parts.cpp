#include "bot/platforms/text_parts.h"

#include <algorithm>

namespace paike {
namespace {

// Bytes of the UTF-8 sequence that starts with `lead` (1 for a stray or invalid byte).
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

size_t char_units(size_t bytes, TextUnit unit) {
  switch (unit) {
    case TextUnit::utf8_bytes:
      return bytes;
    case TextUnit::utf16_units:
      return bytes == 4 ? 2 : 1;
    case TextUnit::code_points:
      return 1;
  }
  return bytes;
}

std::string part_label(size_t index, size_t count) {
  return "（" + std::to_string(index) + "/" + std::to_string(count) + "）";
}

// Cuts `text` into pieces of at most `budget` units, preferring the last line break that
// keeps a piece at least half full.
std::vector<std::string> cut(std::string_view text, size_t budget, TextUnit unit) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start < text.size()) {
    size_t units = 0, pos = start, last_break = std::string_view::npos;
    while (pos < text.size()) {
      size_t bytes = std::min(sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
      size_t add = char_units(bytes, unit);
      if (units + add > budget) break;
      units += add;
      pos += bytes;
      if (text[pos - 1] == '\n' && units * 2 >= budget) last_break = pos;
    }
    size_t end = pos < text.size() && last_break != std::string_view::npos ? last_break : pos;
    if (end == start) end = start + 1;  // budget smaller than one character: cannot happen for budget >= 4
    std::string_view piece = text.substr(start, end - start);
    while (!piece.empty() && piece.back() == '\n') piece.remove_suffix(1);
    if (!piece.empty()) pieces.emplace_back(piece);
    start = end;
    while (start < text.size() && text[start] == '\n') ++start;
  }
  return pieces;
}

}  // namespace

size_t text_length(std::string_view text, TextUnit unit) {
  size_t units = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t bytes = std::min(sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
    units += char_units(bytes, unit);
    pos += bytes;
  }
  return units;
}

std::vector<std::string> split_text(std::string_view text, size_t limit, TextUnit unit) {
  limit = std::max<size_t>(limit, 32);
  if (text_length(text, unit) <= limit) return {std::string(text)};
  // The label's length depends on the count, the count on the room left by the label:
  // grow the label's reserve until the cut fits it.
  for (size_t digits = 1;; ++digits) {
    std::string widest = part_label(std::stoull(std::string(digits, '9')), std::stoull(std::string(digits, '9')));
    size_t reserve = text_length(widest, unit) + 1;  // + the line break before it
    auto pieces = cut(text, limit - reserve, unit);
    if (std::to_string(pieces.size()).size() > digits) continue;
    for (size_t i = 0; i < pieces.size(); ++i) pieces[i] += "\n" + part_label(i + 1, pieces.size());
    return pieces;
  }
}

}  // namespace paike
