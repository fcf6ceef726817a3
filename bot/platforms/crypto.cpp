#include "bot/platforms/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace paike::crypto {
namespace {

std::optional<std::string> aes_cbc(bool encrypt, std::string_view key, std::string_view iv, std::string_view data) {
  if (key.size() != 32 || iv.size() != 16 || data.size() % 16 != 0) return std::nullopt;
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx) return std::nullopt;
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  const auto* v = reinterpret_cast<const unsigned char*>(iv.data());
  if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, k, v, encrypt ? 1 : 0) != 1) return std::nullopt;
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  std::string out(data.size() + 16, '\0');
  int len = 0;
  int tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (EVP_CipherUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(data.data()),
                       static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), o + len, &tail) != 1) {
    return std::nullopt;
  }
  out.resize(static_cast<size_t>(len + tail));
  return out;
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string pkcs7_pad(std::string_view data, size_t block) {
  size_t pad = block - data.size() % block;
  std::string out(data);
  out.append(pad, static_cast<char>(pad));
  return out;
}

std::optional<std::string> pkcs7_unpad(std::string_view data, size_t block) {
  if (data.empty() || data.size() % 16 != 0) return std::nullopt;
  size_t pad = static_cast<unsigned char>(data.back());
  if (pad == 0 || pad > block || pad > data.size()) return std::nullopt;
  for (size_t i = data.size() - pad; i < data.size(); ++i) {
    if (static_cast<unsigned char>(data[i]) != pad) return std::nullopt;
  }
  return std::string(data.substr(0, data.size() - pad));
}

std::optional<std::string> aes256_cbc_encrypt_raw(std::string_view key, std::string_view iv, std::string_view data) {
  return aes_cbc(true, key, iv, data);
}

std::optional<std::string> aes256_cbc_decrypt_raw(std::string_view key, std::string_view iv, std::string_view data) {
  return aes_cbc(false, key, iv, data);
}

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n));
  return out;
}

}  // namespace paike::crypto
