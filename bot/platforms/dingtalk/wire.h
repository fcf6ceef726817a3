// DingTalk wire facts: the enterprise robot's HTTP callback (headers `timestamp`, `sign`),
// the new-API paths on api.dingtalk.com and the codes the adapter reacts to.
#pragma once

namespace paike::dingtalk {

inline constexpr const char* kDefaultApiBase = "https://api.dingtalk.com";
inline constexpr const char* kTokenPath = "/v1.0/oauth2/accessToken";
inline constexpr const char* kDownloadPath = "/v1.0/robot/messageFiles/download";
inline constexpr const char* kGroupSendPath = "/v1.0/robot/groupMessages/send";
// Media upload lives on the old API host (oapi.dingtalk.com) and takes the same access token.
inline constexpr const char* kDefaultOapiBase = "https://oapi.dingtalk.com";
inline constexpr const char* kMediaUploadPath = "/media/upload";
inline constexpr const char* kTokenHeader = "x-acs-dingtalk-access-token";
// Old-API errcode for "sending too fast" on session webhooks.
inline constexpr long kErrcodeTooFast = 130101;
// Old-API errcode for an invalid or expired access token.
inline constexpr long kErrcodeTokenInvalid = 40014;

}  // namespace paike::dingtalk
