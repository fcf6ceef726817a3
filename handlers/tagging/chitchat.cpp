#include "handlers/tagging/chitchat.h"

#include <algorithm>

#include "config/text.h"

namespace paike::tagging {

namespace {

// Longest first, so removing chit-chat words takes "好的" before "好".
std::vector<std::string> prepared(const std::vector<std::string>& words, const Normalizer& n) {
  std::vector<std::string> out = n.normalize_words(words);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace

ReportClassifier::ReportClassifier(const TaggingSettings& settings, const Normalizer& normalizer)
    : chitchat_(prepared(settings.chitchat, normalizer)),
      questions_(prepared(settings.questions, normalizer)),
      cues_(prepared(settings.report_cues, normalizer)),
      verbs_(prepared(settings.report_verbs, normalizer)) {}

bool ReportClassifier::contains_any(const std::string& text, const std::vector<std::string>& words) const {
  return std::any_of(words.begin(), words.end(), [&](const auto& w) { return contains(text, w); });
}

std::string ReportClassifier::without_chitchat(std::string text) const {
  for (const auto& w : chitchat_) {
    for (size_t pos = text.find(w); pos != std::string::npos; pos = text.find(w, pos)) text.erase(pos, w.size());
  }
  return text;
}

// "在吗 反映个事": the greeting's 吗 asks nothing; a report verb in a clause with no question
// word besides greetings announces a report ("怎么举报" stays a question).
bool ReportClassifier::announces_report(const std::string& text) const {
  for (const auto& v : verbs_) {
    for (const Span& s : find_all(text, v)) {
      const Span clause = clause_of(text, s.begin);
      if (!contains_any(without_chitchat(text.substr(clause.begin, clause.size())), questions_)) return true;
    }
  }
  return false;
}

bool ReportClassifier::is_chitchat(const NormalizedText& n) const {
  std::string rest = without_chitchat(n.text);
  rest.erase(std::remove(rest.begin(), rest.end(), ' '), rest.end());
  // One stray character left ("好的收到哈" minus fillers) still reads as an acknowledgement.
  return utf8_length(rest) <= 1 && (n.letters > 0 || n.pictographs > 0);
}

ReportDecision ReportClassifier::classify(const NormalizedText& n, const CategoryDecision& category, bool names_place,
                                          bool has_photo) const {
  if (category.has_evidence()) return {true, "problem words"};
  if (category.resolution) return {false, "reports a problem already fixed"};
  if (category.negation) return {false, "problem words negated or prohibited"};
  if (has_photo) return {true, "photo without problem words"};
  if (n.letters == 0) return {false, n.pictographs > 0 ? "emoji only" : "empty"};
  if (is_chitchat(n)) return {false, "chit-chat"};
  if (announces_report(n.text)) return {true, "announces a report without problem words"};
  if (contains_any(n.text, questions_)) return {false, "question or notice"};
  if (contains_any(n.text, cues_)) return {true, "complaint without problem words"};
  if (names_place) return {true, "a place without problem words"};
  return {false, "no problem named", true};
}

}  // namespace paike::tagging
