// Feishu request verification and decryption (checked against the official SDKs):
// X-Lark-Signature = hex(SHA-256(timestamp + nonce + encrypt_key + raw body));
// {"encrypt": base64} → AES-256-CBC, key SHA-256(encrypt_key), IV the first 16 bytes, PKCS#7.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "config/result.h"

namespace paike::feishu {

std::string signature(std::string_view timestamp, std::string_view nonce, std::string_view encrypt_key,
                      std::string_view body);
bool signature_ok(std::string_view given, std::string_view timestamp, std::string_view nonce,
                  std::string_view encrypt_key, std::string_view body);

// Error "decrypt" for bad base64, size, key or padding.
Result<std::string> decrypt(std::string_view encrypt_key, std::string_view encrypted_b64);
// The inverse (random IV), for tests and local tools.
std::string encrypt(std::string_view encrypt_key, std::string_view plaintext);

}  // namespace paike::feishu
