#include "handlers/ledger/public_text.h"

#include <regex>

#include "config/text.h"

namespace paike {
namespace {

// Digits in the order written, with the separators people type between them (space, -).
std::string digits_of(const std::string& run) {
  std::string digits;
  for (char c : run) {
    if ((c >= '0' && c <= '9') || c == 'X' || c == 'x') digits += c;
  }
  return digits;
}

std::string masked(const std::string& digits, size_t keep_front) {
  const size_t keep_back = 4;
  if (digits.size() <= keep_front + keep_back) return std::string(digits.size(), '*');
  return digits.substr(0, keep_front) + std::string(digits.size() - keep_front - keep_back, '*') +
         digits.substr(digits.size() - keep_back);
}

// An ID-card number (17 digits and a digit or X), a mobile number (1[3-9]x xxxx xxxx, with
// the spaces or dashes people type) or a landline (0xx(x) then 7-8 digits); not inside a
// longer run of digits, so dates and ticket numbers stay as they are.
const std::regex& personal_numbers() {
  static const std::regex numbers(
      R"((?:[0-9]{17}[0-9Xx]|1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}|0[0-9]{2,3}[ -]?[0-9]{7,8})(?![0-9]))");
  return numbers;
}

}  // namespace

std::string public_text(std::string_view text, const Deployment& deployment) {
  std::string out;
  const std::string input(text);
  size_t last = 0;
  for (auto it = std::sregex_iterator(input.begin(), input.end(), personal_numbers()); it != std::sregex_iterator();
       ++it) {
    const auto at = static_cast<size_t>(it->position());
    if (at > 0 && input[at - 1] >= '0' && input[at - 1] <= '9') continue;  // inside a longer number
    const std::string digits = digits_of(it->str());
    out += input.substr(last, at - last);
    out += masked(digits, digits.size() == 18 ? 6 : 3);
    last = at + static_cast<size_t>(it->length());
  }
  out += input.substr(last);
  for (const auto& person : deployment.people) {
    const size_t chars = utf8_length(person.name);
    if (chars < 2) continue;
    size_t first = 1;  // bytes of the surname's character
    while (first < person.name.size() && (static_cast<unsigned char>(person.name[first]) & 0xC0) == 0x80) ++first;
    const std::string hidden = person.name.substr(0, first) + std::string(chars - 1, '*');
    for (size_t at = out.find(person.name); at != std::string::npos; at = out.find(person.name, at + hidden.size())) {
      out.replace(at, person.name.size(), hidden);
    }
  }
  return out;
}

}  // namespace paike
