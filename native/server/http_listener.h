// The HTTP/1.1 listener: Boost.Beast on Asio, one event loop per I/O thread
// (every socket asynchronous) plus a worker pool for handlers that may block
// on the database. Framing is Beast's parser; the limits are ours and apply
// before a byte of body is kept: a total deadline for the request header, its
// size and line count, the body size (chunked or not), no request
// Content-Encoding, no transfer coding but chunked, connections per network.
// A slow or idle client holds a few kilobytes, never a thread, so it cannot
// delay anyone else. Why Beast and not cpp-httplib: docs/deployment.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "server/http_types.h"
#include "server/network_address.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ListenerLimits {
  std::size_t header_bytes = 16 * 1024;  // request line and headers together; more: 431
  std::size_t header_lines = 100;        // more: 431
  std::size_t body_bytes = 64 * 1024;    // more (counted while reading, chunked too): 413 and close
  // From the first byte wanted to the last header byte (also the keep-alive idle time): then the connection closes.
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{10000};   // the whole body
  std::chrono::milliseconds write_timeout{10000};  // the whole response
  std::size_t connections_per_network = 128;       // connection_registry.h
  std::size_t max_connections = 10000;
  std::vector<IpRange> exempt_networks;  // trusted proxies: many clients behind one address
  int io_threads = 2;
  int workers = 16;
  std::vector<std::pair<std::string, std::string>> default_headers;  // on every response
};

class HttpListener {
 public:
  using Handler = std::function<void(HttpRequest& request, HttpResponse& response)>;
  // Called once per response sent (the listener's own refusals too), with the time since the request was read.
  using Logger = std::function<void(const HttpRequest& request, int status, std::size_t bytes, double ms)>;
  // True for requests whose handler may block (database writes): they run on the worker pool, the rest on the
  // I/O threads.
  using Blocking = std::function<bool(const HttpRequest& request)>;

  HttpListener(ListenerLimits limits, Handler handler, Blocking blocking, Logger logger);
  ~HttpListener();
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  // Binds host:port (0: a free port); returns the bound port.
  Result<int> bind(const std::string& host, int port);
  // Serves until stop(); then closes idle connections, lets requests in
  // flight finish (at most 5 s) and returns. False when not bound.
  bool run();
  // Makes run() return (or not start); safe from any thread.
  void stop();
  bool running() const;

  struct Impl;  // http_listener.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace soundoff::server
