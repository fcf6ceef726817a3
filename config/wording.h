// Every word paike says to a person — chat replies, reminders, the digest, the web ledger's
// labels, status and role names, audit reasons — is a template in config/default_replies.yaml,
// keyed "area.name" and written with named placeholders ("已登记 #{ticket}【{category}】…").
// A township's YAML may override any key under `replies:`; check-config reports unknown keys
// and placeholders a template lacks or does not have, with file and line. Code names the key
// and fills the placeholders; it never holds the words (tests/config/wording_test.cpp walks
// every key and fails on Latin words, and on keys the code names but the file lacks).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/problems.h"

namespace paike {

// One placeholder's value: {"ticket", "12"}.
using WordingParam = std::pair<std::string_view, std::string_view>;

class Wording {
 public:
  // The shipped wording (config/default_replies.yaml, embedded in the binary).
  Wording();

  // Applies a township's `replies:` section (nested mappings or dotted keys, both "a.b: …").
  // A key the defaults lack, or a template naming a placeholder its default does not have or
  // dropping one it has, is a problem and leaves the default in place.
  void apply_overrides(const YAML::Node& replies, const std::string& file, ConfigProblems& problems);

  // The template of `key` with each {name} replaced by its value. A key not in the defaults
  // is a bug in the code (tests catch it): the key itself is returned.
  std::string render(std::string_view key, std::initializer_list<WordingParam> params = {}) const;
  // The list forms serve audit reasons, whose parameters are read back from storage.
  std::string render(std::string_view key, const std::vector<std::pair<std::string, std::string>>& params) const;
  std::string render(std::string_view key, std::span<const WordingParam> params) const;
  // Whether the deployment has this key (e.g. an audit reason code that may be unknown).
  bool has(std::string_view key) const;

  std::vector<std::string> keys() const;
  // The placeholders the default template of `key` uses, in order of first use.
  std::vector<std::string> placeholders(std::string_view key) const;

  struct Template {
    std::string text;
    std::vector<std::string> placeholders;
  };

 private:
  // Shared until a township overrides a key: most deployments and every test copy it freely.
  std::shared_ptr<const std::map<std::string, Template, std::less<>>> templates_;
};

// "{ticket}" names in `text`, in order of first use; a '{' not followed by a name and '}'
// stays text.
std::vector<std::string> template_placeholders(std::string_view text);

}  // namespace paike
