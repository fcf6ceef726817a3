#include "vision/errors.h"

#include "vision/photo.h"

namespace paike::vision {

std::string_view photo_error_reply(std::string_view code) {
  if (code == "empty") return "没有收到照片内容，请重新发送一次";
  if (code == "unsupported_format") return "照片未能识别（格式不支持），请重新发送 JPG 或 PNG 照片";
  if (code == "too_large") return "照片尺寸过大，无法处理，请发送手机相机直接拍的照片";
  if (code == "too_small") return "照片太小，看不清内容，请发送原图";
  if (code == "truncated") return "照片没有传完整，请重新发送一次";
  if (code == "corrupt") return "照片文件已损坏，无法打开，请重新拍一张发送";
  return "照片未能处理，请重新发送一次";
}

std::optional<std::string_view> photo_quality_reply(const PhotoFacts& facts) {
  if (facts.too_dark) return "照片有些暗，方便的话请在光线好些时再拍一张";
  if (facts.overexposed) return "照片有些过亮，方便的话请避开强光再拍一张";
  if (facts.blurry) return "照片有些模糊，方便的话请再拍一张";
  return std::nullopt;
}

}  // namespace paike::vision
