// Reading chat commands: `#12 已整改`, `＃12退回 没扫干净`, `12号 延期 3天 等雨停`, `查询 12`,
// `我的`, `逾期`, `待办`, `帮助`, `代报 韩德福 …`, `#12 正常` / `#12 回潮` (回头看), `积分`,
// `台账`. Every command word is in one table here. Forgiving about spaces (ASCII and U+3000),
// full-width ＃ and digits, "#12" or "12号". Pure text → value; no database, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/time.h"

namespace paike {

enum class CommandKind {
  none,              // not a command: the message goes to intake
  unknown,           // "#12 <something unknown>": answered with a hint to 帮助
  status_card,       // "#12", "查询 12"
  mine,              // 我的
  overdue,           // 逾期
  open_list,         // 待办
  help,              // 帮助
  points,            // 积分, 我的积分
  ledger_login,      // 台账, 登录: a one-time web ledger link, privately
  proxy_report,      // 代报 <name or @someone> …
  rectify,           // 已整改
  confirm,           // 确认 (or 好了, when quoting the bot's message)
  reject,            // 退回 <reason>
  reassign,          // 转派 @someone
  extend,            // 延期 3天 <reason>
  withdraw,          // 撤销
  merge,             // 合并 #9
  reopen,            // 重开 <reason>
  recategorize,      // 类别 3
  relocate,          // 位置 南河桥
  followup_normal,   // 正常 (+ photo): the 回头看 found the place clean
  followup_relapse,  // 回潮: the problem is back; a new linked ticket
};

struct Command {
  CommandKind kind = CommandKind::none;
  std::optional<int64_t> ticket_id;     // named in the text; else the caller uses the quoted message's
  std::string rest;                     // the words after the verb: reason, name, place, category
  std::optional<int64_t> other_ticket;  // 合并 #9
  std::optional<Duration> span;         // 延期 3天
  bool only_when_rectified = false;     // "好了" is a confirmation only while the ticket awaits one
};

// `quoting_ticket`: the message quotes a bot message about a ticket, so a bare verb ("确认",
// "退回 还没扫") is a command on that ticket.
Command parse_command(std::string_view text, bool quoting_ticket);

// Full-width ＃＠ and digits → ASCII, U+3000 → space. Exposed for tests.
std::string normalize_command_text(std::string_view text);

// "3天", "3 天", "三天", "12小时", "2周" at the start of `text`; the rest after it in `rest`.
std::optional<Duration> parse_span(std::string_view text, std::string* rest);

}  // namespace paike
