#include "storage/photo_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace paike {

namespace fs = std::filesystem;

bool PhotoStore::is_valid_sha256(std::string_view sha) {
  if (sha.size() != 64) return false;
  for (char c : sha) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

fs::path PhotoStore::path_for(std::string_view sha, PhotoVariant variant) const {
  const std::string name(sha);
  switch (variant) {
    case PhotoVariant::original:
      return root_ / "originals" / name.substr(0, 2) / name;
    case PhotoVariant::display:
      return root_ / "public" / name.substr(0, 2) / (name + ".jpg");
    case PhotoVariant::thumbnail:
      return root_ / "public" / name.substr(0, 2) / (name + ".thumb.jpg");
    case PhotoVariant::chart:
      return root_ / "public" / name.substr(0, 2) / (name + ".png");
    case PhotoVariant::voice:
      return root_ / "voices" / name.substr(0, 2) / name;
  }
  return {};
}

namespace {

std::atomic<unsigned> temp_counter{0};

// Instances on several machines may share the photo directory (docs/deploy/postgresql.md): the
// host's name keeps two of them with the same process id from writing one temp file.
const std::string& temp_host_name() {
  static const std::string name = [] {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0) return std::string("host");
    std::string safe;
    for (const char* c = buffer; *c; ++c) safe += (*c == '/' ? '_' : *c);
    return safe;
  }();
  return name;
}

bool write_file(const fs::path& path, std::string_view bytes, mode_t mode) {
  const fs::path temp = path.string() + ".tmp" + temp_host_name() + "." + std::to_string(::getpid()) + "." +
                        std::to_string(temp_counter++);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return false;
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(temp.c_str());
      return false;
    }
    written += static_cast<size_t>(n);
  }
  bool ok = ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace

Result<fs::path> PhotoStore::put(std::string_view sha, PhotoVariant variant, std::string_view bytes) {
  if (!is_valid_sha256(sha)) return make_error(ErrorCode::bad_sha, "not a sha256 hex digest");
  const fs::path path = path_for(sha, variant);
  std::error_code ec;
  if (fs::exists(path, ec)) return path;
  const bool is_private = variant == PhotoVariant::original || variant == PhotoVariant::voice;
  const fs::path private_root = root_ / (variant == PhotoVariant::voice ? "voices" : "originals");
  fs::create_directories(path.parent_path(), ec);
  if (ec) return make_error(ErrorCode::io, "cannot create " + path.parent_path().string() + ": " + ec.message());
  if (is_private) {
    fs::permissions(private_root, fs::perms::owner_all, ec);
    fs::permissions(path.parent_path(), fs::perms::owner_all, ec);
  }
  if (!write_file(path, bytes, is_private ? 0600 : 0644)) {
    return make_error(ErrorCode::io, "cannot write " + path.string() + ": " + std::strerror(errno));
  }
  return path;
}

std::optional<fs::path> PhotoStore::find(std::string_view sha, PhotoVariant variant) const {
  if (!is_valid_sha256(sha)) return std::nullopt;
  fs::path path = path_for(sha, variant);
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  return path;
}

std::optional<std::string> PhotoStore::read(std::string_view sha, PhotoVariant variant) const {
  auto path = find(sha, variant);
  if (!path) return std::nullopt;
  std::ifstream in(*path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace paike
