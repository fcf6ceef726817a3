#include "bot/platforms/roster_ids.h"

#include <algorithm>
#include <cctype>

namespace paike {

namespace {

std::string username_key(std::string_view name) {
  if (name.starts_with('@')) name.remove_prefix(1);
  std::string key(name);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

PlatformRoster::PlatformRoster(const std::string& platform, const Deployment& deployment) {
  for (const auto& person : deployment.people) {
    if (auto name = person.platform_usernames.find(platform); name != person.platform_usernames.end()) {
      std::string key = username_key(name->second);
      if (!key.empty()) by_username_[key] = person.user_id;
    }
    auto it = person.platform_ids.find(platform);
    if (it == person.platform_ids.end() || it->second.empty()) continue;
    MentionTarget target{person.user_id, it->second, person.name};
    by_platform_id_[target.platform_id] = target;
    by_roster_id_[target.roster_id] = target;
  }
}

std::string PlatformRoster::roster_id(const std::string& platform_id) const {
  auto it = by_platform_id_.find(platform_id);
  return it == by_platform_id_.end() ? platform_id : it->second.roster_id;
}

std::string PlatformRoster::roster_id_by_username(std::string_view username) const {
  auto it = by_username_.find(username_key(username));
  return it == by_username_.end() ? std::string() : it->second;
}

std::string PlatformRoster::name(const std::string& platform_id) const {
  auto it = by_platform_id_.find(platform_id);
  return it == by_platform_id_.end() ? std::string() : it->second.name;
}

std::string PlatformRoster::platform_chat(const std::string& id, bool direct) const {
  if (!direct) return id;
  auto it = by_roster_id_.find(id);
  return it == by_roster_id_.end() ? id : it->second.platform_id;
}

std::vector<MentionTarget> PlatformRoster::targets(const std::vector<std::string>& roster_ids) const {
  std::vector<MentionTarget> out;
  for (const auto& id : roster_ids) {
    auto it = by_roster_id_.find(id);
    if (it != by_roster_id_.end()) out.push_back(it->second);
  }
  return out;
}

std::string render_mentions(const std::string& text, const std::vector<MentionTarget>& targets,
                            const std::function<std::string(const MentionTarget&)>& format,
                            const std::function<std::string(const std::string&)>& escape) {
  auto plain = [&](const std::string& s) { return escape ? escape(s) : s; };
  // Where each target's "@name" sits in the text (npos: not named).
  std::vector<std::pair<size_t, const MentionTarget*>> found;
  std::string prefix;
  for (const auto& target : targets) {
    size_t at = target.name.empty() ? std::string::npos : text.find("@" + target.name);
    if (at == std::string::npos) {
      prefix += format(target) + " ";
    } else {
      found.emplace_back(at, &target);
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out = prefix;
  size_t pos = 0;
  for (const auto& [at, target] : found) {
    if (at < pos) continue;  // overlapping names: the first wins
    out += plain(text.substr(pos, at - pos));
    out += format(*target);
    pos = at + 1 + target->name.size();
  }
  out += plain(text.substr(pos));
  return out;
}

std::vector<MessagePiece> split_mentions(const std::string& text, const std::vector<MentionTarget>& targets) {
  // Mark each mention with its index between two \x01 bytes (never in chat text), then cut.
  std::string marked = render_mentions(text, targets, [&targets](const MentionTarget& t) {
    return "\x01" + std::to_string(&t - targets.data()) + "\x01";
  });
  std::vector<MessagePiece> pieces;
  bool in_mention = false;
  size_t pos = 0;
  for (;;) {
    size_t next = marked.find('\x01', pos);
    std::string part = marked.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (in_mention) {
      pieces.push_back({"", targets.at(std::stoul(part))});
    } else if (!part.empty()) {
      pieces.push_back({part, std::nullopt});
    }
    if (next == std::string::npos) break;
    in_mention = !in_mention;
    pos = next + 1;
  }
  return pieces;
}

}  // namespace paike
