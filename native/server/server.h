// The comment server: storage, cache and routes behind one HTTP listener.
// Used by `soundoff serve` and, in-process, by the server tests.
#pragma once

#include <memory>

#include "server/config.h"
#include "soundoff/result.h"

namespace soundoff::server {

class CommentServer {
 public:
  // Opens (and migrates) the database, loads the seed into the demo thread
  // when the database is new, opens the access log, registers the routes.
  static Result<std::unique_ptr<CommentServer>> create(ServerConfig config);
  ~CommentServer();
  CommentServer(const CommentServer&) = delete;
  CommentServer& operator=(const CommentServer&) = delete;

  // Binds host:port (port 0: a free port). Returns the bound port.
  Result<int> bind();
  // Serves until stop(); returns after in-flight requests have finished.
  bool run();
  // Makes run() return (or not start); safe from any thread, also before
  // run() has started. Not async-signal-safe: call it from a normal thread.
  void stop();
  // True while the listen loop runs.
  bool running() const;

  struct Impl;  // server.cpp

 private:
  explicit CommentServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace soundoff::server
