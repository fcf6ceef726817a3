// Result<T>: a value or an expected failure (bad input, unknown group, forbidden command);
// Result<void>: done, or the failure. Expected failures travel as values between layers
// (in the spirit of leveldb's Status and abseil's StatusOr); exceptions are kept for bugs and
// I/O faults that nobody can handle locally. Both are [[nodiscard]]: a failure cannot be
// dropped by forgetting to look.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace paike {

// Every kind of expected failure, one list: the enum and the names (logs, the sim's and the
// SDK probes' JSON) come from it.
// clang-format off
#define PAIKE_ERROR_CODES(X)                                                                   \
  /* input that is not what the wire format says */                                         \
  X(malformed) X(bad_json) X(bad_field) X(missing_field) X(bad_argument) X(bad_url)           \
  X(bad_sha) X(bad_service_code) X(bad_media_ref)                                             \
  /* the ledger's filters */                                                                  \
  X(bad_status) X(bad_grid) X(bad_category) X(bad_date) X(bad_words) X(bad_sort) X(bad_page)  \
  /* an event the bot does not act on (its own message, a sticker) */                         \
  X(ignored)                                                                                  \
  /* the lifecycle's refusals */                                                              \
  X(forbidden) X(not_allowed) X(wrong_state) X(needs_approval) X(needs_photo)                 \
  X(reason_needed) X(not_found) X(unknown_action) X(no_place)                                 \
  /* photos and media (vision's codes are named in vision/errors.h) */                        \
  X(empty) X(unsupported_format) X(too_large) X(too_small) X(truncated) X(corrupt)            \
  X(media) X(no_media) X(decrypt)                                                             \
  /* platforms and the network */                                                             \
  X(token) X(token_expired) X(http) X(network) X(unknown_platform)                            \
  /* configuration, files and the database */                                                 \
  X(missing_env) X(bad_env) X(data_dir) X(data_dir_in_use) X(io) X(open_failed) X(read_only)  \
  X(schema_too_new) X(no_database) X(bind_failed) X(backup_failed) X(xlsx)                    \
  /* paike migrate: a row or a check of the copy */                                          \
  X(copy_failed)
// clang-format on

enum class ErrorCode {
#define PAIKE_ERROR_ENUM(name) name,
  PAIKE_ERROR_CODES(PAIKE_ERROR_ENUM)
#undef PAIKE_ERROR_ENUM
};

// "forbidden" for ErrorCode::forbidden.
constexpr std::string_view error_name(ErrorCode code) {
  switch (code) {
#define PAIKE_ERROR_NAME(name) \
  case ErrorCode::name:        \
    return #name;
    PAIKE_ERROR_CODES(PAIKE_ERROR_NAME)
#undef PAIKE_ERROR_NAME
  }
  return "unknown";
}

// For test output and streams; logs use error_name.
inline std::ostream& operator<<(std::ostream& out, ErrorCode code) { return out << error_name(code); }

struct Error {
  ErrorCode code;
  std::string message;  // human-readable, English (logs, HTTP reasons)
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;                                // done
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace paike
