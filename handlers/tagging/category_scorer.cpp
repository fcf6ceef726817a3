#include "handlers/tagging/category_scorer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "config/text.h"

namespace paike::tagging {

namespace {

// A negation right before `at` (at most `max_gap` code points earlier) in the same clause.
bool preceded_by(std::string_view text, size_t at, const std::vector<std::string>& words, size_t max_gap) {
  const Span clause = clause_of(text, at);
  for (const auto& w : words) {
    for (const Span& s : find_all(text.substr(0, at), w)) {
      if (s.begin >= clause.begin && chars_between(text, s.end, at) <= max_gap) return true;
    }
  }
  return false;
}

constexpr double kRivalPenalty = 0.5;  // an equally strong rival halves the confidence

}  // namespace

std::vector<std::string> CategoryDecision::matched_words(const std::string& code) const {
  std::vector<std::string> out;
  for (const auto& e : evidence) {
    if (e.category == code && e.fate == EvidenceFate::counted &&
        std::find(out.begin(), out.end(), e.word) == out.end()) {
      out.push_back(e.word);
    }
  }
  return out;
}

CategoryScorer::CategoryScorer(const std::vector<Category>& categories, const TaggingSettings& settings,
                               const Normalizer& normalizer, const Homophones& homophones,
                               const std::vector<std::string>& place_names)
    : homophones_(homophones),
      negations_(normalizer.normalize_words(settings.negations)),
      prohibitions_(normalizer.normalize_words(settings.prohibitions)),
      resolutions_(normalizer.normalize_words(settings.resolutions)),
      ignore_(normalizer.normalize_words(settings.ignore)),
      strong_score_(settings.strong_score),
      ask_threshold_(settings.ask_threshold) {
  for (auto& name : normalizer.normalize_words(place_names)) ignore_.push_back(std::move(name));
  for (const auto& c : categories) {
    for (const auto& k : c.keywords) {
      PreparedKeyword p{c.code, c.priority, k.word, {}, k.weight, {}};
      for (const auto& part : split(k.word, '*')) {
        std::string text = normalizer.normalize(part).text;
        if (!text.empty()) p.parts.push_back(std::move(text));
      }
      if (p.parts.size() == 1) p.sound = homophones.read(p.parts.front());
      if (!p.parts.empty()) keywords_.push_back(std::move(p));
    }
  }
}

bool CategoryScorer::negated(std::string_view text, const Span& span) const {
  return preceded_by(text, span.begin, negations_, 2) || preceded_by(text, span.begin, prohibitions_, 1000);
}

bool CategoryScorer::resolved(std::string_view text, const Span& span) const {
  static const std::vector<std::string> kNot = {"没", "未", "不", "还没"};
  const Span clause = clause_of(text, span.begin);
  for (const auto& r : resolutions_) {
    for (const Span& s : find_all(text.substr(clause.begin, clause.size()), r)) {
      if (!preceded_by(text, clause.begin + s.begin, kNot, 1)) return true;
    }
  }
  return false;
}

CategoryDecision CategoryScorer::score(const NormalizedText& normalized) const {
  const std::string_view text = normalized.text;
  CategoryDecision d;

  std::vector<Span> ignored;
  for (const auto& w : ignore_) {
    auto spans = find_all(text, w);
    ignored.insert(ignored.end(), spans.begin(), spans.end());
  }
  std::vector<Evidence> raw;
  for (const auto& k : keywords_) {
    for (const Span& s : find_keyword(text, k.parts))
      raw.push_back({k.category, k.word, k.weight, s, EvidenceFate::counted, ""});
  }
  const std::vector<Syllable> sounds = homophones_.read(text);
  std::vector<Evidence> heard;
  for (const auto& k : keywords_) {
    for (const Span& s : Homophones::find(sounds, k.sound)) {
      heard.push_back(
          {k.category, k.word, k.weight, s, EvidenceFate::counted, std::string(text.substr(s.begin, s.size()))});
    }
  }
  // A spelling that is itself a configured word was meant as written.
  std::erase_if(heard, [&](const Evidence& h) {
    return std::any_of(raw.begin(), raw.end(), [&](const Evidence& e) { return h.span.inside(e.span); });
  });
  raw.insert(raw.end(), heard.begin(), heard.end());
  std::vector<Span> all_spans;
  for (const auto& e : raw) all_spans.push_back(e.span);

  std::map<std::string, CategoryScore> scores;
  std::map<std::string, std::set<std::string>> counted_words;
  std::map<std::string, int> priorities;
  for (const auto& k : keywords_) priorities[k.category] = k.priority;
  // Overlapping words of two problems ("下水井盖": 下水井 and 井盖): Chinese compounds put the
  // head noun last, so the later word wins when it weighs at least as much ("垃圾堆满" stays
  // waste: 堆满 is only a verb phrase and weighs less). A heap names no material: "渣土堆" is
  // still 渣土, so a later word ending in a heap word does not win.
  static const std::vector<std::string> kHeaps = {"堆", "垛"};
  auto is_heap = [](const std::string& word) {
    return std::any_of(kHeaps.begin(), kHeaps.end(), [&](const auto& h) { return word.ends_with(h); });
  };
  auto headed_over = [&](const Evidence& e) {
    if (e.word.find('*') != std::string::npos) return false;
    return std::any_of(raw.begin(), raw.end(), [&](const Evidence& later) {
      return later.category != e.category && later.word.find('*') == std::string::npos && !is_heap(later.word) &&
             later.weight >= e.weight && overlaps_from_right(e.span, later.span) &&
             !inside_longer(later.span, all_spans);
    });
  };
  auto skipped = [&](const Evidence& e) {
    bool in_ignored = false;
    for (const Span& s : ignored) {
      // A sound-alike reaching into an ignored word is that word misheard (发酵味 is no 焦味).
      const bool touches = s.begin < e.span.end && e.span.begin < s.end;
      in_ignored = in_ignored || e.span.inside(s) || (!e.heard.empty() && touches);
    }
    return in_ignored || inside_longer(e.span, all_spans) || headed_over(e);
  };
  // A verb of a higher-priority problem right before another problem's word takes it as its
  // object: 烧+玉米杆子 is burning, 塌了+砖头 is a ruin. The object's weight goes to the verb.
  std::vector<bool> governed(raw.size(), false);
  for (size_t i = 0; i < raw.size(); ++i) {
    for (size_t j = 0; j < raw.size(); ++j) {
      Evidence& verb = raw[j];
      if (i == j || governed[i] || verb.span.end != raw[i].span.begin || skipped(verb) || skipped(raw[i])) continue;
      if (priorities[verb.category] <= priorities[raw[i].category]) continue;
      governed[i] = true;
      verb.weight = std::max(verb.weight, raw[i].weight);
    }
  }
  for (size_t i = 0; i < raw.size(); ++i) {
    Evidence& e = raw[i];
    if (governed[i] || skipped(e)) continue;
    if (negated(text, e.span)) {
      e.fate = EvidenceFate::negated;
      d.negation = true;
    } else if (resolved(text, e.span)) {
      e.fate = EvidenceFate::resolved;
      d.resolution = true;
    } else {
      CategoryScore& s = scores[e.category];
      if (s.code.empty()) {
        s = {e.category, 0, e.span.begin, priorities[e.category], false};
      }
      s.first = std::min(s.first, e.span.begin);
      if (counted_words[e.category].insert(e.word).second) s.score += e.weight;
    }
    d.evidence.push_back(e);
  }
  // A resolution phrase without any problem word ("已经处理好了") still tells what it is.
  if (!d.resolution) {
    for (const auto& r : resolutions_) {
      for (const Span& s : find_all(text, r)) d.resolution = d.resolution || resolved(text, s);
    }
  }

  for (auto& [code, s] : scores) {
    s.strong = s.score >= strong_score_;
    d.ranked.push_back(s);
  }
  if (d.ranked.empty()) return d;
  const bool any_strong = std::any_of(d.ranked.begin(), d.ranked.end(), [](const auto& s) { return s.strong; });
  std::sort(d.ranked.begin(), d.ranked.end(), [&](const CategoryScore& a, const CategoryScore& b) {
    if (any_strong) {
      if (a.strong != b.strong) return a.strong;
      if (a.strong && a.priority != b.priority) return a.priority > b.priority;
      if (a.strong) return a.first < b.first;
    }
    if (a.score != b.score) return a.score > b.score;
    return a.first < b.first;
  });

  const CategoryScore& top = d.ranked.front();
  double rival = 0;
  for (size_t i = 1; i < d.ranked.size(); ++i) {
    if (d.ranked[i].strong && top.strong) {
      d.also.push_back(d.ranked[i].code);  // a second clear problem, not a doubt about the first
    } else {
      rival = std::max(rival, d.ranked[i].score);
    }
  }
  const double ratio = std::min(1.0, rival / top.score);
  d.confidence = (1 - std::exp(-top.score / 2)) * (1 - kRivalPenalty * ratio * ratio);
  d.confidence = std::clamp(d.confidence, 0.0, 1.0);
  if (d.confidence >= ask_threshold_) {
    d.best = top.code;
  } else {
    d.ask = true;
  }
  return d;
}

}  // namespace paike::tagging
