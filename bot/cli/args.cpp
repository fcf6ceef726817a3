#include "bot/cli/args.h"

namespace paike::cli {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

bool Args::has_flag(const std::string& name) const {
  for (const auto& flag : flags)
    if (flag == name) return true;
  return false;
}

std::optional<Args> parse_args(int argc, char** argv, int first, std::string* error) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) == 0 && word.size() > 2) {
      bool is_flag = false;
      for (const char* flag : kFlagOptions) is_flag = is_flag || word.substr(2) == flag;
      if (is_flag) {
        args.flags.push_back(word.substr(2));
        continue;
      }
      if (i + 1 >= argc) {
        if (error) *error = word + " needs a value";
        return std::nullopt;
      }
      args.options[word.substr(2)] = argv[++i];
    } else {
      args.positional.push_back(word);
    }
  }
  return args;
}

}  // namespace paike::cli
