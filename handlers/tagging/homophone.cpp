#include "handlers/tagging/homophone.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace paike::tagging {

// Wraps the ICU object so the header needs no ICU include.
class IcuTransliterator {
 public:
  IcuTransliterator() {
    UErrorCode status = U_ZERO_ERROR;
    handle.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) handle.reset();
  }
  std::unique_ptr<icu::Transliterator> handle;
};

namespace {

bool is_han(int32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// Characters that sit in many words and say nothing about which word is meant.
bool is_particle(std::string_view c) {
  static const std::array<std::string_view, 10> kParticles = {"了", "的", "着", "子", "儿",
                                                              "啦", "啊", "里", "上", "下"};
  return std::find(kParticles.begin(), kParticles.end(), c) != kParticles.end();
}

}  // namespace

Homophones::Homophones() : transliterator_(std::make_unique<IcuTransliterator>()) {}
Homophones::~Homophones() = default;

std::string Homophones::sound_of(int32_t c, std::string_view character) const {
  if (!is_han(c) || !transliterator_->handle) return std::string(character);
  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(c); it != cache_.end()) return it->second;
  icu::UnicodeString u(c);
  transliterator_->handle->transliterate(u);
  std::string sound;
  u.toUTF8String(sound);
  sound.erase(std::remove(sound.begin(), sound.end(), ' '), sound.end());
  if (sound.empty()) sound = std::string(character);
  cache_.emplace(c, sound);
  return sound;
}

std::vector<Syllable> Homophones::read(std::string_view text) const {
  std::vector<Syllable> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const std::string_view character = text.substr(begin, i - begin);
    out.push_back({c < 0 ? std::string(character) : sound_of(c, character), character, {size_t(begin), size_t(i)}});
  }
  return out;
}

std::vector<Span> Homophones::find(const std::vector<Syllable>& text, const std::vector<Syllable>& word) {
  std::vector<Span> out;
  const size_t n = word.size();
  if (n < 2 || text.size() < n) return out;
  for (size_t i = 0; i + n <= text.size(); ++i) {
    size_t same = 0, shared = 0;
    bool sounds_alike = true;
    for (size_t j = 0; j < n && sounds_alike; ++j) {
      sounds_alike = text[i + j].sound == word[j].sound;
      if (text[i + j].character == word[j].character) {
        ++same;
        if (!is_particle(word[j].character)) ++shared;
      }
    }
    if (sounds_alike && same < n && shared * 2 >= n) out.push_back({text[i].span.begin, text[i + n - 1].span.end});
  }
  return out;
}

}  // namespace paike::tagging
