#include "chaos/chaos_events.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "config/base64.h"
#include "support/jpeg.h"

namespace paike::chaos {
namespace {

struct Village {
  std::string group;
  std::vector<std::string> villagers;
  std::vector<std::string> leaders;
  std::string secretary;
};

// The demo township's roster (config/demo/roster.csv).
const std::vector<Village> kVillages = {
    {"g-hanjia",
     {"sim:handefu", "sim:liufang", "sim:hanxiaojun"},
     {"sim:hanxiuying", "sim:hanlixin", "sim:zhangguilan"},
     "sim:hanjianguo"},
    {"g-lizhuang", {"sim:licuihua", "sim:chenming"}, {"sim:lichunmei", "sim:wanggang"}, "sim:liweidong"},
    {"g-wangjiawan", {"sim:wangyuzhen", "sim:heliang"}, {"sim:wangxiulan", "sim:machao"}, "sim:wangzhiqiang"},
    {"g-dongying", {"sim:wujianjun", "sim:qianli"}, {"sim:wuhong", "sim:zhenglei"}, "sim:wuhai"},
};

const std::vector<std::string> kReports = {
    "南河桥边垃圾堆了好几天", "村口垃圾桶满了",   "路边一堆建筑垃圾渣土", "有人在地里烧秸秆",
    "下水道堵了污水横流",     "沟渠里漂着塑料袋", "路灯坏了晚上很黑",     "柴火垛堆在路中间",
    "鸡鸭散养到处是粪",       "农药瓶扔在地头",   "这里有个问题",         "彩钢棚私搭乱建",
};

}  // namespace

std::vector<Event> make_events(int count, unsigned seed) {
  std::mt19937 random(seed);
  auto pick = [&random](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
  std::vector<std::string> photos;
  for (int i = 0; i < 24; ++i) photos.push_back(paike::base64_encode(paike::test::make_jpeg(320, 240, 1000 + i)));
  std::vector<Event> events;
  events.reserve(count);
  for (int i = 0; i < count; ++i) {
    const int roll = static_cast<int>(pick(100));
    if (roll < 6 && !events.empty()) {  // a platform delivering the same event twice
      events.push_back(events[pick(events.size())]);
      continue;
    }
    const Village& v = kVillages[pick(kVillages.size())];
    nlohmann::json e{{"event_id", "chaos-" + std::to_string(seed) + "-" + std::to_string(i)}, {"group_id", v.group}};
    const std::string ticket = "#" + std::to_string(1 + pick(std::max(1, i / 8)));
    if (roll < 40) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["text"] = kReports[pick(kReports.size())] + "（" + std::to_string(i) + "）";
    } else if (roll < 60) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["text"] = kReports[pick(kReports.size())];
      e["image_b64"] = photos[pick(photos.size())];
    } else if (roll < 68) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["image_b64"] = photos[pick(photos.size())];
    } else if (roll < 76) {
      e["user_id"] = v.leaders[pick(v.leaders.size())];
      e["text"] = ticket + " 已整改";
      if (pick(2)) e["image_b64"] = photos[pick(photos.size())];
    } else if (roll < 82) {
      e["user_id"] = v.secretary;
      e["text"] = ticket + (pick(2) ? " 确认" : " 退回 没有清理干净");
    } else if (roll < 88) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["text"] = std::to_string(1 + pick(9));  // an answer to the category menu
    } else {
      static const std::vector<std::string> kAsk = {"我的", "逾期", "帮助", "#1 进度"};
      e["user_id"] = pick(2) ? v.leaders[0] : v.villagers[0];
      e["text"] = kAsk[pick(kAsk.size())];
    }
    events.push_back({e["event_id"].get<std::string>(), e.dump()});
  }
  return events;
}

}  // namespace paike::chaos
