// The spam policy new comments are judged by, editable while the server runs
// (docs/moderation-api.md, "Spam policy, live"): the config file's policy
// until a moderator stores one in the database (setting "spam_policy").
// Readers take a snapshot (a shared_ptr) and keep it for their whole check,
// so a swap never changes a policy under a running check.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "server/storage.h"
#include "soundoff/spam.h"

namespace soundoff::server {

inline constexpr const char* kSpamPolicySetting = "spam_policy";

struct PolicySnapshot {
  std::shared_ptr<const SpamPolicy> policy;
  bool from_database = false;  // false: the config file's
  std::int64_t updated_ms = 0;
  std::string by;
};

class LivePolicy {
 public:
  explicit LivePolicy(SpamPolicy config_default);

  std::shared_ptr<const SpamPolicy> current() const;
  PolicySnapshot snapshot() const;
  // Applies what storage holds now (the config's policy when it holds none).
  // A stored policy that no longer parses is reported and the config's is used.
  Result<bool> reload(Storage& store);
  void use_stored(SpamPolicy policy, std::int64_t updated_ms, std::string by);
  void use_config();

 private:
  std::shared_ptr<const SpamPolicy> config_default_;
  mutable std::mutex mutex_;
  PolicySnapshot current_;
};

}  // namespace soundoff::server
