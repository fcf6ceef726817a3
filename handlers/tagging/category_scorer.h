// What problem a message names: weighted keywords of the deployment's categories, matched on
// normalised text, with negation ("不是垃圾"), prohibitions ("不要乱扔"), resolution phrases
// ("已经清理了") and priorities (烧垃圾 → burning). Immutable after construction; score() is
// thread-safe and never fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/deployment.h"
#include "handlers/tagging/homophone.h"
#include "handlers/tagging/normalize.h"
#include "handlers/tagging/text_match.h"

namespace paike::tagging {

enum class EvidenceFate { counted, negated, resolved };

struct Evidence {
  std::string category;
  std::string word;  // as configured, e.g. "垃圾桶*坏"
  double weight = 0;
  Span span;
  EvidenceFate fate = EvidenceFate::counted;
  std::string heard;  // the text's spelling when it only sounds like `word` (路登 for 路灯)
};

struct CategoryScore {
  std::string code;
  double score = 0;
  size_t first = 0;  // byte offset of its first counted word: equal priorities go to the earlier
  int priority = 0;
  bool strong = false;
};

struct CategoryDecision {
  std::vector<Evidence> evidence;     // every match and what became of it
  std::vector<CategoryScore> ranked;  // categories with a counted word, best first
  std::optional<std::string> best;    // nullopt when nothing counted or confidence is too low
  double confidence = 0;              // in [0,1]
  bool ask = false;                   // evidence exists but is too weak or split to decide
  std::vector<std::string> also;      // other clear problems in the same message
  bool resolution = false;            // a resolution phrase was found ("已经清理了")
  bool negation = false;              // a problem word was negated or prohibited

  bool has_evidence() const { return !ranked.empty(); }
  std::vector<std::string> matched_words(const std::string& code) const;
};

class CategoryScorer {
 public:
  // `homophones` must outlive the scorer. Words inside `place_names` do not count.
  CategoryScorer(const std::vector<Category>& categories, const TaggingSettings& settings, const Normalizer& normalizer,
                 const Homophones& homophones, const std::vector<std::string>& place_names = {});
  CategoryDecision score(const NormalizedText& text) const;

 private:
  struct PreparedKeyword {
    std::string category;
    int priority = 0;
    std::string word;
    std::vector<std::string> parts;  // normalised; several for "A*B"
    double weight = 0;
    std::vector<Syllable> sound;  // for one-part words: how it sounds, to catch voice-input spellings
  };
  bool negated(std::string_view text, const Span& span) const;
  bool resolved(std::string_view text, const Span& span) const;

  const Homophones& homophones_;
  std::vector<PreparedKeyword> keywords_;
  std::vector<std::string> negations_, prohibitions_, resolutions_, ignore_;
  double strong_score_ = 3;
  double ask_threshold_ = 0.55;
};

}  // namespace paike::tagging
