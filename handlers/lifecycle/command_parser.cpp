#include "handlers/lifecycle/command_parser.h"

#include <utility>
#include <vector>

#include "config/text.h"

namespace paike {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Leading spaces and the separators people type between parts ("#12：退回", "#12，确认").
std::string_view skip_separators(std::string_view text) {
  for (;;) {
    text = trim(text);
    bool cut = false;
    for (std::string_view sep : {":", ",", "，", "：", "、", "-"}) {
      if (starts_with(text, sep)) {
        text.remove_prefix(sep.size());
        cut = true;
      }
    }
    if (!cut) return text;
  }
}

// Leading digits as a ticket number (at most 9 digits), advancing `text` past them.
std::optional<int64_t> take_number(std::string_view& text) {
  size_t n = 0;
  while (n < text.size() && is_digit(text[n])) ++n;
  if (n == 0 || n > 9) return std::nullopt;
  int64_t value = std::stoll(std::string(text.substr(0, n)));
  text.remove_prefix(n);
  return value;
}

// "#9", "# 9", "9号", "9" — the ticket named at the start.
std::optional<int64_t> take_ticket_ref(std::string_view& text) {
  std::string_view t = trim(text);
  for (std::string_view filler : {"到", "进", "入"}) {
    if (starts_with(t, filler)) t = trim(t.substr(filler.size()));
  }
  if (starts_with(t, "#")) t = trim(t.substr(1));
  auto id = take_number(t);
  if (!id) return std::nullopt;
  if (starts_with(t, "号")) t.remove_prefix(std::string_view("号").size());
  text = t;
  return id;
}

// How a command word is written.
enum class Form {
  whole,    // the message is the word alone: 帮助, 积分
  leading,  // the message starts with it: 代报 韩德福 …, 查询 12
  verb,     // after a ticket ("#12 退回 …"), before one ("退回 #12 …"), or alone quoting the bot
  // alone, quoting the bot's message about a ticket, and only while that ticket awaits a
  // confirmation: "好了" is a confirmation then and just talk otherwise
  quoting_rectified,
};

struct Word {
  std::string_view text;
  CommandKind kind;
  Form form;
};

// Every command word. Verbs are tried in this order, so a longer word comes before its prefix.
const std::vector<Word>& words() {
  using K = CommandKind;
  static const std::vector<Word> table = {
      {"帮助", K::help, Form::whole},
      {"help", K::help, Form::whole},
      {"?", K::help, Form::whole},
      {"？", K::help, Form::whole},
      {"菜单", K::help, Form::whole},
      {"我的", K::mine, Form::whole},
      {"逾期", K::overdue, Form::whole},
      {"待办", K::open_list, Form::whole},
      {"积分", K::points, Form::whole},
      {"我的积分", K::points, Form::whole},
      {"积分查询", K::points, Form::whole},
      {"台账", K::ledger_login, Form::whole},
      {"登录", K::ledger_login, Form::whole},
      {"/台账", K::ledger_login, Form::whole},
      {"/登录", K::ledger_login, Form::whole},
      {"代报", K::proxy_report, Form::leading},
      {"查询", K::status_card, Form::leading},
      {"已整改", K::rectify, Form::verb},
      {"整改完成", K::rectify, Form::verb},
      {"整改完毕", K::rectify, Form::verb},
      {"确认销号", K::confirm, Form::verb},
      {"确认", K::confirm, Form::verb},
      {"退回", K::reject, Form::verb},
      {"转派", K::reassign, Form::verb},
      {"延期", K::extend, Form::verb},
      {"撤销", K::withdraw, Form::verb},
      {"撤回", K::withdraw, Form::verb},
      {"合并", K::merge, Form::verb},
      {"类别", K::recategorize, Form::verb},
      {"分类", K::recategorize, Form::verb},
      {"位置", K::relocate, Form::verb},
      {"地点", K::relocate, Form::verb},
      {"重开", K::reopen, Form::verb},
      {"正常", K::followup_normal, Form::verb},
      {"回潮", K::followup_relapse, Form::verb},
      {"查询", K::status_card, Form::verb},
      {"好了", K::confirm, Form::quoting_rectified},
  };
  return table;
}

// The verb at the start of `text` and its arguments; kind none when no verb matches.
Command parse_verb(std::string_view text) {
  Command cmd;
  text = skip_separators(text);
  for (const auto& [word, kind, form] : words()) {
    if (form != Form::verb || !starts_with(text, word)) continue;
    cmd.kind = kind;
    std::string_view rest = skip_separators(text.substr(word.size()));
    if (kind == CommandKind::merge) {
      cmd.other_ticket = take_ticket_ref(rest);
    } else if (kind == CommandKind::extend) {
      std::string after;
      cmd.span = parse_span(rest, &after);
      if (cmd.span) rest = "";
      cmd.rest = cmd.span ? std::string(skip_separators(after)) : std::string(rest);
      return cmd;
    }
    cmd.rest = std::string(skip_separators(rest));
    return cmd;
  }
  return cmd;
}

// "已整改 #12", "退回 12号 没扫干净": the verb first, then a ticket named with # or 号 (a bare
// number could be 延期's days). 合并 is left out: its #N names the other ticket.
std::optional<Command> parse_verb_then_ticket(std::string_view text) {
  for (const auto& [word, kind, form] : words()) {
    if (form != Form::verb || kind == CommandKind::merge || !starts_with(text, word)) continue;
    std::string_view rest = skip_separators(text.substr(word.size()));
    const bool hashed = starts_with(rest, "#");
    if (hashed) rest = trim(rest.substr(1));
    auto id = take_number(rest);
    if (!id) return std::nullopt;
    if (starts_with(rest, "号")) {
      rest.remove_prefix(std::string_view("号").size());
    } else if (!hashed) {
      return std::nullopt;
    }
    Command cmd = parse_verb(std::string(word) + " " + std::string(skip_separators(rest)));
    cmd.ticket_id = id;
    return cmd;
  }
  return std::nullopt;
}

int chinese_digit(std::string_view ch) {
  static const std::vector<std::string_view> digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  for (size_t i = 0; i < digits.size(); ++i) {
    if (ch == digits[i]) return static_cast<int>(i);
  }
  if (ch == "两") return 2;
  return -1;
}

// "3", "15", "三", "十", "十五", "二十" at the start; advances `text`.
std::optional<long long> take_count(std::string_view& text) {
  size_t n = 0;
  while (n < text.size() && is_digit(text[n])) ++n;
  if (n > 0) {
    if (n > 4) return std::nullopt;
    long long value = std::stoll(std::string(text.substr(0, n)));
    text.remove_prefix(n);
    return value;
  }
  // Chinese numerals up to 99, each character three bytes in UTF-8.
  long long value = 0, pending = -1;
  bool any = false;
  while (text.size() >= 3) {
    std::string_view ch = text.substr(0, 3);
    if (ch == "十") {
      value += (pending < 0 ? 1 : pending) * 10;
      pending = -1;
    } else if (int d = chinese_digit(ch); d >= 0) {
      pending = d;
    } else {
      break;
    }
    any = true;
    text.remove_prefix(3);
  }
  if (!any) return std::nullopt;
  return value + (pending < 0 ? 0 : pending);
}

}  // namespace

std::string normalize_command_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    // U+FF01..U+FF5E (full-width ASCII) are EF BC 81..EF BD 9E; U+3000 is E3 80 80.
    if (c == 0xEF && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      const int code = (b1 == 0xBC ? b2 - 0x80 : b1 == 0xBD ? b2 - 0x80 + 0x40 : -1) + 0xFF00;
      if ((b1 == 0xBC || b1 == 0xBD) && code >= 0xFF01 && code <= 0xFF5E) {
        const char ascii = static_cast<char>(code - 0xFF01 + 0x21);
        if (ascii == '#' || ascii == '@' || is_digit(ascii)) {
          out += ascii;
          i += 3;
          continue;
        }
      }
    }
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
      out += ' ';
      i += 3;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::optional<Duration> parse_span(std::string_view text, std::string* rest) {
  std::string_view t = trim(text);
  auto count = take_count(t);
  if (!count || *count <= 0) return std::nullopt;
  t = trim(t);
  static const std::vector<std::pair<std::string_view, long long>> units = {
      {"个小时", 3600},    {"小时", 3600},    {"天", 86400}, {"日", 86400}, {"个星期", 7 * 86400},
      {"星期", 7 * 86400}, {"周", 7 * 86400}, {"h", 3600},   {"d", 86400},
  };
  for (const auto& [unit, seconds] : units) {
    if (starts_with(t, unit)) {
      if (rest) *rest = std::string(t.substr(unit.size()));
      return Duration(*count * seconds);
    }
  }
  return std::nullopt;
}

Command parse_command(std::string_view raw, bool quoting_ticket) {
  const std::string normalized = normalize_command_text(raw);
  std::string_view text = trim(normalized);
  Command cmd;
  if (text.empty()) return cmd;

  for (const auto& [word, kind, form] : words()) {
    if (form == Form::whole && text == word) {
      cmd.kind = kind;
      return cmd;
    }
  }
  for (const auto& [word, kind, form] : words()) {
    if (form != Form::leading || !starts_with(text, word)) continue;
    std::string_view rest = text.substr(word.size());
    if (kind == CommandKind::proxy_report) {
      cmd.kind = kind;
      cmd.rest = std::string(skip_separators(rest));
      return cmd;
    }
    cmd.ticket_id = take_ticket_ref(rest);
    cmd.kind = cmd.ticket_id ? kind : CommandKind::unknown;
    return cmd;
  }

  // "#12 …": a deliberate ticket number; anything after it that is not a verb gets a hint.
  if (starts_with(text, "#")) {
    std::string_view rest = trim(text.substr(1));
    auto id = take_number(rest);
    if (!id) return cmd;  // a hashtag, not a command
    if (starts_with(rest, "号")) rest.remove_prefix(std::string_view("号").size());
    rest = skip_separators(rest);
    if (rest.empty()) {
      cmd.kind = CommandKind::status_card;
      cmd.ticket_id = id;
      return cmd;
    }
    cmd = parse_verb(rest);
    cmd.ticket_id = id;
    if (cmd.kind == CommandKind::none) cmd.kind = CommandKind::unknown;
    return cmd;
  }

  // "12号 …": only with a verb (or alone), since "12号楼后面有垃圾" is a report.
  {
    std::string_view rest = text;
    auto id = take_number(rest);
    if (id && starts_with(rest, "号")) {
      rest = skip_separators(rest.substr(std::string_view("号").size()));
      if (rest.empty()) {
        cmd.kind = CommandKind::status_card;
        cmd.ticket_id = id;
        return cmd;
      }
      Command verb = parse_verb(rest);
      if (verb.kind != CommandKind::none) {
        verb.ticket_id = id;
        return verb;
      }
      return Command{};
    }
  }

  if (auto verb_first = parse_verb_then_ticket(text)) return *verb_first;

  if (quoting_ticket) {
    for (const auto& [word, kind, form] : words()) {
      if (form == Form::quoting_rectified && text == word) {
        cmd.kind = kind;
        cmd.only_when_rectified = true;
        return cmd;
      }
    }
    return parse_verb(text);
  }
  return cmd;
}

}  // namespace paike
