#include "server/config.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMinThreadSecretBytes = 32;

Error bad(const std::string& key, const std::string& why) {
  return Error{"invalid_config", "config key \"" + key + "\" " + why};
}

// Each reader leaves `out` alone when the key is absent and returns an Error
// when it is present with the wrong type or range.
std::optional<Error> read_string(const json& j, const char* key, std::string& out) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_string()) return bad(key, "must be a string");
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<Error> read_bool(const json& j, const char* key, bool& out) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_boolean()) return bad(key, "must be true or false");
  out = it->get<bool>();
  return std::nullopt;
}

template <typename Int>
std::optional<Error> read_uint(const json& j, const char* key, Int& out, std::uint64_t max) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() > max)
    return bad(key, "must be a whole number from 0 to " + std::to_string(max));
  out = static_cast<Int>(it->get<std::uint64_t>());
  return std::nullopt;
}

std::optional<Error> read_positive(const json& j, const char* key, double& out, double max) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() > max)
    return bad(key, "must be a number above 0 and at most " + std::to_string(static_cast<long long>(max)));
  out = it->get<double>();
  return std::nullopt;
}

std::optional<Error> read_strings(const json& j, const char* key, std::vector<std::string>& out) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_array()) return bad(key, "must be an array of strings");
  std::vector<std::string> values;
  for (const auto& v : *it) {
    if (!v.is_string()) return bad(key, "must be an array of strings");
    values.push_back(v.get<std::string>());
  }
  out = std::move(values);
  return std::nullopt;
}

std::optional<Error> read_limit(const json& j, const char* key, RateLimit& out) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_object()) return bad(key, "must be an object {\"per_minute\": N, \"burst\": N}");
  for (const char* field : {"per_minute", "burst"}) {
    const auto f = it->find(field);
    if (f == it->end()) continue;
    if (!f->is_number() || f->get<double>() <= 0)
      return bad(std::string(key) + "." + field, "must be a positive number");
    (std::string_view(field) == "per_minute" ? out.per_minute : out.burst) = f->get<double>();
  }
  return std::nullopt;
}

}  // namespace

Result<ServerConfig> load_config_file(const std::string& path, ServerConfig config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"io_error", "cannot read config file " + path};
  std::stringstream text;
  text << in.rdbuf();
  const json j = json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Error{"invalid_config", "config file " + path + " is not a JSON object"};

  static const char* const kKnown[] = {"host",
                                       "port",
                                       "db",
                                       "static_dir",
                                       "demo_thread",
                                       "public_url",
                                       "seed_file",
                                       "admin_token",
                                       "cors_origins",
                                       "trusted_proxies",
                                       "rate_limits",
                                       "comment_limit",
                                       "action_limit",
                                       "report_threshold",
                                       "hold_all",
                                       "max_body_bytes",
                                       "max_comment_bytes",
                                       "max_author_bytes",
                                       "cache_threads",
                                       "synchronous",
                                       "access_log",
                                       "threads",
                                       "spam_policy",
                                       "site_model_min_examples",
                                       "site_model_file",
                                       "db_pool",
                                       "io_threads",
                                       "max_connections_per_network",
                                       "max_connections",
                                       "static_cache_bytes",
                                       "header_timeout_ms",
                                       "cache_bytes",
                                       "page_memo_bytes",
                                       "max_page_comments",
                                       "session_hours",
                                       "session_idle_minutes",
                                       "login_limit",
                                       "auto_close_days",
                                       "thread_creation",
                                       "thread_secret",
                                       "identity",
                                       "privacy"};
  for (const auto& item : j.items()) {
    bool known = false;
    for (const char* k : kKnown) known = known || item.key() == k;
    for (const char* k : kNotifyConfigKeys) known = known || item.key() == k;
    // A misspelt key silently ignored is a security setting silently off.
    if (!known) return bad(item.key(), "is unknown");
  }

  std::optional<Error> e;
  if ((e = read_string(j, "host", config.host))) return *e;
  if ((e = read_uint(j, "port", config.port, 65535))) return *e;
  if ((e = read_string(j, "db", config.db_path))) return *e;
  if ((e = read_string(j, "static_dir", config.static_dir))) return *e;
  if ((e = read_string(j, "demo_thread", config.demo_thread))) return *e;
  if ((e = read_string(j, "public_url", config.public_url))) return *e;
  if (!config.public_url.empty()) {
    // Feeds put it in front of paths: a scheme and host, no path, no trailing slash.
    const std::string& u = config.public_url;
    const bool scheme = u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0;
    const std::size_t host = u.find("://") + 3;
    if (!scheme || host >= u.size() || u.find_first_of("/?#\"<>", host) != std::string::npos)
      return Error{"invalid_config",
                   "config key public_url must be http(s)://host[:port] with no path, e.g. "
                   "https://news.example; got " +
                       utf8_excerpt(u, 80)};
  }
  if ((e = read_string(j, "seed_file", config.seed_file))) return *e;
  if ((e = read_string(j, "admin_token", config.admin_token))) return *e;
  if ((e = read_strings(j, "cors_origins", config.cors_origins))) return *e;
  if ((e = read_strings(j, "trusted_proxies", config.trusted_proxies))) return *e;
  if ((e = read_bool(j, "rate_limits", config.rate_limits_enabled))) return *e;
  if ((e = read_limit(j, "comment_limit", config.comment_limit))) return *e;
  if ((e = read_limit(j, "action_limit", config.action_limit))) return *e;
  if ((e = read_uint(j, "report_threshold", config.report_threshold, 1000000))) return *e;
  if ((e = read_bool(j, "hold_all", config.hold_all))) return *e;
  if ((e = read_uint(j, "site_model_min_examples", config.site_model_min_examples, 1000000))) return *e;
  if ((e = read_string(j, "site_model_file", config.site_model_file))) return *e;
  if ((e = read_uint(j, "max_body_bytes", config.max_body_bytes, 64u << 20))) return *e;
  if ((e = read_uint(j, "max_comment_bytes", config.max_comment_bytes, 1u << 20))) return *e;
  if ((e = read_uint(j, "max_author_bytes", config.max_author_bytes, 1024))) return *e;
  if ((e = read_uint(j, "cache_threads", config.cache_threads, 1000000))) return *e;
  if ((e = read_string(j, "synchronous", config.synchronous))) return *e;
  if ((e = read_string(j, "access_log", config.access_log))) return *e;
  if ((e = read_uint(j, "threads", config.threads, 256))) return *e;
  if ((e = read_uint(j, "db_pool", config.db_pool, 256))) return *e;
  if ((e = read_uint(j, "io_threads", config.io_threads, 64))) return *e;
  if ((e = read_uint(j, "max_connections_per_network", config.max_connections_per_network, 1000000))) return *e;
  if ((e = read_uint(j, "max_connections", config.max_connections, 1000000))) return *e;
  if ((e = read_uint(j, "cache_bytes", config.cache_bytes, std::uint64_t{1} << 40))) return *e;
  if ((e = read_uint(j, "page_memo_bytes", config.page_memo_bytes, std::uint64_t{1} << 40))) return *e;
  if ((e = read_uint(j, "max_page_comments", config.max_page_comments, 10000000))) return *e;
  if ((e = read_uint(j, "header_timeout_ms", config.header_timeout_ms, 600000))) return *e;
  if ((e = read_uint(j, "static_cache_bytes", config.static_cache_bytes, std::uint64_t{1} << 34))) return *e;
  if ((e = read_positive(j, "session_hours", config.session_hours, 24 * 366))) return *e;
  if ((e = read_positive(j, "session_idle_minutes", config.session_idle_minutes, 60 * 24 * 366))) return *e;
  if ((e = read_limit(j, "login_limit", config.login_limit))) return *e;
  if ((e = read_uint(j, "auto_close_days", config.auto_close_days, 36500))) return *e;
  if ((e = read_string(j, "thread_creation", config.thread_creation))) return *e;
  if ((e = read_string(j, "thread_secret", config.thread_secret))) return *e;
  if (config.thread_creation != "open" && config.thread_creation != "known")
    return bad("thread_creation",
               "must be \"open\" (any valid key starts a thread) or \"known\" (registered or signed)");
  // Shorter secrets can be found by trying: a signature is a password for opening threads.
  if (!config.thread_secret.empty() && config.thread_secret.size() < kMinThreadSecretBytes)
    return bad("thread_secret", "must be at least " + std::to_string(kMinThreadSecretBytes) +
                                    " bytes (e.g. openssl rand -hex 32); it has " +
                                    std::to_string(config.thread_secret.size()));
  if (const auto it = j.find("spam_policy"); it != j.end()) {
    if (!it->is_object()) return bad("spam_policy", "must be an object (docs/spam-policy.md)");
    auto policy = parse_spam_policy(it->dump());
    if (!policy) return bad("spam_policy", policy.error().message);
    config.spam_policy = std::move(*policy);
  }
  if ((e = read_notify_config(j, config.notify))) return *e;
  if ((e = read_identity_config(j, config.identity))) return *e;
  if ((e = read_privacy_config(j, config.privacy))) return *e;
  if (config.synchronous != "full" && config.synchronous != "normal")
    return bad("synchronous", "must be \"full\" or \"normal\"");
  if (config.report_threshold == 0) return bad("report_threshold", "must be at least 1");
  if (config.threads == 0) return bad("threads", "must be at least 1");
  if (config.max_page_comments == 0) return bad("max_page_comments", "must be at least 1");
  if (config.header_timeout_ms < 100) return bad("header_timeout_ms", "must be at least 100");
  if (config.io_threads == 0) return bad("io_threads", "must be at least 1");
  if (config.max_connections_per_network == 0) return bad("max_connections_per_network", "must be at least 1");
  if (config.max_connections == 0) return bad("max_connections", "must be at least 1");
  if (config.db_pool == 0) return bad("db_pool", "must be at least 1");
  return config;
}

void apply_environment(ServerConfig& config) {
  if (const char* token = std::getenv("SOUNDOFF_ADMIN_TOKEN"); token != nullptr && *token != '\0')
    config.admin_token = token;
}

}  // namespace soundoff::server
