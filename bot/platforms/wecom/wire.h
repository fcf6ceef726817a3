// WeCom (企业微信) wire facts: callback query parameters, API paths and errcodes.
#pragma once

namespace paike::wecom {

inline constexpr const char* kDefaultApiBase = "https://qyapi.weixin.qq.com";
inline constexpr const char* kTokenPath = "/cgi-bin/gettoken";
inline constexpr const char* kMediaPath = "/cgi-bin/media/get";
inline constexpr const char* kMediaUploadPath = "/cgi-bin/media/upload";
inline constexpr const char* kAppChatSendPath = "/cgi-bin/appchat/send";
inline constexpr const char* kRobotSendPath = "/cgi-bin/webhook/send";
// Group ids of the send-only group robot: "robot:<name>" (key from the environment).
inline constexpr const char* kRobotGroupPrefix = "robot:";

inline constexpr long kErrTokenInvalid = 40014;
inline constexpr long kErrTokenExpired = 42001;
inline constexpr long kErrRateLimited = 45009;
inline constexpr long kErrRobotRateLimited = 45033;

}  // namespace paike::wecom
