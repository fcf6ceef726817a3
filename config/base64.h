// Standard base64 (RFC 4648, with padding), as chat platforms and the simulator use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace paike {

std::string base64_encode(std::string_view bytes);
// Ignores ASCII white space; nullopt on any other character outside the alphabet or bad padding.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace paike
