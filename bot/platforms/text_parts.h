// Long messages (a digest, a 待办 list) split into parts a platform accepts, sent in order.
// Each platform caps one message's text in its own unit: WeCom's group robot at 2048 bytes of
// UTF-8, Telegram at 4096 UTF-16 code units, others in characters. A long text is never
// refused: it is cut at line breaks where it can (else between characters, never inside
// one), and each part but a lone one ends with its number, "（1/3）". Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paike {

enum class TextUnit {
  utf8_bytes,   // WeCom robot, WeCom app
  utf16_units,  // Telegram (its "characters" are UTF-16 code units)
  code_points,  // characters as a person counts them
};

// How long `text` is in `unit`.
size_t text_length(std::string_view text, TextUnit unit);

// `text` in parts of at most `limit` units each, numbering included. One part (the text
// itself) when it fits; empty text gives one empty part. `limit` below 32 is raised to 32.
std::vector<std::string> split_text(std::string_view text, size_t limit, TextUnit unit);

}  // namespace paike
