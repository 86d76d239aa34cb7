#include "server/access_log.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "soundoff/time.h"

namespace soundoff::server {

Result<std::unique_ptr<AccessLog>> AccessLog::open(const std::string& target) {
  if (target == "off") return std::unique_ptr<AccessLog>(new AccessLog(nullptr, false));
  if (target == "-" || target.empty()) return std::unique_ptr<AccessLog>(new AccessLog(stderr, false));
  std::FILE* f = std::fopen(target.c_str(), "a");
  if (f == nullptr) return Error{"io_error", "cannot open access log " + target};
  return std::unique_ptr<AccessLog>(new AccessLog(f, true));
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

namespace {

// The /notify/... links carry a signed token that holds the reader's address
// (signed, not encrypted): a log that kept it would keep the address of
// everyone who confirmed, unsubscribed or erased themself. Every `token`
// parameter's value is replaced, whatever the path.
std::string without_token_values(const std::string& query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string_view pair(query.data() + start, end - start);
    if (start > 0) out.push_back('&');
    if (pair.substr(0, 6) == "token=")
      out += "token=redacted";
    else
      out += pair;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string access_record_json(const AccessRecord& r) {
  nlohmann::json j = {{"time", format_iso8601(r.time_ms)},
                      {"client", r.client},
                      {"method", r.method},
                      {"path", r.path},
                      {"status", r.status},
                      {"bytes", r.bytes},
                      {"ms", static_cast<double>(static_cast<std::int64_t>(r.duration_ms * 1000)) / 1000.0}};
  if (!r.query.empty()) j["query"] = without_token_values(r.query);
  // Newlines in a path are escaped by JSON, so a request cannot forge log lines.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AccessLog::write(const AccessRecord& record) {
  if (file_ == nullptr) return;
  std::string line = access_record_json(record);
  line.push_back('\n');
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace soundoff::server
