#include "server/http_types.h"

#include <algorithm>

namespace soundoff::server {

bool same_header_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

bool HttpRequest::has_param(std::string_view name) const {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}

std::string HttpRequest::get_param_value(std::string_view name) const {
  for (const auto& [key, value] : params)
    if (key == name) return value;
  return {};
}

bool HttpRequest::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return same_header_name(h.first, name); });
}

std::string HttpRequest::get_header_value(std::string_view name) const {
  std::string out;
  bool first = true;
  for (const auto& [key, value] : headers) {
    if (!same_header_name(key, name)) continue;
    if (!first) out += ", ";
    out += value;
    first = false;
  }
  return out;
}

std::string HttpRequest::query() const {
  const auto q = target.find('?');
  return q == std::string::npos ? std::string() : target.substr(q + 1);
}

void HttpResponse::set_header(std::string_view name, std::string value) {
  for (auto& h : headers) {
    if (same_header_name(h.first, name)) {
      h.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

bool HttpResponse::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return same_header_name(h.first, name); });
}

std::string HttpResponse::get_header_value(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (same_header_name(key, name)) return value;
  return {};
}

void HttpResponse::set_content(std::string content, std::string content_type) {
  body = std::move(content);
  shared_body.reset();
  set_header("Content-Type", std::move(content_type));
}

void HttpResponse::set_shared_content(std::shared_ptr<const std::string> content, std::string content_type) {
  body.clear();
  shared_body = std::move(content);
  set_header("Content-Type", std::move(content_type));
}

}  // namespace soundoff::server
