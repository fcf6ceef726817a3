// DingTalk wire facts: the enterprise robot's HTTP callback (headers `timestamp`, `sign`),
// the new-API paths on api.dingtalk.com and the codes the adapter reacts to.
#pragma once

#include <cstddef>

namespace paike::dingtalk {

inline constexpr const char* kDefaultApiBase = "https://api.dingtalk.com";
inline constexpr const char* kTokenPath = "/v1.0/oauth2/accessToken";
inline constexpr const char* kDownloadPath = "/v1.0/robot/messageFiles/download";
inline constexpr const char* kGroupSendPath = "/v1.0/robot/groupMessages/send";
// One-to-one chats with the robot (批量发送人与机器人会话中机器人消息): up to 20 userIds.
inline constexpr const char* kUserSendPath = "/v1.0/robot/oToMessages/batchSend";
// Media upload lives on the old API host (oapi.dingtalk.com) and takes the same access token.
inline constexpr const char* kDefaultOapiBase = "https://oapi.dingtalk.com";
inline constexpr const char* kMediaUploadPath = "/media/upload";
inline constexpr const char* kTokenHeader = "x-acs-dingtalk-access-token";
// Old-API errcode for "sending too fast" on session webhooks.
inline constexpr long kErrcodeTooFast = 130101;
// Rate limits: the old API's errcodes 90002 (all apps on one API), 90018 (one app) and 90019
// (one app per authorised org); the new API names them Forbidden.AccessDenied.Qps…/Qpm….
inline constexpr long kErrcodesThrottled[] = {90002, 90018, 90019};
inline constexpr const char* kThrottledCodeMarks[] = {"QpsLimit", "QpmLimit"};
// msgParam of the robot send APIs may hold at most 15000 bytes; one part's text stays well
// under it even when JSON escaping doubles it (every "\n" becomes two bytes).
inline constexpr size_t kTextLimitBytes = 7000;
// Old-API errcode for an invalid or expired access token.
inline constexpr long kErrcodeTokenInvalid = 40014;

}  // namespace paike::dingtalk
