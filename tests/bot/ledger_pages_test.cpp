// The ledger's pages: role scope, filters, counts, paging, the ticket page, its action with
// CSRF, and the stats page.
#include "bot/web/html.h"
#include "config/text.h"
#include "ledger_fixture.h"
#include "storage/outbox.h"

using namespace paike;
using paike::test::LedgerFixture;

namespace {}  // namespace

TEST_CASE("a secretary sees only their village, another village's ticket and filter are refused") {
  LedgerFixture f;
  auto mine = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(24));
  auto theirs = f.file("李庄村", "小卖部门口污水", std::chrono::hours(24));
  const std::string cookie = f.login("sim:hanjianguo");
  auto list = f.get("/", cookie);
  REQUIRE(list->status == 200);
  CHECK(contains(list->body, "data-id=\"" + std::to_string(mine.id) + "\""));
  CHECK_FALSE(contains(list->body, "data-id=\"" + std::to_string(theirs.id) + "\""));
  CHECK(f.get("/tickets/" + std::to_string(theirs.id), cookie)->status == 404);
  CHECK(f.get("/?village=" + web::url_encode("李庄村"), cookie)->status == 403);
  CHECK(f.get("/?grid_id=lizhuang-east", cookie)->status == 403);
  auto csv = f.get("/export.csv", cookie);
  CHECK_FALSE(contains(csv->body, "小卖部门口污水"));

  const std::string supervisor = f.login("sim:zhaomin");
  auto all = f.get("/", supervisor);
  CHECK(contains(all->body, "data-id=\"" + std::to_string(theirs.id) + "\""));
  CHECK(contains(all->body, "data-id=\"" + std::to_string(mine.id) + "\""));
  // A liaison covers 韩家村 and 李庄村 but not 东营村.
  auto far = f.file("东营村", "集市垃圾", std::chrono::hours(24));
  const std::string liaison = f.login("sim:sunqiang");
  auto covered = f.get("/", liaison);
  CHECK(contains(covered->body, "data-id=\"" + std::to_string(theirs.id) + "\""));
  CHECK_FALSE(contains(covered->body, "data-id=\"" + std::to_string(far.id) + "\""));
}

TEST_CASE("filters, counts, overdue in red and paging on the list") {
  LedgerFixture f;
  auto late = f.file("韩家村", "老槐树下柴火堆", std::chrono::hours(1), false, "stacks");
  auto fresh = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(48));
  f.clock->advance(std::chrono::hours(2));
  const std::string cookie = f.login("sim:zhaomin");

  auto overdue = f.get("/?overdue=1", cookie);
  CHECK(contains(overdue->body, "data-id=\"" + std::to_string(late.id) + "\""));
  CHECK_FALSE(contains(overdue->body, "data-id=\"" + std::to_string(fresh.id) + "\""));
  CHECK(contains(overdue->body, "class=\"ticket overdue\""));
  CHECK(contains(overdue->body, "（逾期）"));

  auto by_category = f.get("/?category=stacks", cookie);
  CHECK(contains(by_category->body, "老槐树下柴火堆") == false);  // the list shows place, not text…
  CHECK(contains(by_category->body, "data-id=\"" + std::to_string(late.id) + "\""));
  CHECK_FALSE(contains(by_category->body, "data-id=\"" + std::to_string(fresh.id) + "\""));

  auto by_text = f.get("/?q=" + web::url_encode("南河桥"), cookie);
  CHECK(contains(by_text->body, "data-id=\"" + std::to_string(fresh.id) + "\""));
  CHECK_FALSE(contains(by_text->body, "data-id=\"" + std::to_string(late.id) + "\""));

  auto counts = f.get("/", cookie);
  CHECK(contains(counts->body, "data-status=\"assigned\" href=\"/?status=assigned\"><b>2</b>"));
  CHECK(contains(counts->body, "<b>1</b>逾期"));

  auto future = f.get("/?from=2026-11-23", cookie);
  CHECK(contains(future->body, "没有符合条件的记录"));
  CHECK(f.get("/?status=bogus", cookie)->status == 400);
  CHECK(f.get("/?from=22-11-2026", cookie)->status == 400);

  for (int i = 0; i < 31; ++i) f.file("王家湾村", "记录" + std::to_string(i), std::chrono::hours(24));
  auto first = f.get("/?sort=oldest", cookie);
  CHECK(contains(first->body, "第 1 / 2 页"));
  CHECK(contains(first->body, "rel=\"next\""));
  auto second = f.get("/?sort=oldest&page=2", cookie);
  CHECK(contains(second->body, "第 2 / 2 页"));
  CHECK(contains(second->body, "data-id=\"33\""));
}

TEST_CASE("the ticket page shows before and after photos side by side, the map, the timeline and the chat") {
  LedgerFixture f;
  auto t = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(24), true);
  const std::string cookie = f.login("sim:hanjianguo");
  auto page = f.get("/tickets/" + std::to_string(t.id), cookie);
  REQUIRE(page->status == 200);
  CHECK(contains(page->body, "<figure class=\"photo before\">"));
  CHECK(contains(page->body, "<figure class=\"photo after\">"));
  CHECK(contains(page->body, "<svg class=\"map\""));
  CHECK(contains(page->body, "class=\"grid mine\""));
  CHECK(contains(page->body, "<circle class=\"point\""));
  CHECK(contains(page->body, "登记"));
  CHECK(contains(page->body, "id=\"action-confirm\""));
  CHECK(contains(page->body, "id=\"action-reject\""));
  // Both photos are really served.
  auto photos = TicketRepo(*f.db()).photos(t.id);
  REQUIRE(photos.size() == 2);
  for (const auto& p : photos) CHECK(f.http->Get(("/photos/" + p.sha256 + ".jpg").c_str())->status == 200);
  // The page sends no script and nothing from another host.
  CHECK_FALSE(contains(page->body, "<script"));
  CHECK_FALSE(contains(page->body, "https://"));
}

TEST_CASE("confirming from the ticket page needs the CSRF token, writes an audit row and tells the group") {
  LedgerFixture f;
  auto t = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(24), true);
  const std::string cookie = f.login("sim:hanjianguo");
  const std::string path = "/tickets/" + std::to_string(t.id);
  auto page = f.get(path, cookie);
  const std::string csrf = LedgerFixture::csrf_of(page->body);

  CHECK(f.post_form(path + "/actions", cookie, "action=confirm")->status == 403);
  CHECK(f.post_form(path + "/actions", cookie, "action=confirm&csrf=" + std::string(64, '0'))->status == 403);
  CHECK(TicketRepo(*f.db()).get(t.id)->status == TicketStatus::rectified);

  auto done = f.post_form(path + "/actions", cookie, "action=confirm&csrf=" + csrf);
  REQUIRE(done->status == 303);
  auto db = f.db();
  TicketRepo repo(*db);
  CHECK(repo.get(t.id)->status == TicketStatus::closed);
  auto events = repo.events(t.id);
  REQUIRE(events.size() == 2);
  CHECK(events.back().action == "closed");
  CHECK(events.back().actor_id == "sim:hanjianguo");
  CHECK(events.back().from_status == "rectified");
  CHECK(events.back().to_status == "closed");
  auto notices = Outbox(*db).list_for_ticket(t.id);
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].message.group_id == "g-hanjia");
  CHECK(contains(notices[0].message.text, "韩建国在台账操作"));
  CHECK(contains(notices[0].message.text, "已销号"));
  // A closed ticket offers reopening only; confirming again is refused by the lifecycle.
  auto after = f.get(path + "?done=confirm", cookie);
  CHECK(contains(after->body, "已销号，群里已发通知。"));
  CHECK_FALSE(contains(after->body, "id=\"action-confirm\""));
  CHECK(contains(after->body, "id=\"action-reopen\""));
  CHECK(f.post_form(path + "/actions", cookie, "action=confirm&csrf=" + csrf)->status == 409);
}

TEST_CASE("the page offers what the lifecycle allows: no 销号 before the after-photo, a reason for 退回") {
  LedgerFixture f;
  auto open = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(24));
  auto waiting = f.file("韩家村", "老槐树下柴火堆", std::chrono::hours(24), true);
  const std::string cookie = f.login("sim:hanjianguo");
  const std::string csrf = LedgerFixture::csrf_of(f.get("/", cookie)->body);
  const std::string open_path = "/tickets/" + std::to_string(open.id);
  auto page = f.get(open_path, cookie);
  CHECK_FALSE(contains(page->body, "id=\"action-confirm\""));
  CHECK(contains(page->body, "id=\"action-withdraw\""));
  CHECK(f.post_form(open_path + "/actions", cookie, "action=confirm&csrf=" + csrf)->status == 409);
  CHECK(f.post_form(open_path + "/actions", cookie, "action=close&csrf=" + csrf)->status == 400);
  CHECK(TicketRepo(*f.db()).get(open.id)->status == TicketStatus::assigned);

  const std::string waiting_path = "/tickets/" + std::to_string(waiting.id);
  auto no_reason = f.post_form(waiting_path + "/actions", cookie, "action=reject&csrf=" + csrf);
  CHECK(no_reason->status == 400);
  CHECK(contains(no_reason->body, "写明原因"));
  CHECK(TicketRepo(*f.db()).get(waiting.id)->status == TicketStatus::rectified);
  CHECK(f.post_form(waiting_path + "/actions", cookie,
                    "action=reject&reason=%E8%BF%98%E6%9C%89%E4%B8%80%E5%A0%86&csrf=" + csrf)
            ->status == 303);
  auto db = f.db();
  CHECK(TicketRepo(*db).get(waiting.id)->status == TicketStatus::assigned);
  auto events = TicketRepo(*db).events(waiting.id);
  CHECK(events.back().action == "rejected");
  CHECK(events.back().reason == "还有一堆");
}

TEST_CASE("a secretary cannot change another village's ticket even with a valid token") {
  LedgerFixture f;
  auto theirs = f.file("李庄村", "小卖部门口污水", std::chrono::hours(24), true);
  const std::string cookie = f.login("sim:hanjianguo");
  const std::string csrf = LedgerFixture::csrf_of(f.get("/", cookie)->body);
  auto res = f.post_form("/tickets/" + std::to_string(theirs.id) + "/actions", cookie, "action=confirm&csrf=" + csrf);
  CHECK(res->status == 404);
  CHECK(TicketRepo(*f.db()).get(theirs.id)->status == TicketStatus::rectified);
}

TEST_CASE("the stats page counts open, overdue and closed on time per village the viewer covers") {
  LedgerFixture f;
  auto late = f.file("韩家村", "a", std::chrono::hours(1));
  f.file("韩家村", "bb", std::chrono::hours(48));
  auto quick = f.file("韩家村", "ccc", std::chrono::hours(48));
  f.file("李庄村", "dddd", std::chrono::hours(48));
  f.clock->advance(std::chrono::hours(3));
  {
    auto db = f.db();
    TicketRepo repo(*db);
    auto t = *repo.get(quick.id);
    t.status = TicketStatus::closed;
    t.closed_at = f.clock->now();
    repo.update(t);
  }
  (void)late;
  const std::string cookie = f.login("sim:hanjianguo");
  auto page = f.get("/stats?month=2026-11", cookie);
  REQUIRE(page->status == 200);
  // 韩家村: 2 open, 1 overdue, 1 closed, 1 on time, 100%, 3.0 hours.
  CHECK(contains(page->body,
                 "<tr data-village=\"韩家村\"><td>韩家村</td><td>2</td><td "
                 "class=\"late\">1</td><td>1</td><td>1</td><td>100%</td><td>3.0小时</td></tr>"));
  CHECK_FALSE(contains(page->body, "data-village=\"李庄村\""));
  CHECK(contains(page->body, "<svg class=\"chart\""));
  CHECK(f.get("/stats?month=2026-13", cookie)->status == 400);
}

TEST_CASE("the timeline shows the after-photo check: a different place waits for a person") {
  LedgerFixture f;
  auto t = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(24), true);
  {
    auto db = f.db();
    AuditEvent e;
    e.ticket_id = t.id;
    e.at = f.clock->now();
    e.actor_id = "sim:zhangguilan";
    e.action = "rectified";
    e.from_status = "assigned";
    e.to_status = "rectified";
    e.field = std::string(kSamePlaceField);
    e.new_value = "different 0.03";
    TicketRepo(*db).add_event(e);
  }
  auto page = f.get("/tickets/" + std::to_string(t.id), f.login("sim:hanjianguo"));
  CHECK(contains(page->body, "照片比对：地点不符，待人工核实（0.03）"));
}

TEST_CASE("a township's replies change what the ledger pages show: status names, titles, filters") {
  LedgerFixture f([](Deployment& d) {
    ConfigProblems problems;
    d.wording.apply_overrides(YAML::Load("status: {assigned: 正在整改}\n"
                                         "web:\n"
                                         "  page: {brand: 清河镇台账}\n"
                                         "  list: {title: 问题清单, empty: 暂无记录}\n"
                                         "  ticket: {timeline: 办理经过}\n"),
                              "paike.yaml", problems);
    REQUIRE(problems.empty());
  });
  auto t = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(24));
  const std::string cookie = f.login("sim:zhaomin");
  auto list = f.get("/", cookie);
  REQUIRE(list->status == 200);
  CHECK(contains(list->body, "<title>问题清单 · 拍客台账</title>"));
  CHECK(contains(list->body, "<h1>问题清单</h1>"));
  CHECK(contains(list->body, "class=\"brand\" href=\"/\">清河镇台账</a>"));
  // The count link, the status filter and the table's status column all say it.
  CHECK(contains(list->body, "data-status=\"assigned\" href=\"/?status=assigned\"><b>1</b>正在整改</a>"));
  CHECK(contains(list->body, "<option value=\"assigned\">正在整改</option>"));
  CHECK(contains(list->body, "<td>正在整改</td></tr>"));
  CHECK_FALSE(contains(list->body, "整改中"));
  CHECK(contains(f.get("/?from=2026-11-23", cookie)->body, "暂无记录"));

  auto page = f.get("/tickets/" + std::to_string(t.id), cookie);
  REQUIRE(page->status == 200);
  CHECK(contains(page->body, "id=\"status\">正在整改</span>"));
  CHECK(contains(page->body, "<h2>办理经过</h2>"));
  CHECK(contains(page->body, "（- → 正在整改）"));
  CHECK_FALSE(contains(page->body, "整改中"));
}

TEST_CASE("a bad filter or a refusal gets a page in Chinese, never the English reason") {
  LedgerFixture f;
  const std::string cookie = f.login("sim:zhaomin");
  auto status = f.get("/?status=bogus", cookie);
  CHECK(status->status == 400);
  CHECK(contains(status->body, "<h1>筛选条件有误</h1><p>没有这个状态，请重新选择。</p>"));
  auto date = f.get("/?to=22-11-2026", cookie);
  CHECK(date->status == 400);
  CHECK(contains(date->body, "日期请按 2026-11-22 的格式填写。"));
  auto sort = f.get("/?sort=sideways", cookie);
  CHECK(contains(sort->body, "没有这种排序，请重新选择。"));
  CHECK_FALSE(contains(status->body, "unknown status"));
  CHECK_FALSE(contains(date->body, "must be a date"));
  CHECK_FALSE(contains(sort->body, "unknown sort"));
  auto login = f.http->Get("/login?token=short");
  CHECK(login->status == 400);
  CHECK(contains(login->body, "<h1>链接无效</h1>"));
  CHECK(contains(f.http->Get(("/login?token=" + std::string(64, 'a')).c_str())->body, "10分钟内有效"));
}
