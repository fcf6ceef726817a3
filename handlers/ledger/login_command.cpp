#include "handlers/ledger/login_command.h"

#include <spdlog/spdlog.h>

#include "config/text.h"
#include "handlers/ledger/access.h"
#include "handlers/ledger/login_link.h"
#include "storage/outbox.h"

namespace paike {

namespace {

void say(Database& db, const ChatEvent& event, const std::string& group_id, std::string text, TimePoint now) {
  OutgoingMessage m;
  m.platform = event.platform;
  m.group_id = group_id;
  m.text = std::move(text);
  if (group_id == event.group_id) m.reply_to = event.message_id;
  Outbox(db).enqueue(m, now);
}

}  // namespace

bool is_login_command(const ChatEvent& event) {
  const std::string_view text = trim(event.text);
  return event.images.empty() && (text == "台账" || text == "登录" || text == "/台账" || text == "/登录");
}

void handle_login_command(const ChatEvent& event, const Deployment& d, Database& db, TimePoint now) {
  const Person* person = d.find_person(event.user_id);
  if (!person || !may_use_ledger(*person)) {
    say(db, event, event.group_id, "抱歉，台账仅供村支书、包村干部和镇督办查看。", now);
    return;
  }
  const std::string link = issue_login_link(db, person->user_id, ledger_base_url(d), now);
  say(db, event, "dm:" + person->user_id,
      person->name + "您好，这是您的台账登录链接（10分钟内有效，仅可使用一次，请勿转发）：\n" + link, now);
  if (event.group_id != "dm:" + person->user_id) say(db, event, event.group_id, "登录链接已私信发给您。", now);
  spdlog::info("event {}: login link sent privately to {}", event.event_id, person->user_id);
}

}  // namespace paike
