// Why a photo was refused, in words for the chat. Pure functions; safe from any thread.
//
// Error codes of vision/ (Error::code; Error::message is English for logs):
//   "empty"              no bytes at all
//   "unsupported_format" not JPEG, PNG or WebP (GIF, SVG, HEIC, text …)
//   "too_large"          header dimensions over VisionOptions::max_pixels (never decoded)
//   "too_small"          short edge under VisionOptions::min_edge (e.g. 1×1 tracking pixels)
//   "truncated"          the file stops before the image ends (interrupted upload)
//   "corrupt"            the header or the compressed data is damaged
#pragma once

#include <optional>
#include <string_view>

namespace paike::vision {

struct PhotoFacts;

// A short polite Simplified-Chinese sentence for the sender, e.g. for "unsupported_format":
// "照片未能识别（格式不支持），请重新发送 JPG 或 PNG 照片". Unknown codes get a generic sentence.
std::string_view photo_error_reply(std::string_view code);

// When the photo was accepted but is poor (blurry, dark, overexposed), the polite request
// for a better one ("照片有些模糊，方便的话请再拍一张"); nullopt for a good photo.
std::optional<std::string_view> photo_quality_reply(const PhotoFacts& facts);

}  // namespace paike::vision
