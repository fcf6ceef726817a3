// PlatformRoster: the roster seen from one platform — roster user id ↔ that platform's user
// id (the roster CSV's `<platform>_id` column) — and how an OutgoingMessage's "@姓名" text
// becomes the platform's real @-mention. Immutable after construction; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/deployment.h"

namespace paike {

struct MentionTarget {
  std::string roster_id;
  std::string platform_id;
  std::string name;
};

class PlatformRoster {
 public:
  PlatformRoster() = default;
  PlatformRoster(const std::string& platform, const Deployment& deployment);

  // The roster id of a platform user, or the platform id itself when not on the roster.
  std::string roster_id(const std::string& platform_id) const;
  // The roster name of a platform user, or "" when not on the roster.
  std::string name(const std::string& platform_id) const;
  // The roster id of the person with this platform user name (the `<platform>_username`
  // column; case-insensitive, with or without "@"), or "" when none.
  std::string roster_id_by_username(std::string_view username) const;
  // A chat's id as the platform knows it: a group's unchanged; a private chat's (`direct`,
  // a roster id) the person's platform id, or the id itself when not on the roster.
  std::string platform_chat(const std::string& id, bool direct) const;
  // Roster ids → targets; ids without a platform id here are skipped.
  std::vector<MentionTarget> targets(const std::vector<std::string>& roster_ids) const;

 private:
  std::map<std::string, MentionTarget> by_platform_id_;
  std::map<std::string, MentionTarget> by_roster_id_;
  std::map<std::string, std::string> by_username_;  // lower-case name without "@" → roster id
};

// Replaces the first "@name" of each target in `text` with format(target); targets not
// named in the text are put in front, separated by spaces. Other text passes through `escape`.
std::string render_mentions(const std::string& text, const std::vector<MentionTarget>& targets,
                            const std::function<std::string(const MentionTarget&)>& format,
                            const std::function<std::string(const std::string&)>& escape = nullptr);

// The text cut at the targets' "@name" (as render_mentions places them): plain runs with
// `mention` unset, and one piece per mention, for platforms whose mentions are structured
// (OneBot `at` segments, Feishu post `at` tags).
struct MessagePiece {
  std::string text;
  std::optional<MentionTarget> mention;
};
std::vector<MessagePiece> split_mentions(const std::string& text, const std::vector<MentionTarget>& targets);

}  // namespace paike
