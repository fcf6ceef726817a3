#include <catch2/catch.hpp>

#include "handlers/lifecycle/command_parser.h"

using namespace paike;

TEST_CASE("commands: ticket numbers as people type them") {
  for (const char* text : {"#12 已整改", "＃12 已整改", "# 12 已整改", "#12已整改", "＃１２　已整改", "12号 已整改",
                           "12号已整改", "#12号 已整改", "  #12：已整改  "}) {
    INFO(text);
    Command c = parse_command(text, false);
    CHECK(c.kind == CommandKind::rectify);
    REQUIRE(c.ticket_id);
    CHECK(*c.ticket_id == 12);
  }
}

TEST_CASE("commands: the verb first, then the ticket") {
  for (const char* text : {"已整改 #12", "已整改#12", "已整改 ＃１２", "已整改 12号", "整改完成 #12号"}) {
    INFO(text);
    Command c = parse_command(text, false);
    CHECK(c.kind == CommandKind::rectify);
    REQUIRE(c.ticket_id);
    CHECK(*c.ticket_id == 12);
  }
  Command reject = parse_command("退回 #3 还有垃圾没清", false);
  CHECK(reject.kind == CommandKind::reject);
  CHECK(*reject.ticket_id == 3);
  CHECK(reject.rest == "还有垃圾没清");
  Command extend = parse_command("延期 3号 两天", false);
  CHECK(*extend.ticket_id == 3);
  CHECK(*extend.span == std::chrono::days(2));
  // A bare number after the verb is not a ticket, and 合并 #9 names the other ticket.
  CHECK(parse_command("延期 3天", false).kind == CommandKind::none);
  CHECK(parse_command("确认 12", false).kind == CommandKind::none);
  CHECK_FALSE(parse_command("合并 #9", false).ticket_id);
}

TEST_CASE("commands: status card, lists and help") {
  CHECK(parse_command("#12", false).kind == CommandKind::status_card);
  CHECK(parse_command("12号", false).kind == CommandKind::status_card);
  Command q = parse_command("查询 12", false);
  CHECK(q.kind == CommandKind::status_card);
  CHECK(*q.ticket_id == 12);
  CHECK(*parse_command("查询#7", false).ticket_id == 7);
  CHECK(parse_command("我的", false).kind == CommandKind::mine);
  CHECK(parse_command(" 逾期 ", false).kind == CommandKind::overdue);
  CHECK(parse_command("待办", false).kind == CommandKind::open_list);
  CHECK(parse_command("帮助", false).kind == CommandKind::help);
}

TEST_CASE("commands: 回头看 answers, 积分 and 台账 are in the same table") {
  Command normal = parse_command("#12 正常", false);
  CHECK(normal.kind == CommandKind::followup_normal);
  CHECK(*normal.ticket_id == 12);
  Command relapse = parse_command("＃7回潮 还是有垃圾", false);
  CHECK(relapse.kind == CommandKind::followup_relapse);
  CHECK(*relapse.ticket_id == 7);
  CHECK(parse_command("回潮 #7", false).kind == CommandKind::followup_relapse);
  CHECK(parse_command("正常", true).kind == CommandKind::followup_normal);  // quoting the bot's 回头看
  CHECK(parse_command("12 正常", false).kind == CommandKind::none);
  CHECK(parse_command("#正常", false).kind == CommandKind::none);
  CHECK(parse_command("村里一切正常", false).kind == CommandKind::none);
  for (const char* text : {" 积分 ", "我的积分", "积分查询"})
    CHECK(parse_command(text, false).kind == CommandKind::points);
  CHECK(parse_command("积分多少", false).kind == CommandKind::none);
  for (const char* text : {"台账", "登录", "/台账", "/登录"})
    CHECK(parse_command(text, false).kind == CommandKind::ledger_login);
  CHECK(parse_command("台账怎么看", false).kind == CommandKind::none);
}

TEST_CASE("commands: arguments of each verb") {
  Command reject = parse_command("#3 退回 还有垃圾没清", false);
  CHECK(reject.kind == CommandKind::reject);
  CHECK(reject.rest == "还有垃圾没清");

  Command extend = parse_command("#3 延期 3天 等雨停", false);
  CHECK(extend.kind == CommandKind::extend);
  REQUIRE(extend.span);
  CHECK(*extend.span == std::chrono::days(3));
  CHECK(extend.rest == "等雨停");
  CHECK(*parse_command("#3 延期三天", false).span == std::chrono::days(3));
  CHECK(*parse_command("#3 延期 十五天", false).span == std::chrono::days(15));
  CHECK(*parse_command("#3 延期 12小时", false).span == std::chrono::hours(12));
  CHECK(*parse_command("#3 延期 2周", false).span == std::chrono::days(14));
  CHECK_FALSE(parse_command("#3 延期 等等", false).span);

  Command merge = parse_command("#12 合并 #9", false);
  CHECK(merge.kind == CommandKind::merge);
  CHECK(*merge.other_ticket == 9);
  CHECK(*parse_command("#12 合并到9号", false).other_ticket == 9);

  CHECK(parse_command("#12 转派 @韩立新", false).rest == "@韩立新");
  CHECK(parse_command("#12 类别 3", false).rest == "3");
  CHECK(parse_command("#12 位置 南河桥", false).kind == CommandKind::relocate);
  CHECK(parse_command("#12 重开 又堆上了", false).kind == CommandKind::reopen);
  CHECK(parse_command("#12 撤销", false).kind == CommandKind::withdraw);
  CHECK(parse_command("#12 确认", false).kind == CommandKind::confirm);
}

TEST_CASE("commands: a report is not a command") {
  CHECK(parse_command("南河桥边有垃圾堆", false).kind == CommandKind::none);
  CHECK(parse_command("12号楼后面有垃圾", false).kind == CommandKind::none);
  CHECK(parse_command("#随手拍 垃圾", false).kind == CommandKind::none);
  CHECK(parse_command("确认", false).kind == CommandKind::none);  // no ticket named, nothing quoted
  CHECK(parse_command("", false).kind == CommandKind::none);
}

TEST_CASE("commands: unknown words after a ticket number get a hint") {
  CHECK(parse_command("#12 搞定没", false).kind == CommandKind::unknown);
  CHECK(parse_command("查询 几号", false).kind == CommandKind::unknown);
}

TEST_CASE("commands: quoting a bot message names the ticket") {
  Command ok = parse_command("好了", true);
  CHECK(ok.kind == CommandKind::confirm);
  CHECK(ok.only_when_rectified);
  CHECK_FALSE(ok.ticket_id);
  CHECK(parse_command("确认", true).kind == CommandKind::confirm);
  CHECK(parse_command("退回 没扫干净", true).rest == "没扫干净");
  CHECK(parse_command("谢谢", true).kind == CommandKind::none);
  CHECK(parse_command("好了", false).kind == CommandKind::none);
}

TEST_CASE("commands: 代报 keeps the rest for the report") {
  Command c = parse_command("代报 韩德福 南河桥边有垃圾", false);
  CHECK(c.kind == CommandKind::proxy_report);
  CHECK(c.rest == "韩德福 南河桥边有垃圾");
}
