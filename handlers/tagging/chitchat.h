// Is a message a report at all? Chit-chat, thanks, acknowledgements, questions to the bot,
// notices and news of a fixed problem are not; a named problem, a photo, a complaint cue or a
// named place without a problem word are (then the bot asks for the category).
// Immutable after construction; classify() is thread-safe and never fails.
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"
#include "handlers/tagging/category_scorer.h"
#include "handlers/tagging/normalize.h"

namespace paike::tagging {

struct ReportDecision {
  bool is_report = false;
  std::string reason;   // for `paike tag`'s explain, e.g. "chit-chat", "problem words"
  bool silent = false;  // no report only because nothing known was said: no problem word, cue,
                        // question, chit-chat, negation or resolution (another reader may decide)
};

class ReportClassifier {
 public:
  ReportClassifier(const TaggingSettings& settings, const Normalizer& normalizer);
  ReportDecision classify(const NormalizedText& text, const CategoryDecision& category, bool names_place,
                          bool has_photo) const;
  // Made only of acknowledgements, thanks, greetings and forms of address ("好的收到书记").
  bool is_chitchat(const NormalizedText& text) const;

 private:
  bool contains_any(const std::string& text, const std::vector<std::string>& words) const;

  std::vector<std::string> chitchat_;  // longest first
  bool announces_report(const std::string& text) const;
  std::string without_chitchat(std::string text) const;

  std::vector<std::string> questions_, cues_, verbs_;
};

}  // namespace paike::tagging
