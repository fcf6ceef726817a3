#include "storage/ticket.h"

namespace paike {

namespace {
struct StatusInfo {
  TicketStatus status;
  std::string_view code;
  std::string_view name;
};
constexpr StatusInfo kStatuses[] = {
    {TicketStatus::assigned, "assigned", "整改中"}, {TicketStatus::rectified, "rectified", "待核验"},
    {TicketStatus::closed, "closed", "已销号"},     {TicketStatus::withdrawn, "withdrawn", "已撤销"},
    {TicketStatus::merged, "merged", "已合并"},
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

std::string_view status_name(TicketStatus status) {
  for (const auto& s : kStatuses) {
    if (s.status == status) return s.name;
  }
  return "整改中";
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
