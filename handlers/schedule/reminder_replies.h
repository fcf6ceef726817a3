// What the bot says about deadlines, escalation (督办), 回头看 and points, from the deployment's
// wording (config/default_replies.yaml, areas reminder, followup, points). People to act are
// @-mentioned by name (the platform adds the mention).
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"
#include "storage/points_ledger.h"
#include "storage/ticket.h"

namespace paike {

// "#12【生活垃圾】韩家村·南片（南河桥）"
std::string ticket_headline(const Ticket& ticket, const Deployment& deployment);
// "@张桂兰 @韩建国" for the given user ids (unknown ids are left out).
std::string mention_names(const std::vector<std::string>& user_ids, const Deployment& deployment);
// "1天", "5小时", "3天2小时" — how long a ticket has been overdue.
std::string overdue_span(const Deployment& deployment, Duration overdue);

std::string due_soon_line(const Ticket& ticket, const Deployment& d, const std::string& mentions);
// Ladder step `index` (0: at due, 1: 挂牌督办, 2+: 督办升级) for a ticket overdue by `overdue`.
std::string ladder_line(size_t index, const Ticket& ticket, const Deployment& d, Duration overdue,
                        const std::string& mentions);
// Several reminders for one group in one message, most overdue first.
std::string batched_reminders(const Deployment& d, const std::vector<std::string>& lines);

std::string followup_request(const Ticket& ticket, const Deployment& d, const std::string& mentions, Duration after);
std::string relapse_note(const Deployment& d, int64_t original_id);  // appended to the new ticket's filing reply

// "韩德福的积分：12 分。最近：11月20日 +2 #12 上报的问题已销号；…"
std::string points_reply(const std::string& name, int64_t balance, const std::vector<PointsEntry>& recent,
                         const Deployment& d);

}  // namespace paike
