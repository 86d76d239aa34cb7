// Errors as values. Core never throws: every expected failure (bad input, an
// unknown id, an invalid cursor) comes back as an Error with a stable code that
// the CLI, the server and the JavaScript facade pass through unchanged.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace soundoff {

// A failure: `code` is a stable snake_case identifier (documented in
// docs/errors.md), `message` is a human sentence that names what was wrong.
struct Error {
  std::string code;
  std::string message;
};

// Either a value or an Error. Deliberately tiny: no exceptions, no monadic
// helpers beyond what call sites need.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}    // NOLINT: implicit by design

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

}  // namespace soundoff
