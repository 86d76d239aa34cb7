// Server-rendered comment pages (page_html.h): the embeddable page
// /embed/threads/{thread} and the first page inside the demo article, so
// readers without JavaScript and crawlers get comments and real page links,
// and the widget's first paint never waits for its engine.
#include "server/html_page_routes.h"

#include "server/http_util.h"
#include "server/page_html.h"
#include "server/page_request.h"
#include "server/server_state.h"
#include "server/thread_gate.h"
#include "soundoff/page_query.h"

namespace soundoff::server {

namespace {

constexpr std::uint32_t kWidgetMaxReplies = 10;  // web/src/widget/options.js defaults.maxReplies

void send_embed(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const auto query = page_query_from(req);
  if (!query) {
    send_error(res, 400, query.error().code, query.error().message);
    return;
  }
  PageHtmlOptions options;
  options.link_fragment = "";
  options.more_replies_base = "/embed/threads/" + thread + "?after=";
  const auto html = render_thread_html(state, thread, query->request, query->sort, options);
  if (!html) {
    const auto& e = html.error();
    if (e.code == "internal") {
      send_internal_error(res, e);
      return;
    }
    send_error(res, e.code == "not_found" ? 404 : 400, e.code, e.message);
    return;
  }
  set_html_page_headers(res);
  res.set_header("Cache-Control", "no-cache");
  res.status = 200;
  res.set_content(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Comments</title>\n<link rel=\"stylesheet\" href=\"/soundoff-ssr.css\">\n</head>\n<body>\n" +
          *html + "\n</body>\n</html>\n",
      "text/html; charset=utf-8");
}

}  // namespace

Result<std::string> render_thread_html(ServerState& state, const std::string& thread, const PageRequest& request,
                                       SortOrder sort, const PageHtmlOptions& options) {
  const auto snapshot = state.cache.get(thread);
  if (!snapshot) return Error{"internal", snapshot.error().message};
  const auto closed = thread_closed_now(state, thread);
  if (!closed) return Error{"internal", closed.error().message};
  const ThreadView& view = (*snapshot)->view(sort);
  const auto page = build_bounded_page(view, request, state.config.max_page_comments);
  if (!page) return page.error();
  PageHtmlOptions o = options;
  o.closed = *closed;
  return page_to_html(view, *page, o);
}

std::string demo_comments_html(ServerState& state, const std::string& thread, const HttpRequest& req) {
  // The article's own URL takes any query: only a valid page and sort are used, anything else shows page 1.
  PageRequest request;
  SortOrder sort = SortOrder::oldest;
  std::vector<PageOption> options;
  for (const auto& [name, value] : req.params)
    if (name == "page" || name == "sort") options.push_back({name, value});
  if (auto q = parse_page_query_options(options)) {
    request.page = q->request.page;
    sort = q->sort;
  }
  PageHtmlOptions html_options;
  html_options.more_replies_base = "/embed/threads/" + thread + "?after=";
  auto html = render_thread_html(state, thread, request, sort, html_options);
  if (!html && request.page != 1) {
    request.page = 1;
    html = render_thread_html(state, thread, request, sort, html_options);
  }
  return html ? *html : std::string();
}

void add_html_page_routes(Router& http, ServerState& state) {
  http.get(R"(/embed/threads/([^/]+))",
           [&state](const HttpRequest& req, HttpResponse& res) { send_embed(state, req, res); });
}

}  // namespace soundoff::server
