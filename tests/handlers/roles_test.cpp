// Each lifecycle command tried by each kind of person: allowed ones change the ticket and
// write exactly one audit row; refused ones change nothing and say who may act.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "chat_harness.h"

using namespace paike;
using namespace paike::test;

namespace {

const std::string kLeader = "sim:hanlixin";           // another grid leader of 韩家村
const std::string kOtherSecretary = "sim:liweidong";  // 李庄村 secretary
const std::string kLiaison = "sim:sunqiang";          // covers 韩家村 and 李庄村
const std::string kOtherLiaison = "sim:zhouli";       // covers other villages
const std::string kSupervisor = "sim:zhaomin";

const std::vector<std::string> kEveryone = {kReporter,       kVillager, kAssignee,     kLeader,    kSecretary,
                                            kOtherSecretary, kLiaison,  kOtherLiaison, kSupervisor};
const std::set<std::string> kSecretaryUp = {kSecretary, kLiaison, kSupervisor};

struct Case {
  const char* name;
  std::set<std::string> also_allowed;                // besides the secretary, liaison and supervisor
  std::function<void(ChatHarness&, int64_t)> setup;  // brings the new ticket to the starting state
  std::function<Post(ChatHarness&, int64_t, const std::string& actor)> command;
  std::function<bool(const Ticket&)> changed;  // the effect, when allowed
  std::string action;                          // the audit row the change writes
};

void rectified(ChatHarness& h, int64_t id) { h.post({kAssignee, "#" + std::to_string(id) + " 已整改", true}); }
void closed(ChatHarness& h, int64_t id) {
  rectified(h, id);
  h.post({kReporter, "#" + std::to_string(id) + " 确认"});
}
void assigned(ChatHarness&, int64_t) {}

std::vector<Case> cases() {
  return {
      {"已整改",
       {kAssignee},
       assigned,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 已整改", true};
       },
       [](const Ticket& t) { return t.status == TicketStatus::rectified; },
       "rectified"},
      {"确认",
       {kReporter},
       rectified,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 确认"};
       },
       [](const Ticket& t) { return t.status == TicketStatus::closed; },
       "closed"},
      {"退回",
       {kReporter},
       rectified,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 退回 桥下还有垃圾"};
       },
       [](const Ticket& t) { return t.status == TicketStatus::assigned; },
       "rejected"},
      {"转派",
       {},
       assigned,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 转派 @韩立新"};
       },
       [](const Ticket& t) { return t.assignee_id == kLeader; },
       "reassigned"},
      {"延期",
       {},
       assigned,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 延期 3天 等雨停"};
       },
       [](const Ticket& t) { return t.due_at - t.created_at > std::chrono::days(3); },
       "extended"},
      {"撤销",
       {kReporter},
       assigned,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 撤销"};
       },
       [](const Ticket& t) { return t.status == TicketStatus::withdrawn; },
       "withdrawn"},
      {"合并",
       {},
       [](ChatHarness& h, int64_t) { h.file_report(kVillager, "南河桥那里垃圾堆了好几天"); },
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 合并 " + no(id + 1)};
       },
       [](const Ticket& t) { return t.status == TicketStatus::merged && t.merged_into == t.id + 1; },
       "merged"},
      {"重开",
       {kReporter},
       closed,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 重开 又堆上了"};
       },
       [](const Ticket& t) { return t.status == TicketStatus::assigned; },
       "reopened"},
      {"类别",
       {kReporter},
       assigned,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 类别 2"};
       },
       [](const Ticket& t) { return t.category == "construction_waste"; },
       "recategorized"},
      {"位置",
       {kReporter},
       assigned,
       [](ChatHarness&, int64_t id, const std::string& a) {
         return Post{a, no(id) + " 位置 小学门口"};
       },
       [](const Ticket& t) { return t.landmark == "小学门口"; },
       "relocated"},
  };
}

}  // namespace

TEST_CASE("roles: each command for each role, allowed and refused") {
  for (const auto& c : cases()) {
    ChatHarness h;
    for (const auto& actor : kEveryone) {
      const bool allowed = kSecretaryUp.count(actor) || c.also_allowed.count(actor);
      INFO(c.name << " by " << actor << (allowed ? " (allowed)" : " (refused)"));
      h.clock().advance(std::chrono::minutes(10));
      const int64_t id = h.file_report();
      c.setup(h, id);
      const Ticket before = h.ticket(id);
      const size_t rows_before = h.events(id).size();
      h.post(c.command(h, id, actor));
      const Ticket after = h.ticket(id);
      if (allowed) {
        CHECK(c.changed(after));
        // One row per change; a new category also moves the deadline (a second field).
        CHECK(h.count_events(id, c.action) == (c.action == "recategorized" ? 2 : 1));
        CHECK(h.events(id).size() > rows_before);
        CHECK(h.last_said().message.ticket_id.has_value());
      } else {
        CHECK(after.status == before.status);
        CHECK(after.assignee_id == before.assignee_id);
        CHECK(after.due_at == before.due_at);
        CHECK(after.category == before.category);
        CHECK(h.events(id).size() == rows_before);
        CHECK_THAT(h.last_text(), Catch::Contains("需由"));
      }
    }
  }
}

TEST_CASE("roles: the reporter may withdraw only while the ticket is being fixed") {
  ChatHarness h;
  const int64_t id = h.file_report();
  rectified(h, id);
  h.post({kReporter, no(id) + " 撤销"});
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  CHECK_THAT(h.last_text(), Catch::Contains("报告人（整改中时）"));
}

TEST_CASE("roles: a village group cannot touch another village's tickets, the township group can") {
  ChatHarness h;
  const int64_t id = h.file_report();
  h.post({kLiaison, no(id) + " 延期 2天", false, "", "g-lizhuang"});
  CHECK(h.ticket(id).due_at == h.ticket(id).created_at + std::chrono::days(1));
  CHECK_THAT(h.last_text(), Catch::Contains("韩家村的问题"));
  h.post({kSupervisor, no(id) + " 延期 2天", false, "", "g-township"});
  CHECK(h.ticket(id).due_at == h.ticket(id).created_at + std::chrono::days(3));
}

TEST_CASE("roles: long extensions need the liaison") {
  ChatHarness h;
  const int64_t id = h.file_report();
  const TimePoint due = h.ticket(id).due_at;
  h.post({kSecretary, no(id) + " 延期 10天 等材料"});
  CHECK(h.ticket(id).due_at == due);
  CHECK_THAT(h.last_text(), Catch::Contains("包村干部批准") && Catch::Contains("@孙强"));
  CHECK(h.last_said().message.mentions == std::vector<std::string>{kLiaison});
  h.post({kLiaison, no(id) + " 延期 10天 等材料"});
  CHECK(h.ticket(id).due_at == due + std::chrono::days(10));
  auto events = h.events(id);
  CHECK(events.back().field == "due_at");
  CHECK(events.back().reason == "等材料");
}

TEST_CASE("roles: 代报 by a grid leader files for the villager, a villager may not") {
  ChatHarness h;
  h.post({kAssignee, "代报 韩德福 南河桥边有一堆垃圾"});
  auto t = h.last_ticket();
  REQUIRE(t);
  CHECK(t->reporter_id == kReporter);
  CHECK(t->filer_id == kAssignee);
  CHECK(h.events(t->id).front().actor_id == kAssignee);

  h.post({kSecretary, "代报 @刘芳 老槐树下面有柴火垛", false, "", "g-hanjia", {kVillager}});
  auto second = h.last_ticket();
  REQUIRE(second->id == t->id + 1);
  CHECK(second->reporter_id == kVillager);
  CHECK(second->filer_id == kSecretary);

  h.post({kLeader, "代报 王大爷 小学门口有建筑垃圾"});
  auto third = h.last_ticket();
  REQUIRE(third->id == t->id + 2);
  CHECK(third->reporter_id == "name:王大爷");
  CHECK(third->reporter_name == "王大爷");

  h.post({kVillager, "代报 韩德福 南河桥边有一堆垃圾"});
  CHECK(h.last_ticket()->id == third->id);
  CHECK_THAT(h.last_text(), Catch::Contains("代报需由网格长"));
}
