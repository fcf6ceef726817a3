#include "handlers/intake/open311_report.h"

#include "handlers/intake/ticket_filing.h"

namespace paike {

namespace {

// The chat where the village's reports are discussed: its village group, else a township group.
const Group* report_group(const Deployment& d, const std::string& village) {
  const Group* township = nullptr;
  for (const auto& g : d.groups) {
    if (g.scope == GroupScope::village && g.village == village) return &g;
    if (g.scope == GroupScope::township && !township) township = &g;
  }
  return township;
}

}  // namespace

Result<Ticket> file_open311_report(const Open311Report& r, const Tagger& tagger, const Deployment& d, Database& db,
                                   TimePoint now) {
  if (!d.find_category(r.service_code))
    return make_error(ErrorCode::bad_service_code, "unknown service_code " + r.service_code);
  const std::string words = r.address.empty() ? r.description : r.description + " " + r.address;
  TagInput input{words, nullptr, std::nullopt, r.point};
  TagResult place = tagger.tag(input);
  if (place.village.empty()) {
    return make_error(ErrorCode::no_place,
                      "the location is not inside the township; send lat/long or an address_string "
                      "naming a village or landmark");
  }
  const Group* group = report_group(d, place.village);
  if (!group) return make_error(ErrorCode::no_place, "no chat group is configured for " + place.village);

  ReportDraft draft;
  draft.platform = group->platform;
  draft.group_id = group->group_id;
  draft.reporter_id = r.reporter_id;
  draft.reporter_name = r.reporter_name;
  draft.text = r.description;
  draft.location = r.point;
  draft.source_event_id = r.request_key;
  draft.reported_at = now;
  FilingChoice choice{r.service_code, 1.0, place, "（来自 Open311 网上反映）"};
  return file_ticket(draft, choice, d, db, now);
}

}  // namespace paike
