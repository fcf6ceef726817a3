// Voice input writes the right sound with the wrong characters (路登 for 路灯, 卫生是 for
// 卫生室, 老魔坊 for 老磨坊). A configured word is also found where the text has the same
// toneless pinyin and shares at least half of the word's characters (particles like 了 and
// 的 do not count as shared), so a near-miss of sound and writing is read as the word meant
// and an unrelated word that merely sounds alike (合理 vs 河里) is not.
// Thread-safe: the ICU transliterator is used under a mutex and its readings are cached.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "handlers/tagging/text_match.h"

namespace paike::tagging {

class IcuTransliterator;

struct Syllable {
  std::string sound;  // toneless pinyin of a Han character; the character itself otherwise
  std::string_view character;
  Span span;  // byte offsets in the text it was read from
};

class Homophones {
 public:
  Homophones();
  ~Homophones();
  Homophones(const Homophones&) = delete;
  Homophones& operator=(const Homophones&) = delete;

  // One syllable per code point of `text`. `text` must outlive the result.
  std::vector<Syllable> read(std::string_view text) const;

  // Spans of `text` that sound like `word` (at least two characters) and are not `word` itself.
  static std::vector<Span> find(const std::vector<Syllable>& text, const std::vector<Syllable>& word);

 private:
  std::string sound_of(int32_t code_point, std::string_view character) const;

  std::unique_ptr<IcuTransliterator> transliterator_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<int32_t, std::string> cache_;
};

}  // namespace paike::tagging
