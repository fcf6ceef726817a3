// What `paike check-config` reports: every problem with where it is and how to fix it.
#pragma once

#include <string>
#include <vector>

namespace paike {

struct ConfigProblem {
  std::string file;     // as the operator named it, e.g. "config/demo/roster.csv"
  int line = 0;         // 1-based line or row; 0 when the problem is about the whole file
  std::string message;  // what is wrong (English, shown to the operator)
  std::string hint;     // how to fix it
};

using ConfigProblems = std::vector<ConfigProblem>;

// "roster.csv:7: unknown village 韩家庄 (hint: …)"
std::string format_problem(const ConfigProblem& problem);

}  // namespace paike
