// URL canonicalisation for thread names; see soundoff/url_normalise.h for the
// rules. Deliberately a small splitter, not a general URL parser: it only has
// to give one spelling per page and refuse what is not an http(s) page URL.
#include "soundoff/url_normalise.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "soundoff/hash.h"

namespace soundoff {
namespace {

Error invalid(std::string_view url, const std::string& why) {
  std::string shown(url.substr(0, 120));
  return Error{"invalid_url", "'" + shown + (url.size() > 120 ? "…" : "") + "' is not a page URL: " + why};
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool is_tracking_parameter(std::string_view param) {
  const auto key = lowered(param.substr(0, param.find('=')));
  return key.rfind("utm_", 0) == 0 || key == "fbclid" || key == "gclid" || key == "mc_cid" || key == "mc_eid" ||
         key == "ref";
}

// "k=v&..." without tracking or empty parameters, sorted; "" when none is left.
std::string canonical_query(std::string_view query) {
  std::vector<std::string_view> kept;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto param = query.substr(0, amp);
    if (!param.empty() && param != "=" && !is_tracking_parameter(param)) kept.push_back(param);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (const auto param : kept) {
    if (!out.empty()) out += '&';
    out += param;
  }
  return out;
}

}  // namespace

Result<std::string> normalise_url(std::string_view url) {
  if (url.empty()) return invalid(url, "it is empty");
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return invalid(url, "it contains whitespace or a control character");
  }
  const auto colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0)
    return invalid(url, "it has no scheme (expected http:// or https://)");
  const auto scheme = lowered(url.substr(0, colon));
  if (scheme != "http" && scheme != "https") return invalid(url, "scheme '" + scheme + "' is not http or https");

  auto rest = url.substr(colon + 3);
  rest = rest.substr(0, rest.find('#'));
  const auto authority_end = rest.find_first_of("/?");
  const auto authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return invalid(url, "user info (user@host) is not allowed");

  // Host and port; an IPv6 literal keeps its brackets.
  std::string_view host = authority;
  std::string_view port;
  const auto bracket = authority.rfind(']');
  const auto port_colon = authority.rfind(':');
  if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
  }
  if (host.empty()) return invalid(url, "it has no host");
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return invalid(url, "port '" + std::string(port) + "' is not a number");
    const int number = std::stoi(std::string(port));
    if (number < 1 || number > 65535) return invalid(url, "port " + std::string(port) + " is out of range");
    if ((scheme == "http" && number == 80) || (scheme == "https" && number == 443)) port = {};
  }

  const auto question = rest.find('?');
  std::string path(rest.substr(0, question));
  const auto query = question == std::string_view::npos ? std::string{} : canonical_query(rest.substr(question + 1));
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.empty()) path = "/";

  std::string out = scheme + "://" + lowered(host);
  if (!port.empty()) out += ":" + std::string(port);
  out += path;
  if (!query.empty()) out += "?" + query;
  return out;
}

bool is_valid_thread_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '~' || c == ':' || c == '-';
  });
}

std::string thread_key_for(std::string_view name) {
  if (is_valid_thread_key(name)) return std::string(name);
  std::string source(name);
  std::string slug_source(name);
  if (auto url = normalise_url(name)) {
    source = *url;
    slug_source = url->substr(url->find("://") + 3);
  }
  std::string slug;
  for (const char c : slug_source) {
    const char l = lower(c);
    const bool keep = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.';
    if (keep) {
      slug += l;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 48) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  char hash[16];
  std::snprintf(hash, sizeof hash, "%010llx", static_cast<unsigned long long>(fnv1a64(source) & 0xffffffffffull));
  return slug.empty() ? std::string("t-") + hash : slug + "-" + hash;
}

}  // namespace soundoff
