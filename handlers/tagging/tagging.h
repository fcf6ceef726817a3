// Tagging: what a message reports (category) and where (grid, village, landmark, point).
// A Tagger is built once per deployment and is then immutable: tag() is safe to call from
// many threads at once and has no side effects. The Deployment must outlive the Tagger.
// Parts: handlers/tagging/{normalize,category_scorer,chitchat,place_finder}.h.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/deployment.h"
#include "storage/ticket.h"

namespace paike {

struct TagInput {
  std::string_view text;
  const Group* group = nullptr;             // the chat it was posted in (may be a township group)
  std::optional<GeoPoint> shared_location;  // a location share, as the platform sent it
  std::optional<GeoPoint> photo_location;   // EXIF GPS of an attached photo (WGS-84)
  bool has_photo = false;                   // a photo without words is a report that asks
};

struct TagResult {
  bool is_report = true;                // false for chit-chat, thanks, questions to the bot
  std::optional<std::string> category;  // code; nullopt when the bot should ask back
  double confidence = 0;                // in [0,1]
  bool ask = false;                     // ask back with the category menu instead of deciding
  std::vector<std::string> matched;     // the words that decided the category
  std::vector<std::string> also;        // other clear problems named in the same message
  std::string village;                  // empty when not even the village is known
  std::optional<std::string> grid_id;
  LocationSource location_source = LocationSource::group;
  std::string landmark;
  std::optional<GeoPoint> point;                      // WGS-84, when the place came from a point
  nlohmann::json explain = nlohmann::json::object();  // how each decision was reached
};

class Tagger {
 public:
  explicit Tagger(const Deployment& deployment);
  TagResult tag(const TagInput& input) const;

  // The place named by a landmark, grid name or village name, for `位置 南河桥`; the
  // group's village settles a landmark that exists in two villages.
  std::optional<TagResult> locate_by_name(std::string_view name, const Group* group) const;

  // A reply to the category menu: its number ("3", "３", "选3", "3号"), a category's name or
  // code ("建筑垃圾"), or a few words that settle a category on their own ("是渣土").
  // Returns the category code; nullopt when the reply is none of these.
  std::optional<std::string> menu_choice(std::string_view reply) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// The `paike tag` contract (DESIGN.md) plus an "explain" field.
nlohmann::json tag_result_json(const TagResult& result, const Deployment& deployment);

}  // namespace paike
