#include "server/accounts.h"

#include <algorithm>

#include "server/passwords.h"

namespace soundoff::server {

std::optional<Error> check_user_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
  if (ok) return std::nullopt;
  return Error{"invalid_user_name", "user names are 1 to 64 of A-Z a-z 0-9 . _ -"};
}

std::optional<Error> check_password(std::string_view password) {
  if (password.size() < kMinPasswordBytes)
    return Error{"invalid_password", "the password must be at least " + std::to_string(kMinPasswordBytes) + " bytes"};
  if (password.size() > kMaxPasswordBytes)
    return Error{"invalid_password", "the password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes"};
  return std::nullopt;
}

std::optional<Error> check_role(std::string_view role) {
  if (role == "admin" || role == "moderator") return std::nullopt;
  return Error{"invalid_role", "the role must be \"admin\" or \"moderator\""};
}

Result<UserRecord> create_user(Storage& store, const std::string& name, const std::string& role,
                               const std::string& password, std::int64_t now_ms) {
  if (auto e = check_user_name(name)) return *e;
  if (auto e = check_role(role)) return *e;
  if (auto e = check_password(password)) return *e;
  // Hashing costs 0.1 s and 64 MiB: say "taken" before paying for it.
  auto existing = store.find_user(name);
  if (!existing) return existing.error();
  if (*existing) return Error{"user_exists", "there is already a user called " + (*existing)->name};
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  UserRecord user{name, role, *hash, now_ms, false};
  if (auto added = store.add_user(user); !added) return added.error();
  return user;
}

Result<bool> change_password(Storage& store, const std::string& name, const std::string& password,
                             const std::string& keep_session) {
  if (auto e = check_password(password)) return *e;
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  auto changed = store.set_password(name, *hash, keep_session);
  if (!changed) return changed.error();
  if (!*changed) return Error{"not_found", "there is no user called " + name.substr(0, 64)};
  return true;
}

}  // namespace soundoff::server
