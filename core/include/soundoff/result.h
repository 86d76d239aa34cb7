// Errors as values. Core never throws: every expected failure (bad input, an
// unknown id, an invalid cursor) comes back as an Error with a stable code that
// the CLI, the server and the JavaScript facade pass through unchanged.
#pragma once

#include <optional>
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
// helpers beyond what call sites need. [[nodiscard]]: a failure nobody looks at
// is a silently dropped error, so ignoring a Result is a compile warning (an
// error with -Werror); write `(void)call();` where ignoring it is deliberate.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

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

// The one idiom for a fallible call that returns nothing: `Result<void>`, ok
// when default-constructed (`return {};`), failed when made from an Error.
// (Not std::optional<Error>, whose "has a value" means failure, nor Result<bool>
// with a meaningless bool.)
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }

  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace soundoff
