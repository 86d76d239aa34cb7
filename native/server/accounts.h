// Console accounts: what a valid name, role and password are, and creating
// an account or changing its password. The users API (account_routes.cpp)
// and `soundoff user` (cli/user_command.cpp) both go through here, so both
// apply the same rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/storage.h"
#include "soundoff/result.h"

namespace soundoff::server {

// Passwords are bytes (any UTF-8 a person can type), 10 to 1024 of them:
// below that a guess is cheap, above it hashing is a denial of service.
inline constexpr std::size_t kMinPasswordBytes = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Names: 1 to 64 of A-Z a-z 0-9 . _ - (ASCII, so case-insensitive uniqueness
// means the same thing on both backends). Error invalid_user_name.
std::optional<Error> check_user_name(std::string_view name);
// Error invalid_password naming the limit broken.
std::optional<Error> check_password(std::string_view password);
// "admin" or "moderator", else Error invalid_role.
std::optional<Error> check_role(std::string_view role);

// Checks, hashes and stores a new account (Error user_exists when taken).
Result<UserRecord> create_user(Storage& store, const std::string& name, const std::string& role,
                               const std::string& password, std::int64_t now_ms);

// Checks and stores a new password; ends the account's sessions except
// `keep_session` (an id hash or ""). Error not_found when there is no such account.
Result<bool> change_password(Storage& store, const std::string& name, const std::string& password,
                             const std::string& keep_session);

}  // namespace soundoff::server
