// The widget files (--static DIR) at "/": read and compressed once (gzip and
// brotli, kept while they fit a byte budget, least recently used out first),
// then served from memory with an ETag, Cache-Control and at most one byte
// range. Nothing outside DIR (no "..", no dot files, no symlink out) is served.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/http_types.h"

namespace soundoff::server {

class StaticFiles {
 public:
  StaticFiles(std::string root, std::size_t budget_bytes);

  // Answers a GET/HEAD for req.path: 200/206/304/416, or 404 JSON.
  void serve(const HttpRequest& req, HttpResponse& res);

  struct File {
    std::string content_type;
    std::string etag;  // from size and modification time, like most servers: stable across restarts
    std::string identity;
    std::string gzip;    // empty when compressing did not pay
    std::string brotli;  // likewise
    std::int64_t mtime_ns = 0;
    std::size_t cost() const { return identity.size() + gzip.size() + brotli.size(); }
  };

 private:
  // The file's cached form, loading and compressing it when it is new or changed; nullptr when not servable.
  std::shared_ptr<const File> load(const std::string& relative);

  std::string root_;
  std::size_t budget_;
  std::mutex mutex_;
  std::size_t used_ = 0;
  std::list<std::string> lru_;  // most recently used first
  struct Slot {
    std::shared_ptr<const File> file;
    std::list<std::string>::iterator position;
  };
  std::unordered_map<std::string, Slot> files_;
};

}  // namespace soundoff::server
