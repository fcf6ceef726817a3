// WeCom (企业微信) wire facts: callback query parameters, API paths, errcodes and limits.
#pragma once

#include <chrono>
#include <cstddef>

namespace paike::wecom {

inline constexpr const char* kDefaultApiBase = "https://qyapi.weixin.qq.com";
inline constexpr const char* kTokenPath = "/cgi-bin/gettoken";
inline constexpr const char* kAgentGetPath = "/cgi-bin/agent/get";
inline constexpr const char* kMediaPath = "/cgi-bin/media/get";
inline constexpr const char* kMediaUploadPath = "/cgi-bin/media/upload";
inline constexpr const char* kAppChatSendPath = "/cgi-bin/appchat/send";
inline constexpr const char* kMessageSendPath = "/cgi-bin/message/send";
inline constexpr const char* kRobotSendPath = "/cgi-bin/webhook/send";
// Group ids of the send-only group robot: "robot:<name>" (key from the environment).
inline constexpr const char* kRobotGroupPrefix = "robot:";

inline constexpr long kErrSecretInvalid = 40001;
inline constexpr long kErrCorpIdInvalid = 40013;
inline constexpr long kErrTokenInvalid = 40014;
inline constexpr long kErrAgentIdInvalid = 40056;
inline constexpr long kErrTokenExpired = 42001;
inline constexpr long kErrRateLimited = 45009;
inline constexpr long kErrRobotRateLimited = 45033;
inline constexpr long kErrIpNotTrusted = 60020;
inline constexpr long kErrNoAgentPermission = 301002;

// Text limits in UTF-8 bytes: group robot webhook text, app message/send and appchat text
// (2048); the intelligent robot's response_url markdown (20480, 主动回复消息).
inline constexpr size_t kTextLimitBytes = 2048;
inline constexpr size_t kResponseUrlLimitBytes = 20480;
// A response_url may be used once, within an hour of the callback (主动回复消息). paike
// stops using one a minute early: the outbox may be a little behind.
inline constexpr std::chrono::minutes kResponseUrlLifetime{60};
inline constexpr std::chrono::minutes kResponseUrlMargin{1};

}  // namespace paike::wecom
