// Crypto primitives the platform adapters share (base64 lives in config/base64.h, hex,
// digests and HMAC in config/digest.h): AES-256-CBC with PKCS#7 over a chosen block size
// (16, or 32 for WeCom/DingTalk), constant-time compare, random bytes.
// Pure functions on byte strings (std::string holds raw bytes); thread-safe; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/base64.h"
#include "config/digest.h"

namespace paike::crypto {

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
