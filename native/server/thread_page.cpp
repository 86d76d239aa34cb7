#include "server/thread_page.h"

#include <cstdio>

#include "server/audit.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/registry_text.h"
#include "soundoff/url_normalise.h"

namespace soundoff::server {

std::optional<ThreadPageProblem> read_thread_page(const nlohmann::json& comment, const std::string& thread,
                                                  ThreadPage& page) {
  page = {};
  const auto url = comment.find("thread_url");
  const auto title = comment.find("thread_title");
  const bool has_url = url != comment.end() && !url->is_null();
  const bool has_title = title != comment.end() && !title->is_null();
  if (!has_url) {
    if (has_title) return ThreadPageProblem{"thread_title", "without_url", "thread_title is sent with thread_url"};
    return std::nullopt;
  }
  if (!url->is_string()) return ThreadPageProblem{"thread_url", "wrong_type", "thread_url must be a string"};
  const std::string given = url->get<std::string>();
  if (given.size() > kMaxThreadUrlBytes)
    return ThreadPageProblem{"thread_url", "too_long",
                             "thread_url is longer than " + std::to_string(kMaxThreadUrlBytes) + " bytes"};
  auto normalised = normalise_url(given);
  if (!normalised) return ThreadPageProblem{"thread_url", "invalid_url", "thread_url: " + normalised.error().message};
  if (thread_key_for(*normalised) != thread)
    return ThreadPageProblem{"thread_url", "not_this_thread",
                             "thread_url names the thread " + thread_key_for(*normalised) + ", not " + thread};
  page.url = *normalised;
  if (has_title) {
    if (!title->is_string()) return ThreadPageProblem{"thread_title", "wrong_type", "thread_title must be a string"};
    page.title = title->get<std::string>();
    if (auto problem = registry_text_problem(page.title, kMaxThreadTitleBytes))
      return ThreadPageProblem{"thread_title", "invalid_title", "thread_title " + *problem};
  }
  return std::nullopt;
}

void register_thread_page(ServerState& state, const HttpRequest& req, const std::string& thread, const ThreadPage& page,
                          const std::string& comment_id) {
  if (page.url.empty()) return;
  const auto known = state.threads.get(thread);
  if (known && *known && !(*known)->url.empty()) return;  // registered already: the registry's URL stands
  const std::string title = known && *known && !(*known)->title.empty() ? (*known)->title : page.title;
  const auto row = state.store->register_thread(thread, title, page.url, now_ms());
  if (!row) {
    std::fprintf(stderr, "soundoff serve: registering the page of thread %s: %s\n", thread.c_str(),
                 row.error().message.c_str());
    return;
  }
  state.threads.put(thread, *row);
  state.thread_urls.note(thread, row->url);
  record_audit(state, Actor{"author", Role::moderator, "first_comment", request_network(req, state)},
               {"thread.register", "thread", thread, {{"title", title}, {"url", page.url}, {"comment", comment_id}}});
}

}  // namespace soundoff::server
