#include "server/reader_subscriptions.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace soundoff::server {

namespace {

// "0" is how the tables spell "the whole thread"; payloads say "".
std::string comment_or_empty(const std::string& comment) { return comment == "0" ? std::string() : comment; }

}  // namespace

std::string normalized_address(const std::string& address) {
  std::string out = address;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string confirm_payload(const std::string& address, const std::string& thread, const std::string& comment,
                            const std::string& lang) {
  return nlohmann::json{
      {"kind", "confirm"}, {"to", address}, {"thread", thread}, {"comment", comment_or_empty(comment)}, {"lang", lang}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string reply_payload(const std::string& address, const std::string& thread, const std::string& comment,
                          const std::string& lang, const std::string& reply_id, const std::string& author,
                          const std::string& body) {
  return nlohmann::json{{"kind", "reply"},  {"to", address},
                        {"thread", thread}, {"comment", comment_or_empty(comment)},
                        {"lang", lang},     {"reply", {{"id", reply_id}, {"author", author}, {"body", body}}}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace soundoff::server
