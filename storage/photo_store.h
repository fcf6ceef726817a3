// Photo files under the data dir, named only by the SHA-256 of the original bytes, never by
// anything that came from input. Originals stay private (directory mode 0700, files 0600);
// the public copies (display, thumbnail) carry no metadata. Writes are atomic (temp file +
// rename) and idempotent, so two threads storing the same photo is harmless.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "config/result.h"

namespace paike {

// chart: a PNG the bot drew (the digest's chart), public like display copies.
// voice: a voice note's audio as the platform sent it, private like originals (a person's voice).
enum class PhotoVariant { original, display, thumbnail, chart, voice };

class PhotoStore {
 public:
  explicit PhotoStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Fails with code "bad_sha" when `sha256` is not 64 lowercase hex digits, "io" on disk errors.
  Result<std::filesystem::path> put(std::string_view sha256, PhotoVariant variant, std::string_view bytes);
  // The file's path if it exists; nullopt for an unknown or malformed sha256.
  std::optional<std::filesystem::path> find(std::string_view sha256, PhotoVariant variant) const;
  // The file's bytes; nullopt when find() finds nothing or it cannot be read.
  std::optional<std::string> read(std::string_view sha256, PhotoVariant variant) const;

  static bool is_valid_sha256(std::string_view sha256);

 private:
  std::filesystem::path path_for(std::string_view sha256, PhotoVariant variant) const;
  std::filesystem::path root_;
};

}  // namespace paike
