// `paike tag [--config FILE] --group GROUP_ID TEXT`: what the bot would decide, as JSON.
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"
#include "handlers/tagging/tagging.h"

namespace paike::cli {

int run_tag(const Args& args) {
  auto group_id = args.get("group");
  if (!group_id || args.positional.empty()) {
    std::cerr << "usage: paike tag [--config FILE] --group GROUP_ID TEXT\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  const Group* group = nullptr;
  for (const auto& g : deployment->groups) {
    if (g.group_id == *group_id) group = &g;
  }
  if (!group) {
    std::cerr << "paike: unknown group '" << *group_id << "'\n";
    return 1;
  }
  std::string text;
  for (const auto& word : args.positional) text += (text.empty() ? "" : " ") + word;
  Tagger tagger(*deployment);
  TagInput input;
  input.text = text;
  input.group = group;
  std::cout << tag_result_json(tagger.tag(input), *deployment).dump() << std::endl;
  return 0;
}

}  // namespace paike::cli
