#include "config/problems.h"

namespace paike {

std::string format_problem(const ConfigProblem& p) {
  std::string out = p.file;
  if (p.line > 0) out += ":" + std::to_string(p.line);
  out += ": " + p.message;
  if (!p.hint.empty()) out += " (hint: " + p.hint + ")";
  return out;
}

}  // namespace paike
