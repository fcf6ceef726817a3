#include "config/text.h"

#include <utility>

namespace paike {

namespace {
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

std::string_view trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.substr(0, 3) == kIdeographicSpace) {
      text.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == kIdeographicSpace) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    auto part = trim(text.substr(start, end - start));
    if (!part.empty()) parts.emplace_back(part);
    start = end + 1;
  }
  return parts;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool contains(std::string_view text, std::string_view needle) { return text.find(needle) != std::string_view::npos; }

size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

namespace {

// The code point at text[i] and its length in bytes; U+FFFD and 1 for a broken sequence
// (overlong forms and UTF-16 surrogates included).
std::pair<char32_t, size_t> decode_utf8(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return {c, 1};
  size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (length == 0 || i + length > text.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, length};
}

bool dropped(char32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n';
  return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0x061C ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto [cp, length] = decode_utf8(text, i);
    if (cp == '\r') {
      out += '\n';
      i += text.substr(i, 2) == "\r\n" ? 2 : 1;
      continue;
    }
    if (cp == 0xFFFD && length == 1 && static_cast<unsigned char>(text[i]) >= 0x80) {
      out += "\xEF\xBF\xBD";
    } else if (!dropped(cp)) {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string utf8_truncate(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(text.substr(0, i)) + "…";
      ++chars;
    }
  }
  return std::string(text);
}

}  // namespace paike
