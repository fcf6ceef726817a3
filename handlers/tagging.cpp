// The tagging facade: normalise once, then place, category and "is it a report" decisions.
#include "handlers/tagging.h"

#include <cmath>

#include "handlers/tagging/category_scorer.h"
#include "handlers/tagging/chitchat.h"
#include "handlers/tagging/normalize.h"
#include "handlers/tagging/place_finder.h"

namespace paike {

struct Tagger::Impl {
  explicit Impl(const Deployment& d)
      : deployment(d),
        normalizer(d.tagging.spelling),
        scorer(d.categories, d.tagging, normalizer),
        classifier(d.tagging, normalizer),
        places(d, normalizer) {}
  const Deployment& deployment;
  tagging::Normalizer normalizer;
  tagging::CategoryScorer scorer;
  tagging::ReportClassifier classifier;
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

}  // namespace

Tagger::Tagger(const Deployment& deployment) : impl_(std::make_shared<const Impl>(deployment)) {}

std::optional<TagResult> Tagger::locate_by_name(std::string_view name, const Group* group) const {
  auto place = impl_->places.by_name(impl_->normalizer.normalize(name), group);
  if (!place || place->source == LocationSource::group) return std::nullopt;
  TagResult result;
  apply_place(*place, result);
  return result;
}

TagResult Tagger::tag(const TagInput& input) const {
  const Impl& m = *impl_;
  TagResult result;
  const tagging::NormalizedText text = m.normalizer.normalize(input.text);
  const tagging::Place place = m.places.locate(text, input.group, input.shared_location, input.photo_location);
  apply_place(place, result);
  const bool names_place = place.source == LocationSource::landmark || place.source == LocationSource::village_name;

  const tagging::CategoryDecision category = m.scorer.score(text);
  const tagging::ReportDecision report = m.classifier.classify(text, category, names_place, input.has_photo);
  result.is_report = report.is_report;
  if (report.is_report) {
    result.category = category.best;
    result.ask = !category.best;
    result.confidence = category.best ? category.confidence : 0;
    if (category.best) result.matched = category.matched_words(*category.best);
    result.also = category.also;
  }

  nlohmann::json scores = nlohmann::json::object();
  for (const auto& s : category.ranked) scores[s.code] = round2(s.score);
  nlohmann::json dropped = nlohmann::json::array();
  for (const auto& e : category.evidence) {
    if (e.fate != tagging::EvidenceFate::counted) {
      dropped.push_back({{"word", e.word}, {"why", e.fate == tagging::EvidenceFate::negated ? "negated" : "resolved"}});
    }
  }
  result.explain["normalized"] = text.text;
  result.explain["report_reason"] = report.reason;
  result.explain["scores"] = scores;
  result.explain["dropped"] = dropped;
  result.explain["also"] = category.also;
  result.explain["category_confidence"] = round2(category.confidence);
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
  out["explain"] = explain;
  return out;
}

}  // namespace paike
