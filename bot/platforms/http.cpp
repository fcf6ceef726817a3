#include "bot/platforms/http.h"

#include <httplib.h>

#include <cctype>
#include <memory>

namespace paike {
namespace {

std::unique_ptr<httplib::Client> make_client(const std::string& origin, const HttpOptions& options) {
  try {
    auto client = std::make_unique<httplib::Client>(origin);
    if (!client->is_valid()) return nullptr;
    client->set_connection_timeout(options.connect_timeout);
    client->set_read_timeout(options.read_timeout);
    client->set_write_timeout(options.read_timeout);
    client->set_follow_location(true);
    return client;
  } catch (const std::exception&) {
    return nullptr;
  }
}

Result<HttpResponse> run(const std::string& base, const std::string& target, const HttpOptions& options,
                         const std::function<httplib::Result(httplib::Client&, const std::string&)>& call) {
  std::string origin;
  std::string path;
  if (target.starts_with("http://") || target.starts_with("https://")) {
    if (!split_url(target, origin, path)) return make_error(ErrorCode::bad_url, "unusable URL");
  } else {
    std::string base_path;
    if (!split_url(base, origin, base_path)) return make_error(ErrorCode::bad_url, "unusable base URL " + base);
    if (base_path == "/") base_path.clear();
    path = base_path + target;
  }
  auto client = make_client(origin, options);
  if (!client) return make_error(ErrorCode::bad_url, "cannot connect to " + origin);
  auto result = call(*client, path);
  if (!result) {
    return make_error(result.error() == httplib::Error::Canceled ? ErrorCode::too_large : ErrorCode::network,
                      "request to " + origin + " failed: " + httplib::to_string(result.error()));
  }
  HttpResponse response;
  response.status = result->status;
  response.body = std::move(result->body);
  for (const auto& [name, value] : result->headers) {
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    response.headers[lower] = value;
  }
  return response;
}

httplib::Headers to_headers(const HttpHeaders& headers) {
  httplib::Headers out;
  for (const auto& [name, value] : headers) out.emplace(name, value);
  return out;
}

}  // namespace

HttpClient::HttpClient(std::string base_url, HttpOptions options) : base_url_(std::move(base_url)), options_(options) {
  while (base_url_.ends_with('/')) base_url_.pop_back();
}

Result<HttpResponse> HttpClient::get(const std::string& target, const HttpHeaders& headers) const {
  const size_t limit = options_.max_response_bytes;
  return run(base_url_, target, options_, [&](httplib::Client& client, const std::string& path) {
    auto received = std::make_shared<std::string>();
    auto result = client.Get(
        path, to_headers(headers), [](const httplib::Response&) { return true; },
        [received, limit](const char* data, size_t length) {
          if (received->size() + length > limit) return false;
          received->append(data, length);
          return true;
        });
    if (result) result->body = std::move(*received);
    return result;
  });
}

Result<HttpResponse> HttpClient::post(const std::string& target, const std::string& body,
                                      const std::string& content_type, const HttpHeaders& headers) const {
  auto result = run(base_url_, target, options_, [&](httplib::Client& client, const std::string& path) {
    return client.Post(path, to_headers(headers), body, content_type);
  });
  if (result && result->body.size() > options_.max_response_bytes) {
    return make_error(ErrorCode::too_large, "response larger than the limit");
  }
  return result;
}

Result<HttpResponse> HttpClient::post_form(const std::string& target, const std::vector<FormPart>& parts,
                                           const HttpHeaders& headers) const {
  httplib::MultipartFormDataItems items;
  for (const auto& part : parts) items.push_back({part.name, part.content, part.filename, part.content_type});
  auto result = run(base_url_, target, options_, [&](httplib::Client& client, const std::string& path) {
    return client.Post(path, to_headers(headers), items);
  });
  if (result && result->body.size() > options_.max_response_bytes) {
    return make_error(ErrorCode::too_large, "response larger than the limit");
  }
  return result;
}

bool split_url(const std::string& url, std::string& origin, std::string& path) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  size_t path_start = url.find('/', scheme_end + 3);
  if (path_start == scheme_end + 3) return false;
  origin = url.substr(0, path_start);
  path = path_start == std::string::npos ? "/" : url.substr(path_start);
  return true;
}

std::string url_encode(std::string_view value) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

SendFailure classify_http_failure(const HttpResponse& response, const std::string& what) {
  SendFailure failure;
  failure.reason = what + ": HTTP " + std::to_string(response.status);
  failure.retryable = response.status == 429 || response.status >= 500 || response.status == 408;
  if (auto it = response.headers.find("retry-after"); it != response.headers.end()) {
    try {
      failure.retry_after = Duration(std::stol(it->second));
    } catch (const std::exception&) {
      // An HTTP-date Retry-After: leave it to the sender's backoff.
    }
  }
  return failure;
}

SendFailure network_failure(const Error& error) {
  return SendFailure{true, std::nullopt, std::string(error_name(error.code)) + ": " + error.message};
}

}  // namespace paike
