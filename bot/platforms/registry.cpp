#include "bot/platforms/registry.h"

#include "bot/platforms/dingtalk/dingtalk_platform.h"
#include "bot/platforms/feishu/feishu_platform.h"
#include "bot/platforms/onebot/onebot_platform.h"
#include "bot/platforms/telegram/telegram_platform.h"
#include "bot/platforms/wecom/wecom_platform.h"

namespace paike {
namespace {

template <typename P, typename S>
Result<std::unique_ptr<Platform>> build(Result<S> settings, const std::string& name, const Deployment& deployment) {
  if (!settings) return settings.error();
  return std::unique_ptr<Platform>(std::make_unique<P>(std::move(*settings), PlatformRoster(name, deployment)));
}

}  // namespace

Result<std::unique_ptr<Platform>> make_platform(const std::string& name, const Deployment& deployment,
                                                const EnvLookup& env) {
  if (name == "feishu") return build<FeishuPlatform>(feishu_settings_from_env(env), name, deployment);
  if (name == "dingtalk") return build<DingtalkPlatform>(dingtalk_settings_from_env(env), name, deployment);
  if (name == "wecom") return build<WecomPlatform>(wecom_settings_from_env(env, deployment), name, deployment);
  if (name == "onebot") return build<OnebotPlatform>(onebot_settings_from_env(env), name, deployment);
  if (name == "telegram") return build<TelegramPlatform>(telegram_settings_from_env(env), name, deployment);
  return make_error(ErrorCode::unknown_platform,
                    "unknown platform \"" + name + "\" (known: feishu, dingtalk, wecom, onebot, telegram)");
}

}  // namespace paike
