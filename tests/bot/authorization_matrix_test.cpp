// Authorization matrix (issue 10): every chat command and every ledger web action, tried by
// every role (DESIGN.md "Who uses it") × a ticket of their own / another village × a ticket
// of their own (reported, or assigned to them) / someone else's. Expected answers come from
// DESIGN.md: the village secretary and the liaison act on their villages' tickets, the
// supervisor on all; a grid leader closes off what is assigned to them; a reporter confirms,
// rejects, reopens, re-tags and (while it is being fixed) withdraws their own report; nobody
// else changes a ticket. A failure names the role, the command and the case.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "../handlers/chat_harness.h"
#include "handlers/ledger/ledger_actions.h"
#include "ledger_fixture.h"

using namespace paike;
using namespace paike::test;

namespace {

// ---- the cells ------------------------------------------------------------------------------

enum class Rel { reported, assigned, other };  // the ticket: reported by the actor, assigned to them, neither

struct Who {
  const char* role;
  std::string user_id;
  bool roster_village_cadre;  // secretary or liaison: acts on their own villages' tickets
  bool supervisor;
  bool can_be_assignee;  // a grid leader of 韩家村's hanjia-middle grid
  bool on_roster = true;
};

const std::vector<Who>& everyone() {
  static const std::vector<Who> people = {
      {"not on the roster", "sim:stranger", false, false, false, false},
      {"villager", "sim:handefu", false, false, false},
      {"grid_leader", "sim:hanlixin", false, false, true},
      {"village_secretary", "sim:hanjianguo", true, false, false},
      {"village_liaison", "sim:sunqiang", true, false, false},  // covers 韩家村 and 李庄村, not 东营村
      {"township_supervisor", "sim:zhaomin", false, true, false},
  };
  return people;
}

// 韩家村 is every actor's own village (the stranger's because they write in its group);
// 东营村 is nobody's but the supervisor's.
struct Place {
  const char* name;
  bool own;
  std::string group;
  std::string report;         // a report that lands in a grid whose leader is not our grid leader
  std::string middle_report;  // lands in hanjia-middle (韩立新's grid); own village only
  std::string second_report;  // another open ticket there, for 合并
  std::string other_reporter;
  std::string leader_name;  // for 转派
  std::string landmark;     // for 位置
};

const std::vector<Place>& places() {
  static const std::vector<Place> list = {
      {"own village (韩家村)", true, "g-hanjia", "南河桥边有一堆垃圾", "文化广场边有一堆垃圾",
       "老槐树那里垃圾堆了好几天", "sim:liufang", "韩立新", "小学门口"},
      {"other village (东营村)", false, "g-dongying", "东营集市边有一堆垃圾", "", "后山坡那里垃圾堆了好几天",
       "sim:qianli", "郑磊", "卫生室"},
  };
  return list;
}

const char* rel_name(Rel r) {
  switch (r) {
    case Rel::reported:
      return "own ticket (reported it)";
    case Rel::assigned:
      return "own ticket (assigned to them)";
    case Rel::other:
      return "someone else's ticket";
  }
  return "";
}

std::vector<Rel> relations(const Who& who, const Place& place) {
  if (!who.on_roster && !place.own) return {};  // a stranger is a villager of the group they write in
  std::vector<Rel> r = {Rel::reported, Rel::other};
  if (who.can_be_assignee && place.own) r.push_back(Rel::assigned);
  return r;
}

// ---- what DESIGN.md says --------------------------------------------------------------------

enum class Also { nobody, reporter, assignee, reporter_while_assigned };

bool allowed(const Who& who, const Place& place, Rel rel, Also also) {
  if (who.supervisor || (who.roster_village_cadre && place.own)) return true;
  switch (also) {
    case Also::reporter:
    case Also::reporter_while_assigned:
      return rel == Rel::reported;  // the setup leaves 撤销's ticket assigned
    case Also::assignee:
      return rel == Rel::assigned;
    case Also::nobody:
      return false;
  }
  return false;
}

// ---- the chat commands ----------------------------------------------------------------------

struct ChatCommand {
  const char* name;
  Also also;
  enum { assigned, rectified, closed } from;
  std::function<std::string(int64_t id, int64_t second, const Place&)> text;
  bool with_photo;
  std::function<bool(const Ticket&, int64_t second)> changed;
};

const std::vector<ChatCommand>& chat_commands() {
  using T = const Ticket&;
  static const std::vector<ChatCommand> list = {
      {"已整改", Also::assignee, ChatCommand::assigned,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 已整改"; }, true,
       [](T t, int64_t) { return t.status == TicketStatus::rectified; }},
      {"确认", Also::reporter, ChatCommand::rectified,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 确认"; }, false,
       [](T t, int64_t) { return t.status == TicketStatus::closed; }},
      {"退回", Also::reporter, ChatCommand::rectified,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 退回 还有垃圾"; }, false,
       [](T t, int64_t) { return t.status == TicketStatus::assigned; }},
      {"转派", Also::nobody, ChatCommand::assigned,
       [](int64_t id, int64_t, const Place& p) { return no(id) + " 转派 @" + p.leader_name; }, false,
       [](T t, int64_t) { return t.assignee_id == "sim:hanlixin" || t.assignee_id == "sim:zhenglei"; }},
      {"延期", Also::nobody, ChatCommand::assigned,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 延期 3天 等雨停"; }, false,
       [](T t, int64_t) { return t.due_at - t.created_at > std::chrono::days(3); }},
      {"撤销", Also::reporter_while_assigned, ChatCommand::assigned,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 撤销"; }, false,
       [](T t, int64_t) { return t.status == TicketStatus::withdrawn; }},
      {"合并", Also::nobody, ChatCommand::assigned,
       [](int64_t id, int64_t second, const Place&) { return no(id) + " 合并 " + no(second); }, false,
       [](T t, int64_t second) { return t.status == TicketStatus::merged && t.merged_into == second; }},
      {"重开", Also::reporter, ChatCommand::closed,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 重开 又堆上了"; }, false,
       [](T t, int64_t) { return t.status == TicketStatus::assigned; }},
      {"类别", Also::reporter, ChatCommand::assigned,
       [](int64_t id, int64_t, const Place&) { return no(id) + " 类别 2"; }, false,
       [](T t, int64_t) { return t.category == "construction_waste"; }},
      {"位置", Also::reporter, ChatCommand::assigned,
       [](int64_t id, int64_t, const Place& p) { return no(id) + " 位置 " + p.landmark; }, false,
       [](T t, int64_t) { return t.landmark == "小学门口" || t.landmark == "卫生室"; }},
  };
  return list;
}

const std::string kSupervisor = "sim:zhaomin";

// Files the cell's ticket (and the second one 合并 needs) and brings it to the command's start.
struct Filed {
  int64_t id = 0;
  int64_t second = 0;
};

Filed file_ticket(ChatHarness& h, const Who& who, const Place& place, Rel rel, const ChatCommand& cmd) {
  h.clock().advance(std::chrono::minutes(10));
  const std::string reporter = rel == Rel::reported ? who.user_id : place.other_reporter;
  h.post({reporter, rel == Rel::assigned ? place.middle_report : place.report, true, "", place.group});
  auto t = h.last_ticket();
  REQUIRE(t);
  // The cell is what it says it is.
  REQUIRE(t->reporter_id == reporter);
  REQUIRE(t->village == (place.own ? "韩家村" : "东营村"));
  REQUIRE((t->assignee_id == who.user_id) == (rel == Rel::assigned));
  Filed f{t->id, 0};
  if (std::string(cmd.name) == "合并") {
    h.post({place.other_reporter, place.second_report, true, "", place.group});
    f.second = h.last_ticket()->id;
    REQUIRE(f.second != f.id);
  }
  if (cmd.from != ChatCommand::assigned) h.post({kSupervisor, no(f.id) + " 已整改", true, "", place.group});
  if (cmd.from == ChatCommand::closed) h.post({kSupervisor, no(f.id) + " 确认", false, "", place.group});
  return f;
}

struct Snapshot {
  Ticket ticket;
  size_t audit_rows;
};

bool unchanged(const Snapshot& before, const Ticket& after, size_t audit_rows) {
  return after.status == before.ticket.status && after.assignee_id == before.ticket.assignee_id &&
         after.due_at == before.ticket.due_at && after.category == before.ticket.category &&
         after.landmark == before.ticket.landmark && after.merged_into == before.ticket.merged_into &&
         audit_rows == before.audit_rows;
}

}  // namespace

TEST_CASE("authorization matrix: chat lifecycle commands, role × own/other village × own/other ticket") {
  for (const auto& cmd : chat_commands()) {
    ChatHarness h;
    for (const auto& who : everyone()) {
      for (const auto& place : places()) {
        for (const Rel rel : relations(who, place)) {
          const bool expect = allowed(who, place, rel, cmd.also);
          const std::string cell = std::string(who.role) + " (" + who.user_id + ") sends “" + cmd.name + "” on " +
                                   place.name + ", " + rel_name(rel) + ": expected " + (expect ? "ALLOWED" : "REFUSED");
          INFO(cell);
          const Filed f = file_ticket(h, who, place, rel, cmd);
          const Snapshot before{h.ticket(f.id), h.events(f.id).size()};
          const size_t said = h.said_count();
          h.post({who.user_id, cmd.text(f.id, f.second, place), cmd.with_photo, "", place.group});
          const Ticket after = h.ticket(f.id);
          CHECK(h.said_count() > said);  // always answered
          if (expect) {
            INFO("but the ticket did not change; the bot said: " << h.last_text());
            CHECK(cmd.changed(after, f.second));
            CHECK(h.events(f.id).size() > before.audit_rows);
          } else {
            INFO("but the ticket changed; the bot said: " << h.last_text());
            CHECK(unchanged(before, after, h.events(f.id).size()));
            CHECK_THAT(h.last_text(), Catch::Contains("需由"));
          }
        }
      }
    }
  }
}

TEST_CASE(
    "authorization matrix: a command about another village's ticket, sent in a village group, is refused for every "
    "role") {
  for (const auto& cmd : chat_commands()) {
    ChatHarness h;
    for (const auto& who : everyone()) {
      INFO(who.role << " (" << who.user_id << ") sends “" << cmd.name
                    << "” about a 韩家村 ticket in 东营村's group: expected REFUSED");
      const Place& own = places()[0];
      const Filed f = file_ticket(h, who, own, Rel::other, cmd);
      const Snapshot before{h.ticket(f.id), h.events(f.id).size()};
      h.post({who.user_id, cmd.text(f.id, f.second, own), cmd.with_photo, "", "g-dongying"});
      CHECK(unchanged(before, h.ticket(f.id), h.events(f.id).size()));
      CHECK_THAT(h.last_text(), Catch::Contains("韩家村的问题"));
    }
  }
}

TEST_CASE(
    "authorization matrix: read-only commands answer everyone and change nothing, and 代报 is only for cadres of the "
    "village") {
  const std::vector<std::string> read_only = {"帮助", "我的", "逾期", "待办"};
  ChatHarness h;
  for (const auto& who : everyone()) {
    for (const auto& place : places()) {
      if (!who.on_roster && !place.own) continue;
      for (const auto& text : read_only) {
        INFO(who.role << " (" << who.user_id << ") sends “" << text << "” in " << place.name
                      << ": expected an answer and no change");
        const auto last = h.last_ticket();
        const size_t said = h.said_count();
        h.post({who.user_id, text, false, "", place.group});
        CHECK(h.said_count() == said + 1);
        CHECK(h.last_ticket().has_value() == last.has_value());
        if (last) CHECK(h.last_ticket()->id == last->id);
      }
      // 代报: a grid leader in their own village's group; a secretary or liaison for their
      // villages; the supervisor anywhere. Villagers may not.
      const bool expect = who.supervisor || (place.own && (who.roster_village_cadre || who.can_be_assignee));
      INFO(who.role << " (" << who.user_id << ") sends “代报” in " << place.name << ": expected "
                    << (expect ? "ALLOWED" : "REFUSED"));
      h.clock().advance(std::chrono::minutes(10));
      const auto last = h.last_ticket();
      h.post({who.user_id, "代报 王大爷 " + place.report, false, "", place.group});
      const auto now = h.last_ticket();
      const bool filed = now && (!last || now->id != last->id);
      CHECK(filed == expect);
      if (filed) CHECK(now->reporter_name == "王大爷");
      if (!expect) CHECK_THAT(h.last_text(), Catch::Contains("代报需由"));
    }
  }
}

TEST_CASE("authorization matrix: ledger web actions over HTTP, role × own/other village × own/other ticket") {
  LedgerFixture fx;
  const Deployment& d = fx.app->deployment();
  const Person* supervisor = d.find_person(kSupervisor);
  REQUIRE(supervisor);

  for (const auto& who : everyone()) {
    if (!who.on_roster) continue;  // the ledger has no page for people off the roster
    const Person* person = d.find_person(who.user_id);
    REQUIRE(person);
    const bool ledger_user = who.supervisor || who.roster_village_cadre;
    // Sign in with a console link; villagers and grid leaders are refused at the door.
    std::string cookie;
    {
      std::string link;
      {
        auto db = fx.db();
        link = issue_login_link(*db, who.user_id, "http://x", fx.clock->now());
      }
      auto res =
          fx.http->Post("/login", "token=" + link.substr(link.find("token=") + 6), "application/x-www-form-urlencoded");
      REQUIRE(res);
      INFO(who.role << " (" << who.user_id << ") logs in to the ledger: expected "
                    << (ledger_user ? "ALLOWED" : "REFUSED"));
      CHECK((res->status == 303) == ledger_user);
      if (res->status == 303) {
        const std::string set = res->get_header_value("Set-Cookie");
        cookie = set.substr(0, set.find(';'));
      }
    }
    for (const auto& place : places()) {
      for (const Rel rel : {Rel::reported, Rel::other}) {
        for (const bool rectified : {false, true}) {
          fx.clock->advance(std::chrono::minutes(1));
          const std::string village = place.own ? "韩家村" : "东营村";
          Ticket t =
              fx.file(village, std::string("矩阵") + who.role + place.name + rel_name(rel) + (rectified ? "r" : "a"),
                      std::chrono::days(3), rectified);
          {
            auto db = fx.db();
            TicketRepo repo(*db);
            if (rel == Rel::reported) t.reporter_id = who.user_id;
            if (rectified) t.status = TicketStatus::rectified;
            t.group_id = place.group;
            repo.update(t);
          }
          // Every action the ledger offers anyone on this ticket (the supervisor may take all).
          const auto offered_to_all = ledger_actions(d, *supervisor, t);
          REQUIRE_FALSE(offered_to_all.empty());
          const bool expect = who.supervisor || (who.roster_village_cadre && place.own);
          const std::string cell = std::string(who.role) + " (" + who.user_id + ") on " + place.name + ", " +
                                   rel_name(rel) + (rectified ? ", 待核验" : ", 整改中");
          {
            INFO(cell << ": the ledger should offer " << (expect ? "every action" : "no action"));
            CHECK(ledger_actions(d, *person, t).size() == (expect ? offered_to_all.size() : 0));
          }
          {
            INFO(cell << ": the ticket page should be " << (expect ? "shown" : "hidden"));
            if (!cookie.empty()) CHECK((fx.get("/tickets/" + std::to_string(t.id), cookie)->status == 200) == expect);
          }
          for (const auto& action : offered_to_all) {
            INFO(cell << " posts action “" << action.code << "” (" << action.label << "): expected "
                      << (expect ? "ALLOWED" : "REFUSED"));
            size_t rows_before = 0;
            {
              auto db = fx.db();
              rows_before = TicketRepo(*db).events(t.id).size();
            }
            const std::string path = "/tickets/" + std::to_string(t.id) + "/actions";
            if (cookie.empty()) {
              auto res = fx.http->Post(path.c_str(), "action=" + action.code + "&reason=test",
                                       "application/x-www-form-urlencoded");
              REQUIRE(res);
              CHECK(res->status == 401);  // no session: asked to sign in, nothing done
            } else {
              auto page = fx.get("/", cookie);
              REQUIRE(page);
              const std::string csrf = LedgerFixture::csrf_of(page->body);
              auto res = fx.post_form(path, cookie, "csrf=" + csrf + "&action=" + action.code + "&reason=test");
              REQUIRE(res);
              CHECK((res->status == 303) == expect);
            }
            auto db = fx.db();
            const size_t rows_after = TicketRepo(*db).events(t.id).size();
            CHECK((rows_after > rows_before) == expect);
            if (expect) break;  // the first action changed the ticket; the others start from a new state
          }
        }
      }
    }
  }
}
