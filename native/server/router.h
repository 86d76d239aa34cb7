// Routes: a method and a regular expression over the decoded path, matched
// in the order they were added. Handlers see only Soundoff's request and
// response types (http_types.h).
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "server/http_types.h"

namespace soundoff::server {

class Router {
 public:
  using Handler = std::function<void(const HttpRequest& request, HttpResponse& response)>;

  void get(const std::string& pattern, Handler handler) { add("GET", pattern, std::move(handler)); }
  void post(const std::string& pattern, Handler handler) { add("POST", pattern, std::move(handler)); }
  void options(const std::string& pattern, Handler handler) { add("OPTIONS", pattern, std::move(handler)); }
  void patch(const std::string& pattern, Handler handler) { add("PATCH", pattern, std::move(handler)); }
  void del(const std::string& pattern, Handler handler) { add("DELETE", pattern, std::move(handler)); }
  // What GET and HEAD requests no route matches go to (the static files).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  // Runs the first route whose pattern matches the whole path and whose
  // method is the request's (HEAD runs GET routes), with the captures in
  // request.matches. 405 when only other methods match, else the fallback
  // or 404.
  void dispatch(HttpRequest& request, HttpResponse& response) const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  void add(std::string method, const std::string& pattern, Handler handler);
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace soundoff::server
