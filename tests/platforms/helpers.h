// Test helpers for the platform adapters: a small roster, fixed clocks, and a fake platform
// API (a real httplib::Server on 127.0.0.1, any free port) that records requests.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bot/platforms/platform.h"
#include "config/deployment.h"

namespace paike::test {

// 韩德福 (grid leader) has an id on every platform.
inline Deployment platform_deployment() {
  Deployment d;
  Person p;
  p.user_id = "sim:handefu";
  p.name = "韩德福";
  p.role = Role::grid_leader;
  p.platform_ids = {{"feishu", "ou_handefu"},
                    {"dingtalk", "staff_handefu"},
                    {"wecom", "HanDeFu"},
                    {"onebot", "10001"},
                    {"telegram", "777"}};
  p.platform_usernames = {{"telegram", "@HanDeFu_tg"}};  // the roster's telegram_username column
  d.people.push_back(p);
  Group robot;
  robot.platform = "wecom";
  robot.group_id = "robot:hanjia";
  d.groups.push_back(robot);
  return d;
}

inline TimePoint at_seconds(int64_t s) { return TimePoint(Duration(s)); }

inline WebhookRequest post(std::string body, std::map<std::string, std::string> headers = {},
                           std::map<std::string, std::string> query = {}) {
  return WebhookRequest{"POST", std::move(body), std::move(headers), std::move(query)};
}

struct Recorded {
  std::string method;
  std::string path;
  std::string body;
  std::map<std::string, std::string> headers;
};

class FakeApi {
 public:
  FakeApi() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeApi() {
    server_.stop();
    thread_.join();
  }
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // Routes that record each request (with its body) before answering.
  void post(const std::string& pattern, Handler handler) { server_.Post(pattern, recording(std::move(handler))); }
  void get(const std::string& pattern, Handler handler) { server_.Get(pattern, recording(std::move(handler))); }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Recorded> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  size_t count(const std::string& path_prefix) {
    size_t n = 0;
    for (const auto& r : requests()) n += r.path.starts_with(path_prefix);
    return n;
  }

 private:
  httplib::Server::Handler recording(Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lock(mutex_);
        std::map<std::string, std::string> headers;
        for (const auto& [k, v] : req.headers) headers[k] = v;
        std::string path = req.path;
        if (!req.params.empty()) {
          path += "?";
          for (const auto& [k, v] : req.params) path += k + "=" + v + "&";
          path.pop_back();
        }
        requests_.push_back({req.method, path, req.body, headers});
      }
      handler(req, res);
    };
  }
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Recorded> requests_;
};

}  // namespace paike::test
