#include <catch2/catch.hpp>

#include "bot/platforms/crypto.h"
#include "bot/platforms/feishu/verify.h"
#include "bot/platforms/wecom/verify.h"

using namespace paike;

TEST_CASE("platform: base64 round trip and rejects malformed text") {
  CHECK(base64_encode("hello") == "aGVsbG8=");
  CHECK(base64_decode("aGVsbG8=").value() == "hello");
  CHECK(base64_decode("aGVs*G8=").has_value() == false);
  CHECK(base64_decode("a=Vs").has_value() == false);
  CHECK(base64_decode("").value().empty());
}

TEST_CASE("platform: HMAC-SHA256 matches RFC 4231 test case 2") {
  // Vector: RFC 4231 §4.3.
  CHECK(crypto::hex(crypto::hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("platform: Feishu official vector decrypts to hello world") {
  // Vector: Feishu official SDKs' decrypt test (encrypt_key "test key"), as quoted in issue 8.
  auto plain = feishu::decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=");
  REQUIRE(plain.ok());
  CHECK(*plain == "hello world");
  CHECK(!feishu::decrypt("other key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").ok());
  CHECK(!feishu::decrypt("test key", "not base64!").ok());
  CHECK(*feishu::decrypt("k", feishu::encrypt("k", "round trip")) == "round trip");
}

TEST_CASE("platform: WeCom official URL-check vector: signature and echostr") {
  // Vector: WeCom official C++/Python callback samples (token QDG6eK, corp wx5823bf96d3bd56c7).
  const std::string key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  const std::string echostr =
      "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
  CHECK(wecom::msg_signature("QDG6eK", "1409659589", "263014780", echostr) ==
        "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
  auto plain = wecom::decrypt(key, echostr);
  REQUIRE(plain.ok());
  CHECK(plain->message == "1616140317555161061");
  CHECK(plain->receive_id == "wx5823bf96d3bd56c7");
}

TEST_CASE("platform: DingTalk event-subscription vector uses the WeCom scheme") {
  // Vector: DingTalk official DingCallbackCrypto sample (token mryue), as quoted in issue 8.
  const std::string encrypted =
      "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+"
      "HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3";
  CHECK(wecom::msg_signature("mryue", "1608001896814", "WL4PK6yA", encrypted) ==
        "03044561471240d4a14bb09372dfcfd4fd0e40cb");
  auto plain = wecom::decrypt("Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7", encrypted);
  REQUIRE(plain.ok());
  CHECK(plain->message == R"({"EventType":"check_url"})");
  CHECK(plain->receive_id == "ding6ccabc44d2c8d38b");
}

TEST_CASE("platform: WeCom pads over 32-byte blocks and round-trips") {
  const std::string key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  auto enc = wecom::encrypt(key, "<xml>hi</xml>", "corp");
  CHECK(base64_decode(enc)->size() % 32 == 0);
  auto dec = wecom::decrypt(key, enc);
  REQUIRE(dec.ok());
  CHECK(dec->message == "<xml>hi</xml>");
  CHECK(dec->receive_id == "corp");
}
