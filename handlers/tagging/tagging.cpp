// The tagging facade: normalise once, then place, category and "is it a report" decisions.
#include "handlers/tagging/tagging.h"

#include <cmath>
#include <cstdio>

#include "config/text.h"

#include "handlers/tagging/category_blend.h"
#include "handlers/tagging/category_scorer.h"
#include "handlers/tagging/chitchat.h"
#include "handlers/tagging/ngram_model.h"
#include "handlers/tagging/normalize.h"
#include "handlers/tagging/place_finder.h"

namespace paike {

namespace {

// Landmark, grid, village names and their aliases: a problem word inside a place's name
// (砖 in 砖厂旧址, 水塘 in 后街水塘) names the place, not the problem.
std::vector<std::string> place_names(const Deployment& d) {
  std::vector<std::string> names;
  for (const auto& g : d.grids) {
    names.insert(names.end(), g.landmarks.begin(), g.landmarks.end());
    names.push_back(g.name);
  }
  for (const auto& v : d.villages()) names.push_back(v);
  for (const auto& [alias, target] : d.tagging.aliases) names.push_back(alias);
  return names;
}

// The deployment's examples, normalised as messages will be, for labels it knows.
std::vector<TaggingExample> model_examples(const Deployment& d, const tagging::Normalizer& normalizer) {
  std::vector<TaggingExample> out;
  for (const auto& e : d.tagging.examples) {
    if (e.label == "not_report" || e.label == "ask" || d.find_category(e.label)) {
      out.push_back({normalizer.normalize(e.text).text, e.label});
    }
  }
  return out;
}

}  // namespace

struct Tagger::Impl {
  explicit Impl(const Deployment& d)
      : deployment(d),
        normalizer(d.tagging.spelling),
        scorer(d.categories, d.tagging, normalizer, homophones, place_names(d)),
        classifier(d.tagging, normalizer),
        model(model_examples(d, normalizer), normalizer.normalize_words(place_names(d))),
        places(d, normalizer, homophones) {}
  const Deployment& deployment;
  tagging::Normalizer normalizer;
  tagging::Homophones homophones;
  tagging::CategoryScorer scorer;
  tagging::ReportClassifier classifier;
  tagging::NgramModel model;
  tagging::PlaceFinder places;
};

namespace {

void apply_place(const tagging::Place& place, TagResult& result) {
  result.village = place.village;
  result.grid_id = place.grid_id;
  result.location_source = place.source;
  result.landmark = place.landmark;
  result.point = place.point;
  result.explain["place"] = place.explain;
}

double round2(double x) { return std::round(x * 100) / 100; }

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::string two_decimals(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

// One line for an operator reading `paike tag`: what the bot would do and why.
std::string decision_sentence(const TagResult& r, const Category* category) {
  const std::string reason = r.explain.value("report_reason", "");
  if (!r.is_report) return "not a report (" + reason + "): no ticket, no menu";
  if (r.ask) {
    const double confidence = r.explain.value("category_confidence", 0.0);
    return "would ask back with the category menu (" + reason + "; " + r.explain.value("blend", "") + "; confidence " +
           two_decimals(confidence) + ")";
  }
  return "would file " + (category ? category->code + " " + category->name : std::string("?")) + " at confidence " +
         two_decimals(r.confidence) + " (" + r.explain.value("blend", "") + "), matched " + joined(r.matched);
}

}  // namespace

Tagger::Tagger(const Deployment& deployment) : impl_(std::make_shared<const Impl>(deployment)) {}

std::optional<TagResult> Tagger::locate_by_name(std::string_view name, const Group* group) const {
  auto place = impl_->places.by_name(impl_->normalizer.normalize(name), group);
  if (!place || place->source == LocationSource::group) return std::nullopt;
  TagResult result;
  apply_place(*place, result);
  return result;
}

std::optional<std::string> Tagger::menu_choice(std::string_view reply) const {
  const Impl& m = *impl_;
  const tagging::NormalizedText text = m.normalizer.normalize(reply);
  const auto& categories = m.deployment.categories;
  // Digits with at most a word around them: "3", "选3", "3号", "第3个".
  std::string digits, rest;
  for (char c : text.text) (c >= '0' && c <= '9' ? digits : rest) += c;
  if (!digits.empty() && digits.size() <= 2 && utf8_length(rest) <= 2) {
    const size_t n = std::stoul(digits);
    if (n >= 1 && n <= categories.size()) return categories[n - 1].code;
    return std::nullopt;
  }
  for (const auto& c : categories) {
    if (text.text == m.normalizer.normalize(c.name).text || text.text == c.code) return c.code;
  }
  const tagging::CategoryDecision decision = m.scorer.score(text);
  if (decision.best && !m.classifier.is_chitchat(text)) return decision.best;
  return std::nullopt;
}

TagResult Tagger::tag(const TagInput& input) const {
  const Impl& m = *impl_;
  TagResult result;
  const tagging::NormalizedText text = m.normalizer.normalize(input.text);
  const tagging::Place place = m.places.locate(text, input.group, input.shared_location, input.photo_location);
  apply_place(place, result);
  const bool names_place = place.source == LocationSource::landmark || place.source == LocationSource::village_name;

  const tagging::CategoryDecision category = m.scorer.score(text);
  tagging::ReportDecision report = m.classifier.classify(text, category, names_place, input.has_photo);
  const tagging::NgramPrediction prediction = m.model.predict(text.text);
  tagging::BlendedCategory blended = tagging::blend_category(category, prediction, m.deployment.tagging);
  if (report.silent) {
    if (auto named = tagging::model_names_problem(prediction, m.deployment.tagging)) {
      report = {true, "n-gram model names a problem no keyword does"};
      blended = {named, prediction.ranked.front().second, "n-grams alone (no keyword)"};
    }
  }
  result.is_report = report.is_report;
  if (report.is_report) {
    result.category = blended.best;
    result.ask = !blended.best;
    result.confidence = blended.best ? blended.confidence : 0;
    if (blended.best) result.matched = category.matched_words(*blended.best);
    if (blended.best && result.matched.empty()) result.matched = prediction.features;
    result.also = category.also;
  }

  nlohmann::json scores = nlohmann::json::object();
  for (const auto& s : category.ranked) scores[s.code] = round2(s.score);
  nlohmann::json dropped = nlohmann::json::array();
  nlohmann::json sounds_like = nlohmann::json::array();
  for (const auto& e : category.evidence) {
    if (e.fate != tagging::EvidenceFate::counted) {
      dropped.push_back({{"word", e.word}, {"why", e.fate == tagging::EvidenceFate::negated ? "negated" : "resolved"}});
    }
    if (!e.heard.empty()) sounds_like.push_back({{"word", e.word}, {"written", e.heard}});
  }
  if (!sounds_like.empty()) result.explain["sounds_like"] = sounds_like;
  result.explain["normalized"] = text.text;
  result.explain["report_reason"] = report.reason;
  result.explain["scores"] = scores;
  result.explain["dropped"] = dropped;
  result.explain["also"] = category.also;
  result.explain["category_confidence"] = round2(report.is_report ? blended.confidence : category.confidence);
  result.explain["keyword_confidence"] = round2(category.confidence);
  nlohmann::json ngrams = nlohmann::json::object();
  for (size_t i = 0; i < prediction.ranked.size() && i < 3; ++i) {
    ngrams[prediction.ranked[i].first] = round2(prediction.ranked[i].second);
  }
  result.explain["ngram_model"] = {{"top", ngrams}, {"features", prediction.features}};
  result.explain["blend"] = blended.how;
  result.explain["ask_threshold"] = m.deployment.tagging.ask_threshold;
  return result;
}

nlohmann::json tag_result_json(const TagResult& r, const Deployment& d) {
  nlohmann::json out;
  out["category"] = r.category ? nlohmann::json(*r.category) : nlohmann::json(nullptr);
  const Category* category = r.category ? d.find_category(*r.category) : nullptr;
  out["category_name"] = category ? nlohmann::json(category->name) : nlohmann::json(nullptr);
  out["confidence"] = round2(r.confidence);
  out["ask"] = r.ask;
  out["village"] = r.village.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.village);
  out["grid_id"] = r.grid_id ? nlohmann::json(*r.grid_id) : nlohmann::json(nullptr);
  out["location_source"] = location_source_code(r.location_source);
  out["landmark"] = r.landmark.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.landmark);
  nlohmann::json explain = r.explain;
  explain["is_report"] = r.is_report;
  explain["matched"] = r.matched;
  explain["would_ask"] = r.ask;
  explain["decision"] = decision_sentence(r, category);
  out["explain"] = explain;
  return out;
}

}  // namespace paike
