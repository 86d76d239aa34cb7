// A widget that names its thread by page URL (data-soundoff-url or the
// page's canonical URL, docs/widget.md) sends that URL and the page title
// with each comment. The first published comment registers them, so the
// thread is then found by URL and the console and mails show its title
// (docs/server-api.md, "Threads by URL").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server/server_state.h"

namespace soundoff::server {

// The page a comment was written on; both empty when the widget sent none.
struct ThreadPage {
  std::string url;  // normalised (soundoff::normalise_url)
  std::string title;
};

// What is wrong with one of the fields `thread_url` / `thread_title`.
struct ThreadPageProblem {
  const char* field;
  const char* code;
  std::string message;
};

// Reads `thread_url` and `thread_title` from a new comment. The URL must
// name `thread` itself (thread_key_for(its normalised form) == thread):
// nobody can label another page's thread with their URL.
std::optional<ThreadPageProblem> read_thread_page(const nlohmann::json& comment, const std::string& thread,
                                                  ThreadPage& page);

// Registers `page` for `thread` when the registry has no URL for it yet; a
// title a moderator set is kept. The audit log names the comment that did it
// (thread.register by "author" via first_comment). Failures are logged, not
// answered: the comment itself is stored by then.
void register_thread_page(ServerState& state, const HttpRequest& req, const std::string& thread, const ThreadPage& page,
                          const std::string& comment_id);

}  // namespace soundoff::server
