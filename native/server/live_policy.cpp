#include "server/live_policy.h"

namespace soundoff::server {

LivePolicy::LivePolicy(SpamPolicy config_default)
    : config_default_(std::make_shared<const SpamPolicy>(std::move(config_default))) {
  current_.policy = config_default_;
}

std::shared_ptr<const SpamPolicy> LivePolicy::current() const {
  std::lock_guard lock(mutex_);
  return current_.policy;
}

PolicySnapshot LivePolicy::snapshot() const {
  std::lock_guard lock(mutex_);
  return current_;
}

Result<bool> LivePolicy::reload(Storage& store) {
  const auto stored = store.load_setting(kSpamPolicySetting);
  if (!stored) return stored.error();
  if (!*stored) {
    use_config();
    return true;
  }
  auto policy = parse_spam_policy((*stored)->value);
  if (!policy) {
    use_config();
    return Error{"invalid_policy", "the stored spam policy no longer parses (" + policy.error().message +
                                       "); using the config file's until it is replaced"};
  }
  use_stored(std::move(*policy), (*stored)->updated_ms, (*stored)->by);
  return true;
}

void LivePolicy::use_stored(SpamPolicy policy, std::int64_t updated_ms, std::string by) {
  auto next = std::make_shared<const SpamPolicy>(std::move(policy));
  std::lock_guard lock(mutex_);
  current_ = PolicySnapshot{std::move(next), true, updated_ms, std::move(by)};
}

void LivePolicy::use_config() {
  std::lock_guard lock(mutex_);
  current_ = PolicySnapshot{config_default_, false, 0, ""};
}

}  // namespace soundoff::server
