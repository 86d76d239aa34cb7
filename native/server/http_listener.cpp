#include "server/http_listener.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "server/connection_registry.h"
#include "server/url_decode.h"

namespace soundoff::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// How long a connection we refused keeps being read (and discarded) before it
// closes, so that the client sees our answer instead of a reset.
constexpr auto kDrainTime = std::chrono::seconds(2);

std::string trimmed_lower(beast::string_view value) {
  std::string_view s(value.data(), value.size());
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The listener's own refusals; the messages are constants, never request text.
HttpResponse refusal(int status, const char* code, const char* message) {
  HttpResponse res;
  res.status = status;
  res.close = true;
  res.set_content(std::string("{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}",
                  "application/json; charset=utf-8");
  return res;
}

class Session;

// One event loop per I/O thread, each connection on one of them: no lock is
// shared by every request (as one io_context run by several threads has).
// Deadlines are checked by one sweep per loop every 250 ms instead of a timer
// per read and write: re-arming a timer costs system calls on every request.
struct Loop {
  Loop() : sweeper(ioc) {}
  asio::io_context ioc{1};
  asio::steady_timer sweeper;
  std::vector<std::weak_ptr<Session>> sessions;  // touched only on this loop's thread
};

constexpr auto kSweepInterval = std::chrono::milliseconds(250);

}  // namespace

struct HttpListener::Impl {
  Impl(ListenerLimits l, Handler h, Blocking b, Logger g)
      : limits(std::move(l)),
        handler(std::move(h)),
        blocking(std::move(b)),
        logger(std::move(g)),
        registry(limits.connections_per_network, limits.max_connections),
        workers(static_cast<std::size_t>(std::max(1, limits.workers))),
        loops(make_loops(limits.io_threads)),
        acceptor(loops.front()->ioc) {}

  static std::vector<std::unique_ptr<Loop>> make_loops(int count) {
    std::vector<std::unique_ptr<Loop>> out;
    for (int i = 0; i < std::max(1, count); ++i) out.push_back(std::make_unique<Loop>());
    return out;
  }
  void sweep(Loop& loop);

  void accept();

  ListenerLimits limits;
  Handler handler;
  Blocking blocking;
  Logger logger;
  ConnectionRegistry registry;  // outlives the sessions the loops may still hold
  std::atomic<int> live_sessions{0};
  std::atomic<bool> stopping{false};
  asio::thread_pool workers;
  std::vector<std::unique_ptr<Loop>> loops;
  std::size_t next_loop = 0;  // the acceptor's handler is its only user
  tcp::acceptor acceptor;
  bool bound = false;
  std::atomic<bool> serving{false};
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stop_requested = false;
};

namespace {

class Session : public Evictable, public std::enable_shared_from_this<Session> {
 public:
  Session(HttpListener::Impl& owner, Loop& loop, tcp::socket socket, std::string peer)
      : owner_(owner), loop_(loop), stream_(std::move(socket)), peer_(std::move(peer)) {
    ++owner_.live_sessions;
  }
  ~Session() override {
    if (id_ != 0) owner_.registry.release(id_);
    --owner_.live_sessions;
  }

  // On the session's loop.
  void start(std::uint64_t id) {
    id_ = id;
    loop_.sessions.push_back(weak_from_this());
    read_header();
  }

  // Called by the loop's sweep: closes the connection when its deadline passed.
  void check_deadline(Clock::time_point now) {
    if (now >= deadline_) close_now();
  }

  void evict() override {
    auto self = shared_from_this();
    asio::post(stream_.get_executor(), [self] {
      self->evicted_ = true;
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->stream_.close();
    });
  }

 private:
  void read_header() {
    if (owner_.stopping || evicted_) return close_now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(owner_.limits.header_bytes));
    parser_->body_limit(owner_.limits.body_bytes);
    // One deadline for the whole header: trickling a byte at a time does not extend it.
    deadline_ = Clock::now() + owner_.limits.header_timeout;
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    owner_.registry.set_waiting(id_, false);
    started_ = Clock::now();
    const auto& header = parser_->get();
    if (static_cast<std::size_t>(std::distance(header.begin(), header.end())) > owner_.limits.header_lines)
      return refuse(refusal(431, "headers_too_large", "the request has too many header lines"));
    // Every line counts: a second Transfer-Encoding or Content-Encoding line must not slip a coding past us.
    for (auto [it, end] = header.equal_range(http::field::transfer_encoding); it != end; ++it) {
      if (trimmed_lower(it->value()) != "chunked")
        return refuse(refusal(501, "unsupported_transfer_encoding", "the only transfer coding accepted is chunked"));
    }
    for (auto [it, end] = header.equal_range(http::field::content_encoding); it != end; ++it) {
      if (trimmed_lower(it->value()) != "identity")
        return refuse(refusal(415, "unsupported_content_encoding", "send the request body without Content-Encoding"));
    }
    if (parser_->is_done()) return on_request();
    deadline_ = Clock::now() + owner_.limits.body_timeout;
    if (trimmed_lower(header[http::field::expect]) == "100-continue") {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, header.version());
      http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
        if (e) return self->close_now();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->on_read_error(ec);
      self->on_request();
    });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::body_limit)
      return refuse(refusal(413, "too_large", "the request body is larger than the server accepts"));
    if (ec == http::error::header_limit)
      return refuse(refusal(431, "headers_too_large", "the request header is larger than the server accepts"));
    // Beast's own category means the bytes were not HTTP; anything else (timeout, reset, eviction) just closes.
    const bool malformed = ec.category() == http::make_error_code(http::error::bad_target).category() &&
                           ec != http::error::end_of_stream && ec != http::error::partial_message;
    if (!malformed || evicted_) return close_now();
    refuse(refusal(400, "bad_request", "the request is not valid HTTP/1.1"));
  }

  // Builds our request from Beast's and hands it to the handler.
  void on_request() {
    auto message = parser_->release();
    auto request = std::make_shared<HttpRequest>();
    request->method = std::string(message.method_string());
    request->target = std::string(message.target());
    request->remote_addr = peer_;
    for (const auto& field : message)
      request->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    request->body = std::move(message.body());
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    head_ = message.method() == http::verb::head;
    if (started_ == Clock::time_point()) started_ = Clock::now();
    const auto q = request->target.find('?');
    auto path = percent_decode(std::string_view(request->target).substr(0, q), false);
    if (!path || path->empty() || path->front() != '/' || has_control_bytes(*path))
      return refuse(refusal(400, "invalid_path", "the path is not a valid, percent-encoded path"), request);
    request->path = std::move(*path);
    if (q != std::string::npos) {
      auto params = parse_query(std::string_view(request->target).substr(q + 1));
      if (!params)
        return refuse(refusal(400, "invalid_query", "the query string is not valid percent-encoding"), request);
      request->params = std::move(*params);
    }
    if (owner_.blocking && owner_.blocking(*request)) {
      deadline_ = Clock::time_point::max();  // the handler's time is ours, not the client's
      asio::post(owner_.workers, [self = shared_from_this(), request] {
        auto response = std::make_shared<HttpResponse>();
        self->owner_.handler(*request, *response);
        asio::post(self->stream_.get_executor(), [self, request, response] { self->write(*request, *response); });
      });
      return;
    }
    HttpResponse response;
    owner_.handler(*request, response);
    write(*request, response);
  }

  void refuse(HttpResponse response, std::shared_ptr<HttpRequest> request = nullptr) {
    if (!request) {
      request = std::make_shared<HttpRequest>();
      if (parser_ && parser_->is_header_done()) {
        request->method = std::string(parser_->get().method_string());
        request->target = std::string(parser_->get().target());
        request->path = request->target.substr(0, request->target.find('?'));
      }
      request->remote_addr = peer_;
      version_ = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
    }
    if (started_ == Clock::time_point()) started_ = Clock::now();
    response.close = true;
    write(*request, response);
  }

  void write(const HttpRequest& request, HttpResponse& response) {
    const unsigned version = version_ == 10 ? 10 : 11;
    const auto status = static_cast<http::status>(response.status);
    const std::size_t size = response.body_size();
    if (owner_.logger)
      owner_.logger(request, response.status, size,
                    std::chrono::duration<double, std::milli>(Clock::now() - started_).count());
    close_after_ = response.close || !keep_alive_ || owner_.stopping;
    refused_ = response.close;
    if (response.shared_body) {
      // The cache's bytes, referenced (span_body) and kept alive until written.
      auto message = std::make_shared<http::response<http::span_body<const char>>>(status, version);
      message->body() = head_ ? beast::span<const char>() : beast::span<const char>(*response.shared_body);
      send(message, response, size, response.shared_body);
    } else {
      auto message = std::make_shared<http::response<http::string_body>>(status, version);
      message->body() = head_ ? std::string() : std::move(response.body);
      send(message, response, size, nullptr);
    }
  }

  template <typename Message>
  void send(std::shared_ptr<Message> message, const HttpResponse& response, std::size_t size,
            std::shared_ptr<const std::string> keep_alive) {
    for (const auto& [name, value] : owner_.limits.default_headers) message->set(name, value);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->keep_alive(!close_after_);
    message->prepare_payload();
    if (head_) message->content_length(size);
    deadline_ = Clock::now() + owner_.limits.write_timeout;
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec) return self->close_now();
                        if (self->close_after_) return self->refused_ ? self->drain() : self->close_now();
                        self->started_ = Clock::time_point();
                        self->owner_.registry.set_waiting(self->id_, true);
                        self->read_header();
                      });
  }

  // Stops sending, then reads and discards what the client still sends for a
  // moment: closing with unread data would reset the connection and the
  // client might never see the error we answered with.
  void drain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    deadline_ = Clock::now() + kDrainTime;
    drain_more();
  }
  void drain_more() {
    stream_.async_read_some(asio::buffer(discard_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close_now();
      self->drain_more();
    });
  }

  void close_now() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  HttpListener::Impl& owner_;
  Loop& loop_;
  beast::tcp_stream stream_;
  Clock::time_point deadline_ = Clock::time_point::max();
  std::string peer_;
  std::uint64_t id_ = 0;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::array<char, 16384> discard_{};
  Clock::time_point started_{};
  bool keep_alive_ = true;
  bool close_after_ = false;
  bool refused_ = false;
  bool head_ = false;
  bool evicted_ = false;
  unsigned version_ = 11;
};

}  // namespace

void HttpListener::Impl::sweep(Loop& loop) {
  const auto now = Clock::now();
  std::erase_if(loop.sessions, [&](const std::weak_ptr<Session>& weak) {
    const auto session = weak.lock();
    if (!session) return true;
    session->check_deadline(now);
    return false;
  });
  loop.sweeper.expires_after(kSweepInterval);
  loop.sweeper.async_wait([this, &loop](beast::error_code ec) {
    if (!ec) sweep(loop);
  });
}

void HttpListener::Impl::accept() {
  Loop& loop = *loops[next_loop++ % loops.size()];
  acceptor.async_accept(loop.ioc.get_executor(), [this, &loop](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec) {
      beast::error_code ignored;
      // Headers and body go out in one write, but a keep-alive peer's delayed ACK must not hold the next one.
      socket.set_option(tcp::no_delay(true), ignored);
      const auto endpoint = socket.remote_endpoint(ignored);
      const auto address = IpAddress::parse(endpoint.address().to_string());
      const std::string peer = address ? address->to_string() : endpoint.address().to_string();
      const bool exempt = address && in_any(limits.exempt_networks, *address);
      auto session = std::make_shared<Session>(*this, loop, std::move(socket), peer);
      const auto admission = registry.admit(network_key(peer), exempt, session);
      if (admission.admitted) asio::post(loop.ioc, [session, id = admission.id] { session->start(id); });
      // Refused: the session (and its socket) closes as it goes out of scope here.
    }
    accept();
  });
}

HttpListener::HttpListener(ListenerLimits limits, Handler handler, Blocking blocking, Logger logger)
    : impl_(std::make_unique<Impl>(std::move(limits), std::move(handler), std::move(blocking), std::move(logger))) {}

HttpListener::~HttpListener() {
  for (auto& loop : impl_->loops) loop->ioc.stop();
  impl_->workers.join();
}

Result<int> HttpListener::bind(const std::string& host, int port) {
  beast::error_code ec;
  tcp::resolver resolver(impl_->loops.front()->ioc);
  const auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  const std::string where = host + ":" + std::to_string(port);
  if (ec || endpoints.empty()) return Error{"bind_failed", "cannot resolve " + host};
  const tcp::endpoint endpoint = *endpoints.begin();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor.close(ec);
    return Error{"bind_failed", "cannot listen on " + where};
  }
  impl_->bound = true;
  return static_cast<int>(acceptor.local_endpoint().port());
}

bool HttpListener::run() {
  auto& impl = *impl_;
  if (!impl.bound) return false;
  {
    std::lock_guard lock(impl.stop_mutex);
    if (impl.stop_requested) return true;
  }
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& loop : impl.loops) {
    guards.push_back(asio::make_work_guard(loop->ioc));
    asio::post(loop->ioc, [&impl, l = loop.get()] { impl.sweep(*l); });
  }
  impl.accept();
  std::vector<std::thread> threads;
  for (auto& loop : impl.loops) threads.emplace_back([l = loop.get()] { l->ioc.run(); });
  impl.serving = true;
  {
    std::unique_lock lock(impl.stop_mutex);
    impl.stop_cv.wait(lock, [&] { return impl.stop_requested; });
  }
  impl.serving = false;
  impl.stopping = true;
  asio::post(impl.loops.front()->ioc, [&impl] {
    beast::error_code ignored;
    impl.acceptor.close(ignored);
  });
  // Idle connections close now; requests in flight finish (bounded).
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (impl.live_sessions > 0 && Clock::now() < deadline) {
    impl.registry.evict_waiting();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl.workers.join();
  for (auto& loop : impl.loops) loop->ioc.stop();
  for (auto& t : threads) t.join();
  return true;
}

void HttpListener::stop() {
  std::lock_guard lock(impl_->stop_mutex);
  impl_->stop_requested = true;
  impl_->stop_cv.notify_all();
}

bool HttpListener::running() const { return impl_->serving; }

}  // namespace soundoff::server
