// Substring search over normalised text (handlers/tagging/normalize.h), in byte offsets.
// Clauses are separated by ' '. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paike::tagging {

struct Span {
  size_t begin = 0;
  size_t end = 0;  // one past the last byte
  size_t size() const { return end - begin; }
  bool inside(const Span& other) const { return other.begin <= begin && end <= other.end; }
};

// Every occurrence of `word` (non-empty) in `text`, overlapping ones included.
std::vector<Span> find_all(std::string_view text, std::string_view word);

// A keyword: "A" or "A*B" (A, then B later in the same clause, at most `max_gap` code points
// between them). Returns one span per occurrence of A that is followed by B.
std::vector<Span> find_keyword(std::string_view text, const std::vector<std::string>& parts, size_t max_gap = 6);

// Code points between byte offsets `from` and `to` (from <= to).
size_t chars_between(std::string_view text, size_t from, size_t to);

// The clause (between spaces) holding byte offset `at`.
Span clause_of(std::string_view text, size_t at);

// Drops spans that lie inside a strictly longer span of `others` ("垃圾" inside "建筑垃圾").
bool inside_longer(const Span& span, const std::vector<Span>& others);

// `later` starts inside `span` and runs past its end ("井盖" over "下水井" in "下水井盖").
bool overlaps_from_right(const Span& span, const Span& later);

}  // namespace paike::tagging
