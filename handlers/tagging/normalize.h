// Text normalisation for tagging: traditional → simplified (OpenCC t2s), NFKC (full-width
// letters and digits → half-width), lower-case, the deployment's spelling fixes, emoji and
// punctuation removed. Punctuation and line breaks become one ' ' that separates clauses;
// other white space is dropped (voice input scatters spaces inside phrases).
// Thread-safe: the one OpenCC handle is used under a mutex. Never fails: invalid UTF-8 becomes
// U+FFFD, and without OpenCC's data files the text stays traditional (simplifies() says so).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paike::tagging {

struct NormalizedText {
  std::string text;        // clauses separated by single spaces, no leading or trailing space
  size_t pictographs = 0;  // emoji seen (and dropped)
  size_t letters = 0;      // letters and digits kept
};

class Normalizer {
 public:
  explicit Normalizer(const std::map<std::string, std::string>& spelling = {});
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  NormalizedText normalize(std::string_view raw) const;
  // Configured words as they will appear in normalised text; empty results dropped.
  std::vector<std::string> normalize_words(const std::vector<std::string>& words) const;
  bool simplifies() const { return opencc_ != nullptr; }

 private:
  std::string to_simplified(const std::string& utf8) const;

  void* opencc_ = nullptr;  // opencc_t, or nullptr when t2s.json could not be opened
  mutable std::mutex opencc_mutex_;
  std::vector<std::pair<std::string, std::string>> spelling_;  // NFKC'd, longest first
};

}  // namespace paike::tagging
