#include "storage/ticket.h"

namespace paike {

namespace {
struct StatusInfo {
  TicketStatus status;
  std::string_view code;
};
constexpr StatusInfo kStatuses[] = {
    {TicketStatus::assigned, "assigned"},   {TicketStatus::rectified, "rectified"}, {TicketStatus::closed, "closed"},
    {TicketStatus::withdrawn, "withdrawn"}, {TicketStatus::merged, "merged"},
};
constexpr std::pair<LocationSource, std::string_view> kSources[] = {
    {LocationSource::gps, "gps"},           {LocationSource::exif, "exif"},
    {LocationSource::landmark, "landmark"}, {LocationSource::village_name, "village_name"},
    {LocationSource::group, "group"},
};
}  // namespace

std::string_view status_code(TicketStatus status) {
  for (const auto& s : kStatuses) {
    if (s.status == status) return s.code;
  }
  return "assigned";
}

std::optional<TicketStatus> parse_status(std::string_view code) {
  for (const auto& s : kStatuses) {
    if (s.code == code) return s.status;
  }
  return std::nullopt;
}

bool is_open(TicketStatus status) { return status == TicketStatus::assigned || status == TicketStatus::rectified; }

std::string_view location_source_code(LocationSource source) {
  for (const auto& [value, code] : kSources) {
    if (value == source) return code;
  }
  return "group";
}

std::optional<LocationSource> parse_location_source(std::string_view code) {
  for (const auto& [value, name] : kSources) {
    if (name == code) return value;
  }
  return std::nullopt;
}

bool is_overdue(const Ticket& ticket, TimePoint now) { return is_open(ticket.status) && now > ticket.due_at; }

}  // namespace paike
