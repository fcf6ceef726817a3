#include "handlers/ledger/login_command.h"

#include <spdlog/spdlog.h>

#include "config/text.h"
#include "handlers/ledger/access.h"
#include "handlers/ledger/login_link.h"
#include "handlers/reply.h"
#include "storage/outbox.h"

namespace paike {

namespace {

void say(Database& db, const ChatEvent& event, std::string text, TimePoint now) {
  Outbox(db).enqueue(reply(event, std::move(text)), now);
}

}  // namespace

bool is_login_command(const ChatEvent& event) {
  const std::string_view text = trim(event.text);
  return event.images.empty() && (text == "台账" || text == "登录" || text == "/台账" || text == "/登录");
}

void handle_login_command(const ChatEvent& event, const Deployment& d, Database& db, TimePoint now) {
  const Person* person = d.find_person(event.user_id);
  if (!person || !may_use_ledger(*person)) {
    say(db, event, "抱歉，台账仅供村支书、包村干部和镇督办查看。", now);
    return;
  }
  const std::string link = issue_login_link(db, person->user_id, ledger_base_url(d), now);
  std::string text = person->name + "您好，这是您的台账登录链接（10分钟内有效，仅可使用一次，请勿转发）：\n" + link;
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
    say(db, event, "登录链接已私信发给您。", now);
  }
  spdlog::info("event {}: login link sent privately to {}", event.event_id, person->user_id);
}

}  // namespace paike
