// Feishu / Lark wire facts: event subscription v2 (schema 2.0) names, API paths, limits and
// the error codes the adapter reacts to. Official docs: open.feishu.cn "事件订阅", IM v1
// (发送消息 / 回复消息 / 上传图片 / 获取消息中的资源文件), 机器人信息 (bot/v3/info).
#pragma once

#include <chrono>
#include <cstddef>

namespace paike::feishu {

inline constexpr const char* kDefaultApiBase = "https://open.feishu.cn";
inline constexpr const char* kMessageReceived = "im.message.receive_v1";
inline constexpr const char* kTokenPath = "/open-apis/auth/v3/tenant_access_token/internal";
inline constexpr const char* kMessagesPath = "/open-apis/im/v1/messages";
inline constexpr const char* kImagesPath = "/open-apis/im/v1/images";
inline constexpr const char* kBotInfoPath = "/open-apis/bot/v3/info";

// Headers on signed event pushes (present when an encrypt key is set).
inline constexpr const char* kSignatureHeader = "x-lark-signature";
inline constexpr const char* kTimestampHeader = "x-lark-request-timestamp";
inline constexpr const char* kNonceHeader = "x-lark-request-nonce";
// Seconds until the frequency window resets, on a rate-limited answer.
inline constexpr const char* kRateLimitResetHeader = "x-ogw-ratelimit-reset";

// API "code" values: tenant token invalid/expired; the frequency limits (the gateway's
// 99991400, sending to one chat or user above 5 QPS 230020, the tenant's send quota 11232,
// all with HTTP 400); a scope the app was not granted (the scope is named in "msg").
inline constexpr long kCodeTokenInvalid = 99991663;
inline constexpr long kCodeTokenExpired = 99991677;
inline constexpr long kCodeRateLimited = 99991400;
inline constexpr long kCodeChatRateLimited = 230020;
inline constexpr long kCodeTenantRateLimited = 11232;
inline constexpr long kCodeScopeMissing = 99991672;
// tenant_access_token (answered with HTTP 200 or 400): a wrong app secret or an app id that
// does not exist (10014), a malformed app id (10003, "invalid param").
inline constexpr long kCodeBadAppSecret = 10014;
inline constexpr long kCodeBadAppId = 10003;
// bot/v3/info "activate_status" of a bot that can talk (2: 租户启用).
inline constexpr long kBotActive = 2;

// Sending to one chat (or one user) is limited to 5 QPS, shared by all bots in the chat.
inline constexpr int kChatSendsPerWindow = 5;
inline constexpr std::chrono::milliseconds kChatSendWindow{1100};  // a second, with room for clock skew

// Request body limits: a text message 150 KB, a rich-text (post) message 30 KB. `content`
// is JSON inside the JSON body, so a quote costs up to 4 bytes: the text parts keep to a
// quarter of each limit.
inline constexpr size_t kTextPartBytes = 150 * 1024 / 4 - 512;
inline constexpr size_t kPostPartBytes = 30 * 1024 / 4 - 512;

}  // namespace paike::feishu
