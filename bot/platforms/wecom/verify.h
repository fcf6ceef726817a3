// WeCom callback crypto (official C++/Python samples; DingTalk's event subscription uses the
// same scheme): msg_signature = hex(SHA-1(sorted(token, timestamp, nonce, ciphertext) joined));
// key = base64(EncodingAESKey + "="), IV = key[0:16], AES-256-CBC, PKCS#7 over 32-byte blocks;
// plaintext = 16 random bytes + 4-byte big-endian length + message + receive id.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "config/result.h"

namespace paike::wecom {

std::string msg_signature(std::string_view token, std::string_view timestamp, std::string_view nonce,
                          std::string_view encrypted);
bool msg_signature_ok(std::string_view given, std::string_view token, std::string_view timestamp,
                      std::string_view nonce, std::string_view encrypted);

struct Decrypted {
  std::string message;
  std::string receive_id;
};
// Error "decrypt" for a bad key, base64, padding or length field.
Result<Decrypted> decrypt(std::string_view encoding_aes_key, std::string_view encrypted_b64);
// The inverse, for tests and simulators; "" on a bad key.
std::string encrypt(std::string_view encoding_aes_key, std::string_view message, std::string_view receive_id);

// Files the intelligent robot hands over by url (images, files) are encrypted with the same
// key (智能机器人 接收消息, 结构体说明 图片): AES-256-CBC, IV = key[0:16], PKCS#7 over 32-byte
// blocks, raw bytes with no random prefix, length field or receive id.
// Error "decrypt" for a bad key, size or padding.
Result<std::string> decrypt_media(std::string_view encoding_aes_key, std::string_view data);
// The inverse, for tests; "" on a bad key.
std::string encrypt_media(std::string_view encoding_aes_key, std::string_view data);

}  // namespace paike::wecom
