#include "bot/platforms/feishu/verify.h"

#include "bot/platforms/crypto.h"

namespace paike::feishu {

std::string signature(std::string_view timestamp, std::string_view nonce, std::string_view encrypt_key,
                      std::string_view body) {
  std::string data;
  data.append(timestamp).append(nonce).append(encrypt_key).append(body);
  return crypto::hex(crypto::sha256(data));
}

bool signature_ok(std::string_view given, std::string_view timestamp, std::string_view nonce,
                  std::string_view encrypt_key, std::string_view body) {
  return crypto::constant_time_equal(given, signature(timestamp, nonce, encrypt_key, body));
}

Result<std::string> decrypt(std::string_view encrypt_key, std::string_view encrypted_b64) {
  auto data = base64_decode(encrypted_b64);
  if (!data || data->size() < 32 || data->size() % 16 != 0) return make_error(ErrorCode::decrypt, "bad ciphertext");
  auto key = crypto::sha256(encrypt_key);
  auto plain =
      crypto::aes256_cbc_decrypt_raw(key, std::string_view(*data).substr(0, 16), std::string_view(*data).substr(16));
  if (!plain) return make_error(ErrorCode::decrypt, "AES failed");
  auto unpadded = crypto::pkcs7_unpad(*plain, 16);
  if (!unpadded) return make_error(ErrorCode::decrypt, "bad padding (wrong encrypt key?)");
  return *unpadded;
}

std::string encrypt(std::string_view encrypt_key, std::string_view plaintext) {
  auto iv = crypto::random_bytes(16);
  auto cipher = crypto::aes256_cbc_encrypt_raw(crypto::sha256(encrypt_key), iv, crypto::pkcs7_pad(plaintext, 16));
  return base64_encode(iv + cipher.value_or(""));
}

}  // namespace paike::feishu
