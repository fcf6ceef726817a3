#include "bot/platforms/wecom/verify.h"

#include <algorithm>
#include <array>
#include <optional>

#include "bot/platforms/crypto.h"

namespace paike::wecom {
namespace {

std::optional<std::string> aes_key(std::string_view encoding_aes_key) {
  if (encoding_aes_key.size() != 43) return std::nullopt;
  auto key = base64_decode(std::string(encoding_aes_key) + "=");
  if (!key || key->size() != 32) return std::nullopt;
  return key;
}

}  // namespace

std::string msg_signature(std::string_view token, std::string_view timestamp, std::string_view nonce,
                          std::string_view encrypted) {
  std::array<std::string_view, 4> parts{token, timestamp, nonce, encrypted};
  std::sort(parts.begin(), parts.end());
  std::string joined;
  for (auto part : parts) joined.append(part);
  return crypto::hex(crypto::sha1(joined));
}

bool msg_signature_ok(std::string_view given, std::string_view token, std::string_view timestamp,
                      std::string_view nonce, std::string_view encrypted) {
  return crypto::constant_time_equal(given, msg_signature(token, timestamp, nonce, encrypted));
}

Result<Decrypted> decrypt(std::string_view encoding_aes_key, std::string_view encrypted_b64) {
  auto key = aes_key(encoding_aes_key);
  if (!key) return make_error(ErrorCode::decrypt, "EncodingAESKey must be 43 base64 characters");
  auto data = base64_decode(encrypted_b64);
  if (!data) return make_error(ErrorCode::decrypt, "ciphertext is not base64");
  auto plain = crypto::aes256_cbc_decrypt_raw(*key, std::string_view(*key).substr(0, 16), *data);
  if (!plain) return make_error(ErrorCode::decrypt, "ciphertext size is not a multiple of 16");
  auto unpadded = crypto::pkcs7_unpad(*plain, 32);
  if (!unpadded || unpadded->size() < 20) return make_error(ErrorCode::decrypt, "bad padding (wrong key?)");
  const auto* p = reinterpret_cast<const unsigned char*>(unpadded->data()) + 16;
  size_t length = (size_t(p[0]) << 24) | (size_t(p[1]) << 16) | (size_t(p[2]) << 8) | size_t(p[3]);
  if (length > unpadded->size() - 20) return make_error(ErrorCode::decrypt, "length field past the end");
  return Decrypted{unpadded->substr(20, length), unpadded->substr(20 + length)};
}

std::string encrypt(std::string_view encoding_aes_key, std::string_view message, std::string_view receive_id) {
  auto key = aes_key(encoding_aes_key);
  if (!key) return {};
  std::string plain = crypto::random_bytes(16);
  uint32_t n = static_cast<uint32_t>(message.size());
  plain += static_cast<char>(n >> 24);
  plain += static_cast<char>(n >> 16);
  plain += static_cast<char>(n >> 8);
  plain += static_cast<char>(n);
  plain.append(message).append(receive_id);
  auto cipher =
      crypto::aes256_cbc_encrypt_raw(*key, std::string_view(*key).substr(0, 16), crypto::pkcs7_pad(plain, 32));
  return base64_encode(cipher.value_or(""));
}

Result<std::string> decrypt_media(std::string_view encoding_aes_key, std::string_view data) {
  auto key = aes_key(encoding_aes_key);
  if (!key) return make_error(ErrorCode::decrypt, "EncodingAESKey must be 43 base64 characters");
  auto plain = crypto::aes256_cbc_decrypt_raw(*key, std::string_view(*key).substr(0, 16), data);
  if (!plain || data.empty()) return make_error(ErrorCode::decrypt, "encrypted file size is not a multiple of 16");
  auto unpadded = crypto::pkcs7_unpad(*plain, 32);
  if (!unpadded) return make_error(ErrorCode::decrypt, "bad padding (not encrypted with this EncodingAESKey?)");
  return std::move(*unpadded);
}

std::string encrypt_media(std::string_view encoding_aes_key, std::string_view data) {
  auto key = aes_key(encoding_aes_key);
  if (!key) return {};
  return crypto::aes256_cbc_encrypt_raw(*key, std::string_view(*key).substr(0, 16), crypto::pkcs7_pad(data, 32))
      .value_or("");
}

}  // namespace paike::wecom
