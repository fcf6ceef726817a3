// Crypto primitives the platform adapters share (base64 lives in config/base64.h): hex,
// SHA-1/256, HMAC, AES-256-CBC with PKCS#7 over a chosen block size (16, or 32 for
// WeCom/DingTalk), constant-time compare.
// Pure functions on byte strings (std::string holds raw bytes); thread-safe; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/base64.h"

namespace paike::crypto {

std::string hex(std::string_view bytes);  // lowercase

std::string sha1(std::string_view data);                               // 20 raw bytes
std::string sha256(std::string_view data);                             // 32 raw bytes
std::string md5(std::string_view data);                                // 16 raw bytes (WeCom robot image checksum)
std::string hmac_sha1(std::string_view key, std::string_view data);    // 20 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes

// Equal length and bytes, in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// PKCS#7 padding to a multiple of `block` (1..255).
std::string pkcs7_pad(std::string_view data, size_t block);
// nullopt when the padding is not valid for `block`.
std::optional<std::string> pkcs7_unpad(std::string_view data, size_t block);

// AES-256-CBC without OpenSSL's own padding: `key` 32 bytes, `iv` 16 bytes, `data` a
// multiple of 16. nullopt on wrong sizes or an OpenSSL failure.
std::optional<std::string> aes256_cbc_encrypt_raw(std::string_view key, std::string_view iv, std::string_view data);
std::optional<std::string> aes256_cbc_decrypt_raw(std::string_view key, std::string_view iv, std::string_view data);

std::string random_bytes(size_t n);

}  // namespace paike::crypto
