#include "handlers/tagging/normalize.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace paike::tagging {

namespace {

std::string nfkc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(utf8);  // invalid bytes → U+FFFD
  std::string out;
  if (U_FAILURE(status)) return in.toUTF8String(out);
  icu::UnicodeString normalized = n->normalize(in, status);
  if (U_FAILURE(status)) return in.toUTF8String(out);
  return normalized.toUTF8String(out);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

bool is_emoji_part(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
         u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) || u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR) ||
         c == 0x200D || c == 0x20E3;
}

bool is_ascii_alnum(UChar32 c) { return c < 0x80 && u_isalnum(c); }

// Chat apps send their stickers as text: "[强]", "[玫瑰]", "[捂脸]". Returns the index after
// the closing bracket when one starts at `i`, else `i`.
int32_t skip_sticker_code(const icu::UnicodeString& u, int32_t i) {
  constexpr int32_t kLongestName = 4;
  if (u.charAt(i) != '[') return i;
  for (int32_t j = i + 1; j < u.length() && j <= i + kLongestName + 1; ++j) {
    if (u.charAt(j) == ']') return j > i + 1 ? j + 1 : i;
    if (!u_isalpha(u.charAt(j))) return i;
  }
  return i;
}

}  // namespace

Normalizer::Normalizer(const std::map<std::string, std::string>& spelling) {
  opencc_t handle = opencc_open("t2s.json");
  if (handle != reinterpret_cast<opencc_t>(-1)) opencc_ = handle;
  for (const auto& [from, to] : spelling) {
    // Sanitise both sides like the text they will meet (simplified, half-width).
    spelling_.emplace_back(nfkc(to_simplified(nfkc(from))), nfkc(to_simplified(nfkc(to))));
  }
  std::stable_sort(spelling_.begin(), spelling_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

Normalizer::~Normalizer() {
  if (opencc_) opencc_close(static_cast<opencc_t>(opencc_));
}

std::string Normalizer::to_simplified(const std::string& utf8) const {
  if (!opencc_ || utf8.empty()) return utf8;
  std::lock_guard lock(opencc_mutex_);
  char* converted = opencc_convert_utf8(static_cast<opencc_t>(opencc_), utf8.data(), utf8.size());
  if (!converted) return utf8;
  std::string out(converted);
  opencc_convert_utf8_free(converted);
  return out;
}

std::vector<std::string> Normalizer::normalize_words(const std::vector<std::string>& words) const {
  std::vector<std::string> out;
  for (const auto& w : words) {
    std::string text = normalize(w).text;
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

NormalizedText Normalizer::normalize(std::string_view raw) const {
  // NFKC first also turns invalid UTF-8 into U+FFFD, so OpenCC only ever sees valid text.
  std::string text = nfkc(to_simplified(nfkc(std::string(raw))));
  for (const auto& [from, to] : spelling_) replace_all(text, from, to);

  NormalizedText out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  bool pending_break = false, pending_space = false;
  UChar32 last = 0;
  for (int32_t i = 0; i < u.length();) {
    if (int32_t after = skip_sticker_code(u, i); after != i) {
      ++out.pictographs;
      pending_break = true;
      i = after;
      continue;
    }
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (is_emoji_part(c)) {
      if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) ++out.pictographs;
      continue;
    }
    if (u_isalnum(c)) {
      if (!out.text.empty() && pending_break) {
        out.text += ' ';
      } else if (pending_space && is_ascii_alnum(last) && is_ascii_alnum(c)) {
        out.text += ' ';  // keep "ok ok" apart; Chinese needs no spaces
      }
      pending_break = pending_space = false;
      icu::UnicodeString one(u_tolower(c));
      one.toUTF8String(out.text);
      ++out.letters;
      last = c;
    } else if (u_isUWhiteSpace(c) && c != '\n' && c != '\r') {
      pending_space = true;
    } else {
      pending_break = true;  // punctuation, symbols, line breaks end a clause
    }
  }
  return out;
}

}  // namespace paike::tagging
