#include "handlers/tagging/text_match.h"

#include "config/text.h"

namespace paike::tagging {

std::vector<Span> find_all(std::string_view text, std::string_view word) {
  std::vector<Span> out;
  if (word.empty()) return out;
  for (size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
    out.push_back({pos, pos + word.size()});
  }
  return out;
}

size_t chars_between(std::string_view text, size_t from, size_t to) {
  if (from >= to || to > text.size()) return 0;
  return utf8_length(text.substr(from, to - from));
}

Span clause_of(std::string_view text, size_t at) {
  size_t begin = text.rfind(' ', at);
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  size_t end = text.find(' ', at);
  if (end == std::string_view::npos) end = text.size();
  return {begin, end};
}

std::vector<Span> find_keyword(std::string_view text, const std::vector<std::string>& parts, size_t max_gap) {
  if (parts.empty()) return {};
  std::vector<Span> spans = find_all(text, parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    std::vector<Span> extended;
    for (const Span& s : spans) {
      const Span clause = clause_of(text, s.begin);
      size_t next = text.substr(0, clause.end).find(parts[i], s.end);
      if (next == std::string_view::npos || chars_between(text, s.end, next) > max_gap) continue;
      extended.push_back({s.begin, next + parts[i].size()});
    }
    spans = std::move(extended);
  }
  return spans;
}

bool inside_longer(const Span& span, const std::vector<Span>& others) {
  for (const Span& o : others) {
    if (o.size() > span.size() && span.inside(o)) return true;
  }
  return false;
}

bool overlaps_from_right(const Span& span, const Span& later) {
  return later.begin > span.begin && later.begin < span.end && later.end > span.end;
}

}  // namespace paike::tagging
