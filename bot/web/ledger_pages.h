// The ledger's HTML pages, rendered on the server from plain inputs (no database here), in
// the deployment's wording (config/default_replies.yaml, area web; status and audit names
// from handlers/ticket_words).
// Every value from the data is escaped; every form that changes something carries the
// session's CSRF token.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bot/web/html.h"
#include "config/deployment.h"
#include "handlers/ledger/ledger_actions.h"
#include "storage/ledger_query.h"
#include "storage/ticket.h"
#include "storage/voice_notes.h"

namespace paike::web {

struct ListPageInput {
  const Deployment& deployment;
  const Viewer& viewer;
  const std::vector<std::string>& villages;          // the viewer's villages, for the filter
  const std::map<std::string, std::string>& params;  // the filters as given
  const LedgerPage& page;
  const std::map<int64_t, std::string>& thumbnails;  // ticket id → sha256 of its first photo
  int page_number = 1;
  TimePoint now;
};
std::string list_page(const ListPageInput& in);

struct ChatLine {
  std::string who;
  std::string at;  // local "11-22 08:00"
  std::string text;
  bool has_photo = false;
  bool from_bot = false;
};

struct TicketPageInput {
  const Deployment& deployment;
  const Viewer& viewer;
  const Ticket& ticket;
  const std::vector<TicketPhoto>& photos;
  const std::vector<AuditEvent>& events;
  const std::vector<ChatLine>& chat;
  const std::vector<LedgerAction>& actions;
  std::string notice;  // shown on top after an action
  TimePoint now;
  std::vector<TicketVoice> voices = {};  // played and downloaded at /tickets/<id>/voices/<sha256>
};
std::string ticket_page(const TicketPageInput& in);

struct StatsPageInput {
  const Deployment& deployment;
  const Viewer& viewer;
  const std::vector<VillageFigures>& figures;
  std::string month;  // "2026-11"
};
std::string stats_page(const StatsPageInput& in);

// The page a login link opens: one button that POSTs the token (a link preview bot that
// fetches the URL must not use up the one-time link).
std::string login_page(const Deployment& deployment, const std::string& token);
// A short page with a message (bad or used link, forbidden, not found); the caller words it
// (area web.message).
std::string message_page(const Deployment& deployment, const std::string& title, const std::string& text,
                         const Viewer* viewer);

// How long ago, in its largest whole unit: "3天" / "5小时" / "12分钟".
std::string age_text(const Deployment& deployment, Duration span);

}  // namespace paike::web
