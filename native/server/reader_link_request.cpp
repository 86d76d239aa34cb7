#include "server/reader_link_request.h"

#include "server/http_util.h"

namespace soundoff::server {

std::optional<ReaderToken> reader_link_token(const ServerState& state, const HttpRequest& req,
                                             ReaderTokenPurpose purpose) {
  if (state.reader_token_key.empty()) return std::nullopt;  // reader mail is off: no link is genuine
  return verify_reader_token(req.get_param_value("token"), state.reader_token_key, purpose, now_ms());
}

std::string reader_link_self(std::string_view path, const HttpRequest& req, const std::string& lang) {
  return std::string(path) + "?token=" + req.get_param_value("token") + "&lang=" + lang;
}

}  // namespace soundoff::server
