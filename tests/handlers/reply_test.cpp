// One rule for what a handler's answer quotes (handlers/reply.h), and that an answer stays in
// the event's chat, private or not.
#include "handlers/reply.h"

#include <catch2/catch.hpp>

using namespace paike;

namespace {

ChatEvent event_in(const std::string& group_id, bool direct) {
  ChatEvent e;
  e.platform = "feishu";
  e.event_id = "ev-1";
  e.message_id = "om_1";
  e.group_id = group_id;
  e.direct = direct;
  e.user_id = "sim:handefu";
  return e;
}

}  // namespace

TEST_CASE("reply: an answer quotes the event's message, in the event's chat") {
  const ChatEvent e = event_in("oc_hanjia", false);
  OutgoingMessage m = reply(e, "收到", {"sim:zhangguilan"});
  CHECK(m.platform == "feishu");
  CHECK(m.group_id == "oc_hanjia");
  CHECK_FALSE(m.direct);
  CHECK(m.text == "收到");
  CHECK(m.mentions == std::vector<std::string>{"sim:zhangguilan"});
  CHECK(m.reply_to == "om_1");
  CHECK_FALSE(m.ticket_id);
}

TEST_CASE("reply: without a message id the answer quotes the event id") {
  ChatEvent e = event_in("oc_hanjia", false);
  e.message_id.clear();
  CHECK(quoted_id(e) == "ev-1");
  CHECK(reply(e, "收到").reply_to == "ev-1");
}

TEST_CASE("reply: an answer to a private message goes to that private chat") {
  const ChatEvent e = event_in("sim:handefu", true);
  OutgoingMessage m = reply(e, "您好");
  CHECK(m.direct);
  CHECK(m.group_id == "sim:handefu");
  CHECK(m.reply_to == "om_1");
}
