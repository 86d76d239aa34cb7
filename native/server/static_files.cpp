#include "server/static_files.h"

#include <brotli/encode.h>
#include <sys/stat.h>
#include <zlib.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/http_util.h"

namespace soundoff::server {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxFileBytes = 32u << 20;  // larger files are not served from here

std::string content_type_of(const std::string& path) {
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// Whether the file name carries a content hash as web/scripts/build.mjs
// writes it: a dot, 16 lower-case hex digits, a dot, then the extension.
bool content_hashed(const std::string& path) {
  const auto last_dot = path.rfind('.');
  if (last_dot == std::string::npos || last_dot < 17) return false;
  const auto hash = std::string_view(path).substr(last_dot - 16, 16);
  if (path[last_dot - 17] != '.') return false;
  for (const char c : hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 || type == "application/wasm" ||
         type == "image/svg+xml";
}

std::string gzip_of(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

// Quality 11 costs about a second per MB; above this size quality 9 (a few
// percent larger, twenty times faster) keeps a first read of a big file short.
constexpr std::size_t kBestBrotliBytes = 128u << 10;

std::string brotli_of(const std::string& data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return {};
  std::string out(size, '\0');
  const int quality = data.size() <= kBestBrotliBytes ? BROTLI_MAX_QUALITY : 9;
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                             reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data())))
    return {};
  out.resize(size);
  return out;
}

// Whether Accept-Encoding admits `coding` (a q=0 refuses it).
bool accepts(const std::string& accept_encoding, std::string_view coding) {
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    if (semi == std::string_view::npos) return true;
    const std::string_view params = item.substr(semi + 1);
    const auto q = params.find("q=");
    if (q == std::string_view::npos) return true;
    const std::string_view value = params.substr(q + 2);
    return !(value.rfind("0", 0) == 0 && value.find_first_not_of("0. ") == std::string_view::npos);
  }
  return false;
}

// One range "bytes=a-b", "bytes=a-" or "bytes=-n" of a body of `size`
// bytes. nullopt: serve the whole body (no range, several ranges, or a
// form we do not read); first > last: unsatisfiable.
std::optional<std::pair<std::size_t, std::size_t>> single_range(const std::string& header, std::size_t size) {
  constexpr std::string_view kUnit = "bytes=";
  if (header.compare(0, kUnit.size(), kUnit) != 0) return std::nullopt;
  const std::string_view spec = std::string_view(header).substr(kUnit.size());
  if (spec.find(',') != std::string_view::npos) return std::nullopt;  // several ranges: the whole file, once
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto number = [](std::string_view s) -> std::optional<std::size_t> {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
  };
  const std::string_view a = spec.substr(0, dash);
  const std::string_view b = spec.substr(dash + 1);
  if (a.empty()) {
    const auto n = number(b);
    if (!n) return std::nullopt;
    if (*n == 0 || size == 0) return std::pair<std::size_t, std::size_t>{1, 0};
    return std::pair<std::size_t, std::size_t>{size - std::min(*n, size), size - 1};
  }
  const auto first = number(a);
  if (!first) return std::nullopt;
  std::size_t last = size == 0 ? 0 : size - 1;
  if (!b.empty()) {
    const auto l = number(b);
    if (!l || *l < *first) return std::nullopt;
    last = std::min(*l, last);
  }
  if (*first >= size) return std::pair<std::size_t, std::size_t>{1, 0};
  return std::pair<std::size_t, std::size_t>{*first, last};
}

// A request path as a path below the root, or "" when it tries to leave it
// or names a hidden file.
std::string relative_path(const std::string& path) {
  std::string rel = path.substr(1);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  std::string_view rest = rel;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment.front() == '.' || segment.find('\\') != std::string_view::npos) return "";
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  return rel;
}

}  // namespace

StaticFiles::StaticFiles(std::string root, std::size_t budget_bytes) : root_(std::move(root)), budget_(budget_bytes) {}

std::shared_ptr<const StaticFiles::File> StaticFiles::load(const std::string& relative) {
  std::error_code ec;
  const fs::path root = fs::canonical(root_, ec);
  if (ec) return nullptr;
  const fs::path full = fs::canonical(root / relative, ec);
  if (ec) return nullptr;
  // A symlink may point anywhere: serve only what really lives under the root.
  const auto [root_end, _] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
  if (root_end != root.end()) return nullptr;
  struct stat st {};
  if (stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) > kMaxFileBytes)
    return nullptr;
  const std::int64_t mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  {
    std::lock_guard lock(mutex_);
    const auto it = files_.find(relative);
    if (it != files_.end() && it->second.file->mtime_ns == mtime_ns &&
        it->second.file->identity.size() == static_cast<std::size_t>(st.st_size)) {
      lru_.splice(lru_.begin(), lru_, it->second.position);
      return it->second.file;
    }
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream text;
  text << in.rdbuf();
  auto file = std::make_shared<File>();
  file->identity = text.str();
  file->mtime_ns = mtime_ns;
  file->content_type = content_type_of(relative);
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%zx-%llx\"", file->identity.size(), static_cast<unsigned long long>(mtime_ns));
  file->etag = etag;
  // Compressed once per version of the file, not per request (brotli at quality 11 costs milliseconds per KB).
  if (compressible(file->content_type) && file->identity.size() > 256) {
    file->gzip = gzip_of(file->identity);
    if (file->gzip.size() >= file->identity.size()) file->gzip.clear();
    file->brotli = brotli_of(file->identity);
    if (file->brotli.size() >= file->identity.size()) file->brotli.clear();
  }
  std::lock_guard lock(mutex_);
  if (const auto it = files_.find(relative); it != files_.end()) {
    used_ -= it->second.file->cost();
    lru_.erase(it->second.position);
    files_.erase(it);
  }
  if (file->cost() <= budget_) {
    while (used_ + file->cost() > budget_ && !lru_.empty()) {
      const auto victim = files_.find(lru_.back());
      used_ -= victim->second.file->cost();
      files_.erase(victim);
      lru_.pop_back();
    }
    lru_.push_front(relative);
    files_[relative] = Slot{file, lru_.begin()};
    used_ += file->cost();
  }
  return file;
}

void StaticFiles::serve(const HttpRequest& req, HttpResponse& res) {
  const std::string relative = relative_path(req.path);
  const auto file = relative.empty() ? nullptr : load(relative);
  if (!file) {
    send_error(res, 404, "not_found", "nothing is served at this path");
    return;
  }
  if (file->content_type.rfind("text/html", 0) == 0) set_html_page_headers(res);
  // One tag per representation (RFC 9110 8.8.3): a cache must not answer a gzip request with brotli bytes.
  const std::string accept = req.get_header_value("Accept-Encoding");
  const char* coding = !file->brotli.empty() && accepts(accept, "br")   ? "br"
                       : !file->gzip.empty() && accepts(accept, "gzip") ? "gzip"
                                                                        : "";
  const std::string etag = *coding ? file->etag.substr(0, file->etag.size() - 1) + "-" + coding + "\"" : file->etag;
  res.set_header("ETag", etag);
  // A content-hashed name (soundoff-engine.<hash>.wasm) never changes its bytes: caches keep it for a year
  // without asking. The other widget files keep their names across versions: kept a while, then asked again.
  res.set_header("Cache-Control",
                 content_hashed(relative) ? "public, max-age=31536000, immutable" : "public, max-age=300");
  res.set_header("Vary", "Accept-Encoding");
  res.set_header("Accept-Ranges", "bytes");
  const std::string if_none_match = req.get_header_value("If-None-Match");
  if (!if_none_match.empty() && (if_none_match == "*" || if_none_match.find(etag) != std::string::npos)) {
    res.status = 304;
    return;
  }
  const std::string range_header = req.get_header_value("Range");
  const std::string if_range = req.get_header_value("If-Range");
  const bool range_applies = !range_header.empty() && (if_range.empty() || if_range == file->etag);
  const auto range = range_applies ? single_range(range_header, file->identity.size()) : std::nullopt;
  if (range) {
    res.set_header("ETag", file->etag);  // ranges are of the identity bytes
    const auto [first, last] = *range;
    if (first > last) {
      res.status = 416;
      res.set_header("Content-Range", "bytes */" + std::to_string(file->identity.size()));
      res.set_content("", file->content_type);
      return;
    }
    res.status = 206;
    res.set_header("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
                                        std::to_string(file->identity.size()));
    res.set_content(file->identity.substr(first, last - first + 1), file->content_type);
    return;
  }
  // The cached bytes, not a copy: a slow reader holds a reference to the file.
  if (std::string_view(coding) == "br") {
    res.set_header("Content-Encoding", "br");
    res.set_shared_content(std::shared_ptr<const std::string>(file, &file->brotli), file->content_type);
  } else if (std::string_view(coding) == "gzip") {
    res.set_header("Content-Encoding", "gzip");
    res.set_shared_content(std::shared_ptr<const std::string>(file, &file->gzip), file->content_type);
  } else {
    res.set_shared_content(std::shared_ptr<const std::string>(file, &file->identity), file->content_type);
  }
  res.status = 200;
}

}  // namespace soundoff::server
