// A report being put together from one sender's messages before it becomes a ticket:
// a photo waiting for its words, or words waiting for the reporter to pick a category.
// Stored as JSON in storage's pending_reports, so a restart loses nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/geo.h"
#include "config/time.h"
#include "storage/outgoing_message.h"
#include "storage/voice_notes.h"

namespace paike {

enum class DraftStage {
  awaiting_text,      // photo(s) posted, the words may follow within the stitch window
  awaiting_category,  // the bot asked the category menu and waits for a digit or a name
};

struct ReportDraft {
  DraftStage stage = DraftStage::awaiting_text;
  std::string platform;
  std::string group_id;
  std::string reporter_id;
  std::string reporter_name;
  std::string filer_id;  // a cadre filing for the reporter (代报); empty when the reporter posted it
  std::string text;
  std::vector<std::string> photo_sha256s;
  std::vector<std::string> photo_errors;  // error codes of photos that could not be read
  std::optional<GeoPoint> location;
  std::string source_event_id;    // the first message of the report
  std::string source_message_id;  // quoted_id() of that message (handlers/reply.h)
  TimePoint reported_at{};        // when the first message arrived
  bool photo_blurry = false;
  bool photo_dark = false;                   // too dark or washed out
  std::optional<GeoPoint> photo_location;    // EXIF GPS of the first photo that has one (WGS-84)
  std::optional<TimePoint> old_photo_taken;  // set when a photo was taken long before it was sent
  std::vector<TicketVoice> voices;           // voice notes of this report, kept with its ticket (ticket_id 0 here)
};

// An answer to the report, as reply() answers the event that opened it: in its group (drafts
// are never private), quoting its first message; `mentions` are roster ids.
OutgoingMessage reply(const ReportDraft& draft, std::string text, std::vector<std::string> mentions = {});

std::string draft_to_json(const ReportDraft& draft);
// nullopt when the payload is not a draft this version wrote.
std::optional<ReportDraft> draft_from_json(const std::string& payload);

}  // namespace paike
