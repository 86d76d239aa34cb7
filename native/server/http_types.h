// Soundoff's own request and response: what the routes see of HTTP. The
// listener (http_listener.h) fills a request after framing and limits have
// been applied and writes the response; routes never see one HTTP library's
// types, so the library can change without touching them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soundoff::server {

// Case-insensitive ASCII comparison, as HTTP header names compare.
bool same_header_name(std::string_view a, std::string_view b);

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string path;                                          // percent-decoded path, without the query
  std::string target;                                        // the request target as sent (path and query, not decoded)
  std::vector<std::pair<std::string, std::string>> params;   // decoded query parameters, in order
  std::vector<std::pair<std::string, std::string>> headers;  // every header line, in order, as received
  std::string body;
  std::string remote_addr;           // the TCP peer's address (IPv4-mapped IPv6 unwrapped)
  std::vector<std::string> matches;  // the route's regex captures; [0] is the whole path

  bool has_param(std::string_view name) const;
  // The first value of the query parameter `name`, or "".
  std::string get_param_value(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // Every line of header `name` joined with ", " (RFC 9110 5.3), or "" when absent.
  std::string get_header_value(std::string_view name) const;
  // The raw query string (after '?'), or "".
  std::string query() const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body shared with a cache (a rendered page, a static file) instead of
  // `body`: sent without a copy, so a slow reader holds a reference, not bytes.
  std::shared_ptr<const std::string> shared_body;
  // Close the connection after this response (a request the server stopped reading).
  bool close = false;

  // Replaces any earlier value of `name`.
  void set_header(std::string_view name, std::string value);
  bool has_header(std::string_view name) const;
  std::string get_header_value(std::string_view name) const;
  void set_content(std::string content, std::string content_type);
  void set_shared_content(std::shared_ptr<const std::string> content, std::string content_type);
  std::size_t body_size() const { return shared_body ? shared_body->size() : body.size(); }
};

}  // namespace soundoff::server
