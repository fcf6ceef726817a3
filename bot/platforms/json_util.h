// Safe lookups into untrusted JSON: a missing key, a wrong type or a null is an empty value,
// never an exception. Numbers read as strings too (platform ids arrive as both).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace paike {

// The node at `path` (object keys), or nullptr.
const nlohmann::json* json_at(const nlohmann::json& root, std::initializer_list<const char*> path);
// String at `path`; a number is printed ("123"); anything else "".
std::string str_at(const nlohmann::json& root, std::initializer_list<const char*> path);
// Integer at `path`, from a number or a decimal string.
std::optional<int64_t> int_at(const nlohmann::json& root, std::initializer_list<const char*> path);
// Floating-point at `path`, from a number or a decimal string.
std::optional<double> number_at(const nlohmann::json& root, std::initializer_list<const char*> path);

}  // namespace paike
