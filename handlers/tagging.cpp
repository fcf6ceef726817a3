#include "handlers/tagging.h"

#include <algorithm>
#include <cmath>

#include "config/text.h"

namespace paike {

Tagger::Tagger(const Deployment& deployment) : deployment_(deployment) {}

namespace {

// First step only: the category whose keywords weigh most in the text wins. The full
// scorer (normalisation, negation, priorities, chit-chat) replaces this.
void tag_category(const Deployment& d, std::string_view text, TagResult& result) {
  double best = 0, total = 0;
  const Category* winner = nullptr;
  for (const auto& category : d.categories) {
    double score = 0;
    for (const auto& k : category.keywords) {
      if (contains(text, k.word)) score += k.weight;
    }
    total += score;
    if (score > best) {
      best = score;
      winner = &category;
    }
  }
  if (!winner) {
    result.ask = true;
    return;
  }
  for (const auto& k : winner->keywords) {
    if (contains(text, k.word)) result.matched.push_back(k.word);
  }
  result.category = winner->code;
  result.confidence = std::min(1.0, best / std::max(total, 3.0));
}

}  // namespace

std::optional<TagResult> Tagger::locate_by_name(std::string_view name, const Group* group) const {
  const Grid* found = nullptr;
  std::string landmark;
  for (const auto& grid : deployment_.grids) {
    for (const auto& lm : grid.landmarks) {
      if (contains(name, lm) && lm.size() > landmark.size()) {
        bool better = !found || lm.size() > landmark.size() || (group && grid.village == group->village);
        if (better) {
          found = &grid;
          landmark = lm;
        }
      }
    }
  }
  if (!found) return std::nullopt;
  TagResult result;
  result.village = found->village;
  result.grid_id = found->grid_id;
  result.location_source = LocationSource::landmark;
  result.landmark = landmark;
  return result;
}

TagResult Tagger::tag(const TagInput& input) const {
  TagResult result;
  tag_category(deployment_, input.text, result);
  if (auto place = locate_by_name(input.text, input.group)) {
    result.village = place->village;
    result.grid_id = place->grid_id;
    result.location_source = place->location_source;
    result.landmark = place->landmark;
  } else if (input.group) {
    result.village = input.group->village;
    result.location_source = LocationSource::group;
  }
  return result;
}

nlohmann::json tag_result_json(const TagResult& r, const Deployment& d) {
  nlohmann::json out;
  out["category"] = r.category ? nlohmann::json(*r.category) : nlohmann::json(nullptr);
  const Category* category = r.category ? d.find_category(*r.category) : nullptr;
  out["category_name"] = category ? nlohmann::json(category->name) : nlohmann::json(nullptr);
  out["confidence"] = std::round(r.confidence * 100) / 100;
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
