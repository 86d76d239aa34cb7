// The structured access log: one JSON object per request, one per line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "soundoff/result.h"

namespace soundoff::server {

struct AccessRecord {
  std::int64_t time_ms = 0;
  std::string client;
  std::string method;
  std::string path;
  std::string query;
  int status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
};

class AccessLog {
 public:
  // "-" writes to stderr, "off" writes nothing, anything else appends to that file.
  static Result<std::unique_ptr<AccessLog>> open(const std::string& target);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(const AccessRecord& record);

 private:
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::FILE* file_;
  bool owned_;
  std::mutex mutex_;
};

// The record as one line of JSON (no trailing newline). Request text that is
// not valid UTF-8 is replaced, never copied raw into the log.
std::string access_record_json(const AccessRecord& record);

}  // namespace soundoff::server
