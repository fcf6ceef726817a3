#include "handlers/ledger/login_command.h"

#include <spdlog/spdlog.h>

#include "handlers/intake/replies.h"
#include "handlers/ledger/access.h"
#include "handlers/ledger/login_link.h"
#include "handlers/lifecycle/command_parser.h"
#include "handlers/reply.h"
#include "storage/outbox.h"

namespace paike {

namespace {

void say(Database& db, const ChatEvent& event, std::string text, TimePoint now) {
  Outbox(db).enqueue(reply(event, std::move(text)), now);
}

}  // namespace

bool is_login_command(const ChatEvent& event) {
  return event.images.empty() && parse_command(event.text, false).kind == CommandKind::ledger_login;
}

void handle_login_command(const ChatEvent& event, const Deployment& d, Database& db, TimePoint now) {
  const Person* person = d.find_person(event.user_id);
  if (!person || !may_use_ledger(*person)) {
    say(db, event, d.wording.render("ledger_login.refused"), now);
    return;
  }
  const std::string link = issue_login_link(db, person->user_id, ledger_base_url(d), now);
  std::string text =
      d.wording.render("ledger_login.link",
                       {{"name", person->name}, {"valid", chinese_duration(d, kLoginLinkLifetime)}, {"link", link}});
  // The link goes to the person's private chat only: asked there, it is the answer; asked in
  // a group, the group hears where it went.
  if (event.direct && event.group_id == person->user_id) {
    say(db, event, std::move(text), now);
  } else {
    OutgoingMessage private_link;
    private_link.platform = event.platform;
    private_link.group_id = person->user_id;
    private_link.direct = true;
    private_link.text = std::move(text);
    Outbox(db).enqueue(private_link, now);
    say(db, event, d.wording.render("ledger_login.sent_privately"), now);
  }
  spdlog::info("event {}: login link sent privately to {}", event.event_id, person->user_id);
}

}  // namespace paike
