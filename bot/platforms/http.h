// A small HTTP client for the platforms' APIs on top of httplib::Client: a base URL
// (configurable, so tests point at a fake API), timeouts, a response size limit, and the
// send-failure classification every adapter shares. Safe to use from one thread per
// HttpClient; requests to absolute URLs (DingTalk sessionWebhook, OneBot image urls,
// Telegram files) open their own connection. Never throws.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "bot/platforms/platform.h"
#include "config/result.h"

namespace paike {

struct HttpOptions {
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds read_timeout{15};
  size_t max_response_bytes = 20 * 1024 * 1024;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lowercased
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// One part of a multipart/form-data upload: a plain field when `filename` is empty.
struct FormPart {
  std::string name;
  std::string content;
  std::string filename;
  std::string content_type;
};

class HttpClient {
 public:
  // `base_url`: "https://open.feishu.cn" or "http://127.0.0.1:1234" (no trailing slash needed).
  HttpClient(std::string base_url, HttpOptions options = {});

  // `target` is a path ("/open-apis/...", joined to the base URL) or an absolute URL.
  // Error "network" when no answer arrived, "too_large" past the size limit.
  Result<HttpResponse> get(const std::string& target, const HttpHeaders& headers = {}) const;
  Result<HttpResponse> post(const std::string& target, const std::string& body, const std::string& content_type,
                            const HttpHeaders& headers = {}) const;
  Result<HttpResponse> post_json(const std::string& target, const std::string& json,
                                 const HttpHeaders& headers = {}) const {
    return post(target, json, "application/json; charset=utf-8", headers);
  }

  // multipart/form-data (image uploads).
  Result<HttpResponse> post_form(const std::string& target, const std::vector<FormPart>& parts,
                                 const HttpHeaders& headers = {}) const;

  const std::string& base_url() const { return base_url_; }

 private:
  std::string base_url_;
  HttpOptions options_;
};

// "https://host:port/path?q" → {"https://host:port", "/path?q"}; false if not http(s).
bool split_url(const std::string& url, std::string& origin, std::string& path);

// Percent-encodes a query parameter value.
std::string url_encode(std::string_view value);

// Failure for an HTTP answer that was not a success: 429 and 5xx retryable (429 with the
// Retry-After seconds), other 4xx not.
SendFailure classify_http_failure(const HttpResponse& response, const std::string& what);
// Failure for no answer at all (network down, timeout): retryable.
SendFailure network_failure(const Error& error);

}  // namespace paike
