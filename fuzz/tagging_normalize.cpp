// Tagging's text normaliser (OpenCC t2s, NFKC, spelling fixes, emoji) on hostile UTF-8.
#include <string_view>

#include "handlers/tagging/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  static const tagging::Normalizer normalizer({{"拉圾", "垃圾"}, {"ｌａｊｉ", "垃圾"}});
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)normalizer.normalize(input);
  (void)normalizer.normalize_words({std::string(input)});
  return 0;
}
