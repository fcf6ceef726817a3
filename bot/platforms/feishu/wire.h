// Feishu / Lark wire facts: event subscription v2 (schema 2.0) names, API paths and the
// error codes the adapter reacts to. Official docs: open.feishu.cn "事件订阅" and IM v1.
#pragma once

namespace paike::feishu {

inline constexpr const char* kDefaultApiBase = "https://open.feishu.cn";
inline constexpr const char* kMessageReceived = "im.message.receive_v1";
inline constexpr const char* kTokenPath = "/open-apis/auth/v3/tenant_access_token/internal";
inline constexpr const char* kMessagesPath = "/open-apis/im/v1/messages";
inline constexpr const char* kImagesPath = "/open-apis/im/v1/images";

// Headers on signed event pushes (present when an encrypt key is set).
inline constexpr const char* kSignatureHeader = "x-lark-signature";
inline constexpr const char* kTimestampHeader = "x-lark-request-timestamp";
inline constexpr const char* kNonceHeader = "x-lark-request-nonce";

// API "code" values: tenant token invalid/expired, and the frequency limit.
inline constexpr long kCodeTokenInvalid = 99991663;
inline constexpr long kCodeTokenExpired = 99991677;
inline constexpr long kCodeRateLimited = 99991400;

}  // namespace paike::feishu
