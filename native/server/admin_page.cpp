#include "server/admin_page.h"

#include "server/router.h"

namespace soundoff::server {

namespace {

// lang and the title are the English defaults; the console sets both to the reader's language.
constexpr const char* kPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="same-origin">
<title>Soundoff moderation</title>
<link rel="stylesheet" href="/admin.css">
<script src="/admin.js" defer></script>
</head>
<body>
<div id="soundoff-admin"></div>
<noscript><p>The moderation console needs JavaScript.</p></noscript>
</body>
</html>
)";

}  // namespace

const std::string& admin_page_html() {
  static const std::string page = kPage;
  return page;
}

void set_admin_page_headers(HttpResponse& res) {
  // Only our own script and stylesheet: no 'unsafe-inline' for either, no 'wasm-unsafe-eval' (the console
  // loads no engine), no eval. connect-src 'self' is the desk API.
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                 "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Cache-Control", "no-store");
}

void add_admin_page_routes(Router& http) {
  const auto page = [](const HttpRequest&, HttpResponse& res) {
    set_admin_page_headers(res);
    res.set_content(admin_page_html(), "text/html; charset=utf-8");
  };
  http.get("/admin", page);
  http.get("/admin/", page);
}

}  // namespace soundoff::server
