#include "storage/write_lock.h"

#include <map>

namespace paike {

std::shared_ptr<std::timed_mutex> write_lock_for(const std::filesystem::path& file) {
  static std::mutex registry_mutex;
  static std::map<std::filesystem::path, std::weak_ptr<std::timed_mutex>> registry;
  std::error_code ec;
  std::filesystem::path key = std::filesystem::weakly_canonical(file, ec);
  if (ec) key = file;
  std::lock_guard guard(registry_mutex);
  if (auto existing = registry[key].lock()) return existing;
  // Drop the entries of files no connection has open any more, so the map stays small.
  std::erase_if(registry, [](const auto& entry) { return entry.second.expired(); });
  auto made = std::make_shared<std::timed_mutex>();
  registry[key] = made;
  return made;
}

}  // namespace paike
