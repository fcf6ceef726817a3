// What the bot says in chat about ticket commands: confirmations of each change, refusals that
// say who may act, and hints, from the deployment's wording (config/default_replies.yaml,
// area commands). The people who must act are written "@姓名" (the caller puts their ids in
// the message's mentions). Fixed hints ("commands.which_ticket" …) are rendered where said.
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"
#include "handlers/lifecycle/lifecycle.h"
#include "storage/ticket.h"

namespace paike {

std::string person_mention(const Deployment& d, const std::string& user_id);  // "@张桂兰", or "" when unknown

std::string rectified_reply(const Ticket& t, const Deployment& d);
std::string after_photo_request(int64_t ticket_id, const Deployment& d);
// The after-photo seems to show another place than the report: `checkers` (the village
// secretary) must look; the ticket does not close by itself meanwhile.
std::string place_mismatch_reply(const Ticket& t, const std::vector<std::string>& checkers, const Deployment& d);
std::string confirmed_reply(const Ticket& t, const Deployment& d);
std::string auto_closed_reply(const Ticket& t, const Deployment& d);
std::string rejected_reply(const Ticket& t, const std::string& reason, const Deployment& d);
std::string reassigned_reply(const Ticket& t, const Deployment& d);
std::string extended_reply(const Ticket& t, Duration by, const Deployment& d);
std::string withdrawn_reply(const Ticket& t, const Deployment& d);
std::string merged_reply(const Ticket& t, const Ticket& into, const Deployment& d);
std::string reopened_reply(const Reopened& r, const Deployment& d);
std::string recategorized_reply(const Ticket& t, const Deployment& d);
std::string relocated_reply(const Ticket& t, const Deployment& d);

// Refusals and hints.
std::string not_found_reply(int64_t ticket_id, const Deployment& d);
std::string forbidden_reply(LifecycleAction action, int64_t ticket_id, const Deployment& d);
std::string wrong_state_reply(LifecycleAction action, const Ticket& t, const Deployment& d);
std::string other_village_reply(const Ticket& t, const Deployment& d);
std::string needs_approval_reply(const Deployment& d, const std::string& village);
std::string reason_needed_reply(LifecycleAction action, const Deployment& d);
std::string which_category_reply(const Deployment& d);
// 代报 is for the grid leader and the cadres.
std::string proxy_forbidden_reply(const Deployment& d);

}  // namespace paike
