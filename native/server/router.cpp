#include "server/router.h"

#include "server/http_util.h"

namespace soundoff::server {

void Router::add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back(
      {std::move(method), std::regex(pattern, std::regex::ECMAScript | std::regex::optimize), std::move(handler)});
}

void Router::dispatch(HttpRequest& request, HttpResponse& response) const {
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::smatch m;
  for (const auto& route : routes_) {
    if (route.method != method || !std::regex_match(request.path, m, route.pattern)) continue;
    request.matches.assign(m.begin(), m.end());
    route.handler(request, response);
    return;
  }
  // Only on a miss: is the path served under another method? (The CORS
  // preflight route covers every /api/ path; it does not make a path known.)
  for (const auto& route : routes_) {
    if (route.method == "OPTIONS" || !std::regex_match(request.path, route.pattern)) continue;
    send_error(response, 405, "method_not_allowed", "this path does not take " + method.substr(0, 10));
    return;
  }
  if (fallback_ && method == "GET") {
    fallback_(request, response);
    return;
  }
  send_error(response, 404, "not_found", "nothing is served at this path");
}

}  // namespace soundoff::server
