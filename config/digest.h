// Digests and keyed digests (OpenSSL EVP), the one home for them: photos are named by their
// SHA-256 (vision, storage, handlers), login links and platform signatures use HMAC. Pure
// functions on byte strings (std::string holds raw bytes); thread-safe; never throw.
#pragma once

#include <string>
#include <string_view>

namespace paike::crypto {

std::string hex(std::string_view bytes);  // lowercase

std::string sha1(std::string_view data);                               // 20 raw bytes
std::string sha256(std::string_view data);                             // 32 raw bytes
std::string md5(std::string_view data);                                // 16 raw bytes (WeCom robot image checksum)
std::string hmac_sha1(std::string_view key, std::string_view data);    // 20 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes

// Lowercase hex SHA-256: how a photo is named.
inline std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

}  // namespace paike::crypto
