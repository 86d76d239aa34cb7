#include "server/thread_gate.h"

#include "server/http_util.h"
#include "server/server_state.h"
#include "server/thread_signature.h"

namespace soundoff::server {

namespace {

std::int64_t auto_close_ms(const ServerState& state) {
  return static_cast<std::int64_t>(state.config.auto_close_days) * 86400000;
}

// The site's signature of the key: the header (what the widget sends) or the body's "thread_sig".
std::string given_signature(const HttpRequest& req, const nlohmann::json& body) {
  std::string header = req.get_header_value("X-Soundoff-Thread-Sig");
  if (!header.empty()) return header;
  const auto it = body.find("thread_sig");
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool refuse_thread_post(ServerState& state, const std::string& thread, const HttpRequest& req,
                        const nlohmann::json& body, HttpResponse& res) {
  const auto record = state.threads.get(thread);
  if (!record) {
    send_internal_error(res, record.error());
    return true;
  }
  const std::int64_t now = now_ms();
  if (*record && closed_at(**record, now, auto_close_ms(state))) {
    send_error(res, 403, "closed", "comments are closed on this thread");
    return true;
  }
  if (state.config.thread_creation != "known" || (*record && (*record)->registered)) return false;
  const std::string signature = given_signature(req, body);
  if (!valid_thread_signature(thread, state.config.thread_secret, signature)) {
    send_error(res, 403, "unknown_thread",
               signature.empty() ? "this site takes comments only on its registered threads"
                                 : "the thread signature does not match this thread key");
    return true;
  }
  // Signed by the site: the thread is now one it knows (the CMS need not register it first).
  const auto registered = state.store->register_thread(thread, "", "", now);
  if (!registered) {
    send_internal_error(res, registered.error());
    return true;
  }
  state.threads.put(thread, *registered);
  state.thread_urls.note(thread, registered->url);
  return false;
}

void thread_written(ServerState& state, const std::string& thread) { state.threads.forget_if_absent(thread); }

Result<bool> thread_closed_now(ServerState& state, const std::string& thread) {
  const auto record = state.threads.get(thread);
  if (!record) return record.error();
  return *record && closed_at(**record, now_ms(), auto_close_ms(state));
}

}  // namespace soundoff::server
