// Result<T>: a value or an expected failure (bad input, unknown group, forbidden command).
// Expected failures travel as values between layers; exceptions are kept for bugs and I/O
// faults that nobody can handle locally.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace paike {

struct Error {
  std::string code;     // machine-readable, English, e.g. "unknown_group"
  std::string message;  // human-readable, English (logs, HTTP reasons)
};

template <typename T>
class Result {
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

inline Error make_error(std::string code, std::string message) { return Error{std::move(code), std::move(message)}; }

}  // namespace paike
