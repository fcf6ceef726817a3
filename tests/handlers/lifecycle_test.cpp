// The lifecycle through chat: close-off with after-photos in either order, confirmation by
// quoting, 退回, auto-close on the clock, merge, withdraw, reopen, corrections, the read-only
// answers, and the audit trail (exactly one row per transition).
#include <catch2/catch.hpp>

#include "chat_harness.h"
#include "handlers/lifecycle/lifecycle.h"
#include "handlers/ticket_words.h"
#include "storage/followups.h"

using namespace paike;
using namespace paike::test;

namespace {

int after_photos(ChatHarness& h, int64_t id) {
  int n = 0;
  for (const auto& p : h.photos(id)) n += p.kind == "after";
  return n;
}
}  // namespace

TEST_CASE("lifecycle: a report is filed to the grid leader of the place") {
  ChatHarness h;
  const int64_t id = h.file_report();
  Ticket t = h.ticket(id);
  CHECK(t.status == TicketStatus::assigned);
  CHECK(t.assignee_id == kAssignee);
  CHECK(h.last_said().message.ticket_id == id);
}

TEST_CASE("lifecycle: grid leader closes with after-photo in the same message → 待核验") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  CHECK(after_photos(h, id) == 1);
  auto reply = h.last_said();
  CHECK_THAT(reply.message.text, Catch::Contains("待核验") && Catch::Contains("@韩德福"));
  CHECK(reply.message.mentions == std::vector<std::string>{kReporter});
  CHECK(reply.message.ticket_id == id);
}

TEST_CASE("lifecycle: 已整改 without a photo asks for one and changes nothing") {
  ChatHarness h;
  const int64_t id = h.file_report();
  const size_t rows = h.events(id).size();
  h.post({kAssignee, no(id) + " 已整改"});
  CHECK(h.ticket(id).status == TicketStatus::assigned);
  CHECK(h.events(id).size() == rows);
  CHECK_THAT(h.last_text(), Catch::Contains("整改后的照片"));

  SECTION("text then photo within the window: rectified") {
    h.clock().advance(std::chrono::seconds(90));
    h.post({kAssignee, "", true});
    CHECK(h.ticket(id).status == TicketStatus::rectified);
    CHECK(after_photos(h, id) == 1);
    CHECK(h.count_events(id, "rectified") == 1);
    CHECK(h.last_ticket()->id == id);  // the photo did not become a new report
  }
  SECTION("a photo after the window is a new report, not the close-off") {
    h.clock().advance(std::chrono::minutes(3));
    h.tick();
    h.post({kAssignee, "", true});
    CHECK(h.ticket(id).status == TicketStatus::assigned);
    CHECK(after_photos(h, id) == 0);
  }
  SECTION("a photo with words of a new problem is a new report, not the close-off") {
    h.post({kAssignee, "小学门口有一堆建筑垃圾", true});
    CHECK(h.ticket(id).status == TicketStatus::assigned);
    CHECK(h.last_ticket()->id == id + 1);
  }
  SECTION("a photo from someone else is not the close-off") {
    h.post({kVillager, "", true});
    CHECK(h.ticket(id).status == TicketStatus::assigned);
  }
}

TEST_CASE("lifecycle: photo then 已整改 within the window: rectified, no stray report") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.clock().advance(std::chrono::minutes(30));
  h.post({kAssignee, "", true});
  h.clock().advance(std::chrono::seconds(60));
  h.post({kAssignee, no(id) + "已整改"});
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  CHECK(after_photos(h, id) == 1);
  // The photo's draft went to the close-off: no category menu follows later.
  const size_t said = h.said_count();
  h.clock().advance(std::chrono::minutes(5));
  h.tick();
  CHECK(h.said_count() == said);
  CHECK(h.last_ticket()->id == id);
}

TEST_CASE("lifecycle: the reporter confirms by quoting the bot's message with 好了") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  const std::string quoted = h.last_message_ref();
  h.post({kReporter, "好了", false, quoted});
  Ticket t = h.ticket(id);
  CHECK(t.status == TicketStatus::closed);
  REQUIRE(t.closed_at);
  CHECK(h.count_events(id, "closed") == 1);
  CHECK_THAT(h.last_text(), Catch::Contains("已销号") && Catch::Contains("@张桂兰"));
}

TEST_CASE("lifecycle: quoting the filed message names the ticket for any verb") {
  ChatHarness h;
  const int64_t id = h.file_report();
  const std::string filed = h.last_message_ref();
  h.post({kSecretary, "延期 2天 等车", false, filed});
  CHECK(h.ticket(id).due_at == h.ticket(id).created_at + std::chrono::days(3));
  // 好了 on a ticket not awaiting confirmation is just talk: no refusal, no change.
  const size_t said = h.said_count();
  h.post({kReporter, "好了", false, filed});
  CHECK(h.ticket(id).status == TicketStatus::assigned);
  CHECK(h.said_count() == said);
}

TEST_CASE("lifecycle: 退回 sends it back to the assignee with the reason") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  h.post({kReporter, no(id) + " 退回"});
  CHECK(h.ticket(id).status == TicketStatus::rectified);  // a reason is needed
  CHECK_THAT(h.last_text(), Catch::Contains("原因"));
  h.post({kReporter, no(id) + " 退回 桥下还有塑料袋"});
  CHECK(h.ticket(id).status == TicketStatus::assigned);
  auto reply = h.last_said();
  CHECK_THAT(reply.message.text, Catch::Contains("桥下还有塑料袋") && Catch::Contains("@张桂兰"));
  CHECK(reply.message.mentions == std::vector<std::string>{kAssignee});
  auto last = h.events(id).back();
  CHECK(last.action == "rejected");
  CHECK(last.from_status == "rectified");
  CHECK(last.to_status == "assigned");
  CHECK(last.reason == "桥下还有塑料袋");
  CHECK(last.actor_id == kReporter);
}

TEST_CASE("lifecycle: no objection within 24 hours closes automatically") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  h.clock().advance(std::chrono::hours(23));
  h.tick();
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  h.clock().advance(std::chrono::hours(1) + std::chrono::seconds(1));
  h.tick();
  Ticket t = h.ticket(id);
  CHECK(t.status == TicketStatus::closed);
  auto last = h.events(id).back();
  CHECK(last.action == "auto_closed");
  CHECK(last.actor_id == "system");
  CHECK(last.reason_code == "auto_closed");
  CHECK(audit_reason(h.deployment(), last) == "24小时内无异议，自动销号");
  CHECK_THAT(h.last_text(), Catch::Contains("自动销号"));
  CHECK(h.last_said().message.group_id == "g-hanjia");
  h.tick();  // closing twice is impossible
  CHECK(h.count_events(id, "auto_closed") == 1);
}

TEST_CASE("lifecycle: merge tells the reporters of both tickets") {
  ChatHarness h;
  const int64_t first = h.file_report(kReporter);
  const int64_t second = h.file_report(kVillager, "南河桥那边的垃圾堆还没人管");
  h.post({kSecretary, no(second) + " 合并 " + no(first)});
  Ticket t = h.ticket(second);
  CHECK(t.status == TicketStatus::merged);
  CHECK(t.merged_into == first);
  auto reply = h.last_said();
  CHECK_THAT(reply.message.text, Catch::Contains("@韩德福") && Catch::Contains("@刘芳"));
  CHECK(reply.message.mentions.size() == 2);
  h.post({kSecretary, no(second) + " 确认"});
  CHECK_THAT(h.last_text(), Catch::Contains("已合并") && Catch::Contains(no(first)));
  h.post({kSecretary, no(first) + " 合并 " + no(first)});
  CHECK(h.ticket(first).status == TicketStatus::assigned);
}

TEST_CASE("lifecycle: withdraw by the reporter while being fixed") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kReporter, no(id) + " 撤销"});
  CHECK(h.ticket(id).status == TicketStatus::withdrawn);
  CHECK(h.count_events(id, "withdrawn") == 1);
  h.post({kAssignee, no(id) + " 已整改", true});
  CHECK(h.ticket(id).status == TicketStatus::withdrawn);
  CHECK_THAT(h.last_text(), Catch::Contains("已撤销"));
}

TEST_CASE("lifecycle: reopen within the window, and a linked new ticket after it") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  h.post({kReporter, no(id) + " 确认"});
  h.clock().advance(std::chrono::days(2));
  h.post({kReporter, no(id) + " 重开 又堆上了"});
  Ticket t = h.ticket(id);
  CHECK(t.status == TicketStatus::assigned);
  CHECK_FALSE(t.closed_at);
  CHECK(t.due_at > h.clock().now());
  CHECK_THAT(h.last_text(), Catch::Contains("@张桂兰"));

  h.post({kAssignee, no(id) + " 已整改", true});
  h.post({kReporter, no(id) + " 确认"});
  h.clock().advance(std::chrono::days(8));
  h.post({kReporter, no(id) + " 重开 又回潮了"});
  CHECK(h.ticket(id).status == TicketStatus::closed);
  Ticket fresh = *h.last_ticket();
  CHECK(fresh.id == id + 1);
  CHECK(fresh.status == TicketStatus::assigned);
  CHECK(fresh.reporter_id == kReporter);
  CHECK_THAT(fresh.text, Catch::Contains(no(id)));
  CHECK(h.events(fresh.id).front().field == "reopened_from");
  CHECK(h.events(id).back().new_value == std::to_string(fresh.id));
  CHECK_THAT(h.last_text(), Catch::Contains("已新登记 " + no(fresh.id)));
}

TEST_CASE("lifecycle: category and place corrections") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kReporter, no(id) + " 类别 建筑垃圾"});
  Ticket t = h.ticket(id);
  CHECK(t.category == "construction_waste");
  CHECK(t.due_at == t.created_at + std::chrono::days(3));  // recomputed from creation
  h.post({kReporter, no(id) + " 位置 老槐树"});
  t = h.ticket(id);
  CHECK(t.landmark == "老槐树");
  CHECK(t.grid_id == "hanjia-north");
  CHECK(t.assignee_id == "sim:hanxiuying");  // the grid's leader takes it
  CHECK(h.last_said().message.mentions == std::vector<std::string>{"sim:hanxiuying"});
  h.post({kReporter, no(id) + " 位置 李庄小卖部"});  // another village, from this village's group
  CHECK(h.ticket(id).village == "韩家村");
  h.post({kReporter, no(id) + " 类别 99"});
  CHECK_THAT(h.last_text(), Catch::Contains("1 生活垃圾"));
}

TEST_CASE("lifecycle: status card, 我的, 逾期, 待办, 帮助, unknown commands") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kVillager, no(id)});
  CHECK_THAT(h.last_text(), Catch::Contains("整改中") && Catch::Contains("张桂兰") && Catch::Contains("南河桥") &&
                                Catch::Contains("登记"));
  h.post({kVillager, "查询 " + std::to_string(id)});
  CHECK_THAT(h.last_text(), Catch::Contains(no(id)));
  h.post({kVillager, "#999"});
  CHECK_THAT(h.last_text(), Catch::Contains("没有找到 #999"));

  h.post({kAssignee, "我的"});
  CHECK_THAT(h.last_text(), Catch::Contains("待我整改") && Catch::Contains(no(id)));
  h.post({kReporter, "我的"});
  CHECK_THAT(h.last_text(), Catch::Contains("我反映的") && Catch::Contains(no(id)));
  h.post({kVillager, "我的"});
  CHECK_THAT(h.last_text(), Catch::Contains("没有未办结"));

  h.post({kVillager, "逾期"});
  CHECK_THAT(h.last_text(), Catch::Contains("暂无"));
  h.clock().advance(std::chrono::days(2));
  const int64_t later = h.file_report(kVillager, "小学门口有垃圾堆");
  h.post({kVillager, "逾期"});
  CHECK_THAT(h.last_text(), Catch::Contains(no(id)) && !Catch::Contains(no(later)));
  h.post({kVillager, "待办"});
  const std::string open = h.last_text();
  CHECK(open.find(no(id)) < open.find(no(later)));  // most urgent first
  h.post({kVillager, "待办", false, "", "g-lizhuang"});
  CHECK_THAT(h.last_text(), Catch::Contains("暂无"));

  h.post({kVillager, "帮助"});
  const std::string villager_help = h.last_text();
  h.post({kSecretary, "帮助"});
  CHECK_THAT(h.last_text(), Catch::Contains("转派"));
  CHECK_THAT(villager_help, !Catch::Contains("转派"));

  const int64_t tickets_before = h.last_ticket()->id;
  h.post({kVillager, no(id) + " 搞定了吗"});
  CHECK_THAT(h.last_text(), Catch::Contains("帮助"));
  CHECK(h.last_ticket()->id == tickets_before);  // a command never becomes a report
}

TEST_CASE("lifecycle: audit trail has exactly one row per transition, from and to matching") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  h.post({kReporter, no(id) + " 退回 不干净"});
  h.post({kSecretary, no(id) + " 转派 @韩立新"});
  h.post({kSecretary, no(id) + " 延期 1天"});
  h.post({"sim:hanlixin", no(id) + " 已整改", true});
  h.post({kVillager, no(id) + " 确认"});  // refused: writes nothing
  h.post({kReporter, no(id) + " 确认"});
  const auto events = h.events(id);
  std::vector<std::string> actions;
  for (const auto& e : events) actions.push_back(e.action);
  CHECK(actions ==
        std::vector<std::string>{"created", "rectified", "rejected", "reassigned", "extended", "rectified", "closed"});
  // Status rows chain: each row starts where the previous state change ended.
  std::string state = "assigned";
  for (const auto& e : events) {
    CHECK_FALSE(e.actor_id.empty());
    CHECK_FALSE(e.source_event_id.empty());
    if (e.from_status.empty()) continue;
    CHECK(e.from_status == state);
    state = e.to_status;
  }
  CHECK(state == "closed");
  CHECK(events[3].field == "assignee");
  CHECK(events[3].old_value == kAssignee);
  CHECK(events[3].new_value == "sim:hanlixin");
}

TEST_CASE("lifecycle: the functions refuse by state and right without touching the ticket") {
  ChatHarness h;
  const int64_t id = h.file_report();
  const Actor villager = actor_for(h.deployment(), kVillager, "", h.deployment().find_group("sim", "g-hanjia"));
  const Actor secretary = actor_for(h.deployment(), kSecretary, "", nullptr);
  const TimePoint now = h.clock().now();
  h.db().transaction([&] {
    CHECK(confirm({h.db(), h.deployment(), villager, now, ""}, id).error().code == ErrorCode::forbidden);
    CHECK(confirm({h.db(), h.deployment(), secretary, now, ""}, id).error().code == ErrorCode::wrong_state);
    CHECK(rectify({h.db(), h.deployment(), secretary, now, ""}, id, {}).error().code == ErrorCode::needs_photo);
    CHECK(confirm({h.db(), h.deployment(), secretary, now, ""}, 9999).error().code == ErrorCode::not_found);
    CHECK(reassign({h.db(), h.deployment(), secretary, now, ""}, id, "nobody", "").error().code ==
          ErrorCode::bad_argument);
  });
  CHECK(h.events(id).size() == 1);
}

TEST_CASE("lifecycle: 代报 quoting the villager's own message makes them the reporter") {
  ChatHarness h;
  const std::string villager_message = h.post({kVillager, "网格长你好"});
  CHECK_FALSE(h.last_ticket());
  h.post({kAssignee, "代报 南河桥边有一堆垃圾", true, villager_message});
  auto t = h.last_ticket();
  REQUIRE(t);
  CHECK(t->reporter_id == kVillager);
  CHECK(t->filer_id == kAssignee);
  CHECK(h.photos(t->id).size() == 1);
}

namespace {

// Files a report, has it fixed and confirmed; returns the closed ticket's id.
int64_t closed_ticket(ChatHarness& h) {
  const int64_t id = h.file_report();
  h.post({kAssignee, no(id) + " 已整改", true});
  h.post({kReporter, no(id) + " 确认"});
  REQUIRE(h.ticket(id).status == TicketStatus::closed);
  return id;
}

}  // namespace

TEST_CASE("lifecycle: 回头看 answers in a village group go through the router: #12 正常 with a photo, #12 回潮") {
  ChatHarness h;  // the Router with Commands, as the App builds it
  const int64_t id = closed_ticket(h);
  h.clock().advance(std::chrono::days(7));

  h.post({kAssignee, no(id) + " 正常"});  // no photo yet
  CHECK_THAT(h.last_text(), Catch::Contains("附上现场照片"));
  CHECK_FALSE(Followups(h.db()).latest(id));
  h.post({kAssignee, no(id) + " 正常", true});
  CHECK(h.last_text() == "已记录 " + no(id) + " 回头看：现场正常，谢谢！");
  auto normal = Followups(h.db()).latest(id);
  REQUIRE(normal);
  CHECK(normal->outcome == "normal");
  CHECK(normal->answered_by == kAssignee);
  int followup_photos = 0;
  for (const auto& p : h.photos(id)) followup_photos += p.kind == "followup";
  CHECK(followup_photos == 1);
  CHECK(h.count_events(id, "followup") == 1);

  const int64_t other = closed_ticket(h);
  h.post({kVillager, no(other) + " 回潮"});  // villagers report; cadres answer 回头看
  CHECK_THAT(h.last_text(), Catch::Contains("网格长或村干部"));
  h.post({kAssignee, no(other) + " 回潮 还是有垃圾", true});
  auto relapse = Followups(h.db()).latest(other);
  REQUIRE(relapse);
  CHECK(relapse->outcome == "relapse");
  REQUIRE(relapse->relapse_ticket_id);
  const Ticket fresh = h.ticket(*relapse->relapse_ticket_id);
  CHECK(fresh.status == TicketStatus::assigned);
  CHECK(fresh.text == "回潮：南河桥边有一堆垃圾");
  CHECK_THAT(h.last_text(), Catch::Contains("原单 " + no(other)) && Catch::Contains(no(fresh.id)));
  CHECK(h.count_events(other, "relapse") == 1);
}

TEST_CASE("lifecycle: 积分 in a village group answers with the sender's points") {
  ChatHarness h;
  h.post({kReporter, "积分"});
  CHECK(h.last_text() == "韩德福的积分：0 分。还没有积分记录，随手拍上报问题、按期整改都能得分。");
}

TEST_CASE("lifecycle: 帮助 lists the commands this person may use, from the lifecycle table") {
  ChatHarness h;
  const Deployment& d = h.deployment();
  h.post({kVillager, "帮助"});
  const std::string villager = h.last_text();
  h.post({kSecretary, "帮助"});
  const std::string secretary = h.last_text();
  const std::string window = "（照片可在2分钟内前后发）";
  for (LifecycleAction action : all_actions()) {
    const std::string key = "help.action." + std::string(action_code(action));
    // The line up to its first "：" is the command as typed ("#12 转派 @某人").
    std::string command = d.wording.render(key, {{"window", "2分钟"}});
    command = command.substr(0, command.find("："));
    INFO(command);
    CHECK((villager.find(command) != std::string::npos) == right_of(Role::villager, action).may);
    CHECK(secretary.find(command) != std::string::npos);
  }
  CHECK_THAT(villager, !Catch::Contains("#12 转派") && !Catch::Contains("#12 已整改") &&
                           Catch::Contains("#12 撤销：撤回问题（限自己反映、还在整改中的问题）") &&
                           Catch::Contains("#12 确认，或引用机器人消息回复“确认”：核验通过，销号（限自己反映的问题）"));
  CHECK_THAT(secretary, Catch::Contains("#12 转派 @某人：换人整改\n") && Catch::Contains("#12 撤销：撤回问题\n") &&
                            Catch::Contains(window));
  // Both may see their points; only cadres answer 回头看 and open the web ledger.
  CHECK_THAT(villager, Catch::Contains("积分") && !Catch::Contains("台账") && !Catch::Contains("回头看") &&
                           !Catch::Contains("代报"));
  CHECK_THAT(secretary, Catch::Contains("积分") && Catch::Contains("台账") && Catch::Contains("#12 正常") &&
                            Catch::Contains("#12 回潮") && Catch::Contains("代报"));
  // A grid leader fixes the tickets given to them, and cannot reassign.
  h.post({kAssignee, "帮助"});
  CHECK_THAT(h.last_text(), Catch::Contains("#12 已整改") && Catch::Contains("（限自己负责整改的问题）") &&
                                !Catch::Contains("#12 转派") && !Catch::Contains("台账"));
}

TEST_CASE("lifecycle: who may act is worded from the table and the role names") {
  ChatHarness h;
  const Deployment& d = h.deployment();
  CHECK(who_may(d, LifecycleAction::confirm) == "报告人或村支书、包村干部、督办");
  CHECK(who_may(d, LifecycleAction::rectify) == "负责整改的网格长或村支书、包村干部、督办");
  CHECK(who_may(d, LifecycleAction::withdraw) == "报告人（整改中时）或村支书、包村干部、督办");
  CHECK(who_may(d, LifecycleAction::reassign) == "村支书、包村干部、督办");
  const int64_t id = h.file_report();
  h.post({kVillager, no(id) + " 转派 @韩立新"});
  CHECK(h.last_text() == "抱歉，" + no(id) + " 的“转派”需由村支书、包村干部、督办操作。");
}

TEST_CASE("lifecycle: a township's wording changes what the bot says, refusals and 帮助 included") {
  ChatHarness h;
  ConfigProblems problems;
  h.deployment().wording.apply_overrides(YAML::Load("commands: {withdrawn: \"#{ticket} 已撤回，谢谢。\"}\n"
                                                    "role: {village_secretary: 支部书记}\n"
                                                    "lifecycle: {party: {reporter: 反映人}}\n"
                                                    "help: {points: 积分：看看自己攒了多少分}\n"),
                                         "paike.yaml", problems);
  REQUIRE(problems.empty());
  const int64_t id = h.file_report();
  h.post({kVillager, no(id) + " 类别 3"});
  CHECK(h.last_text() == "抱歉，" + no(id) + " 的“改类别”需由反映人或支部书记、包村干部、督办操作。");
  h.post({kReporter, no(id) + " 撤销"});
  CHECK(h.last_text() == no(id) + " 已撤回，谢谢。");
  h.post({kVillager, "帮助"});
  CHECK_THAT(h.last_text(), Catch::Contains("· 积分：看看自己攒了多少分"));
}
