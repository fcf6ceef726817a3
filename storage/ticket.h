// Ticket and the records around it, as stored. Plain records: behaviour lives in the
// handlers that own each step (intake, lifecycle, reminders). They live in storage/ because
// the repositories persist them and a lower layer may not include a higher one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/geo.h"
#include "config/time.h"

namespace paike {

enum class TicketStatus { assigned, rectified, closed, withdrawn, merged };

std::string_view status_code(TicketStatus status);  // "assigned"
std::optional<TicketStatus> parse_status(std::string_view code);
bool is_open(TicketStatus status);  // assigned or rectified

// Where a report's place came from, strongest first.
enum class LocationSource { gps, exif, landmark, village_name, group };

std::string_view location_source_code(LocationSource source);
std::optional<LocationSource> parse_location_source(std::string_view code);

struct Ticket {
  int64_t id = 0;  // per deployment, never reused: "#12"
  TicketStatus status = TicketStatus::assigned;
  std::string category;  // code, e.g. "household_waste"
  double category_confidence = 0;
  std::string village;
  std::string grid_id;  // empty when only the village is known
  LocationSource location_source = LocationSource::group;
  std::string landmark;           // the landmark used, if any
  std::optional<GeoPoint> point;  // the point used, if any (WGS-84)
  std::string text;               // the report's words
  std::string reporter_id;
  std::string reporter_name;
  std::string filer_id;  // who filed it (a cadre filing 代报), else the reporter
  std::string assignee_id;
  std::string platform;
  std::string group_id;
  std::string source_event_id;
  std::string source_message_id;
  TimePoint created_at{};
  TimePoint due_at{};
  std::optional<TimePoint> closed_at;
  std::optional<int64_t> merged_into;
};

// Derived, never stored: due time passed and not closed.
bool is_overdue(const Ticket& ticket, TimePoint now);

struct TicketPhoto {
  int64_t id = 0;
  int64_t ticket_id = 0;
  std::string kind;  // "before", "after", "followup"
  std::string sha256;
  int width = 0;
  int height = 0;
  TimePoint added_at{};
  std::string source_event_id;
};

// The rectify audit row's field for the after-photo check; its value is "<verdict> <score>",
// e.g. "different 0.03". A ticket whose latest rectify says "different" is never closed
// automatically (TicketRepo::rectified_since_before leaves it out).
inline constexpr std::string_view kSamePlaceField = "same_place";
inline constexpr std::string_view kSamePlaceDifferent = "different";

// One audit row: every state or field change writes exactly one, in the same transaction.
struct AuditEvent {
  int64_t id = 0;
  int64_t ticket_id = 0;
  TimePoint at{};
  std::string actor_id;  // user id, or "system"
  std::string action;    // "created", "rectified", "closed", "reassigned", …
  std::string from_status;
  std::string to_status;
  std::string field;  // for field changes: "category", "assignee", "due_at", …
  std::string old_value;
  std::string new_value;
  std::string reason;  // a person's own words (退回's reason, the report's text), as typed
  // Why the system did it, for people to read in their language: a key under `audit.` of
  // config/default_replies.yaml and its placeholders ("old_photo", {{"day","4月14日"}}).
  std::string reason_code;
  std::vector<std::pair<std::string, std::string>> reason_params;
  std::string source_event_id;
};

}  // namespace paike
