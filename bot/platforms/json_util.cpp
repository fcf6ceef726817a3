#include "bot/platforms/json_util.h"

#include <charconv>
#include <cstdlib>

namespace paike {

const nlohmann::json* json_at(const nlohmann::json& root, std::initializer_list<const char*> path) {
  const nlohmann::json* node = &root;
  for (const char* key : path) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

std::string str_at(const nlohmann::json& root, std::initializer_list<const char*> path) {
  const auto* node = json_at(root, path);
  if (!node) return {};
  if (node->is_string()) return node->get<std::string>();
  if (node->is_number_integer()) return node->dump();
  return {};
}

std::optional<int64_t> int_at(const nlohmann::json& root, std::initializer_list<const char*> path) {
  const auto* node = json_at(root, path);
  if (!node) return std::nullopt;
  if (node->is_number_integer()) return node->get<int64_t>();
  if (node->is_string()) {
    const auto& s = node->get_ref<const std::string&>();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && end == s.data() + s.size()) return value;
  }
  return std::nullopt;
}

std::optional<double> number_at(const nlohmann::json& root, std::initializer_list<const char*> path) {
  const auto* node = json_at(root, path);
  if (!node) return std::nullopt;
  if (node->is_number()) return node->get<double>();
  if (node->is_string()) {
    const auto& s = node->get_ref<const std::string&>();
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double value = std::strtod(s.c_str(), &end);
    if (end == s.c_str() + s.size()) return value;
  }
  return std::nullopt;
}

}  // namespace paike
