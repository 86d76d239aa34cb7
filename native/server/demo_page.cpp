#include "server/demo_page.h"

#include "server/http_util.h"

namespace soundoff::server {

namespace {

constexpr const char* kHead = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Russia calls for talks in Moscow on Syria</title>
<style>
  body { font: 17px/1.55 Georgia, serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  .dateline { font: 0.85rem system-ui, sans-serif; color: #666; text-transform: uppercase; letter-spacing: .04em; }
  h1 { font-size: 2rem; line-height: 1.2; margin: .3rem 0 1.2rem; }
  .filed { font: 0.85rem system-ui, sans-serif; color: #666; border-top: 1px solid #ddd; padding-top: .6rem; }
  @media (prefers-color-scheme: dark) { body { background: #121212; color: #e8e8e8; } }
</style>
</head>
<body>
<main>
<article>
  <p class="dateline"><time datetime="2013-09-09T05:41-04:00">September 9th, 2013 · 05:41 AM ET</time></p>
  <h1>Russia calls for talks in Moscow on Syria</h1>
  <p>Russia's foreign minister Monday called for international talks in Moscow to promote a peace process for Syria
  and avert an American military strike.</p>
  <p>Russian Foreign Minister Sergey Lavrov said his Syrian counterpart, Foreign Minister Walid Moallem, "said quite
  clearly Damascus is ready to participate in a positive way" in negotiations.</p>
  <p>Lavrov blamed U.S.-backed rebels in Syria for preventing a peace conference in Geneva. He said the Russian
  government would work to rebuild support for that idea.</p>
  <p class="filed">Filed under: Syria • U.S. • World</p>
</article>
<section aria-label="Comments">
)";

// Hidden until /demo-login.js (web/src/demo/login.js) shows it: without
// script it could not sign anyone in. Plain page markup, no user text.
constexpr const char* kDemoLogin = R"(<form id="demo-login" class="demo-login" hidden>
  <p>Demo sign-in: this server signs a token for any name you type (identity.demo_login; never on a real site).</p>
  <label>Name <input name="name" autocomplete="nickname" maxlength="100" required></label>
  <label><input type="checkbox" name="staff"> as staff</label>
  <button type="submit">Log in as a reader</button>
  <button type="button" id="demo-logout" hidden>Log out</button>
  <output id="demo-login-status" aria-live="polite"></output>
</form>
)";

constexpr const char* kTail = R"(</section>
</main>
</body>
</html>
)";

}  // namespace

std::string demo_article_html(const std::string& thread, const std::string& comments_html, bool demo_login) {
  std::string html = kHead;
  // Feed readers find the thread's Atom feed from the page (feed_routes.cpp).
  const std::string feed =
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Comments (Atom)\" href=\"/feed/threads/" +
      html_escape(thread) + ".atom\">\n</head>";
  html.replace(html.find("</head>"), 7, feed);
  if (demo_login) html += std::string(kDemoLogin) + "<script src=\"/demo-login.js\" defer></script>\n";
  // The server-rendered page paints before any script runs; the stylesheet is the widget's own, scoped to it.
  if (!comments_html.empty()) {
    html.replace(html.find("</head>"), 7, "<link rel=\"stylesheet\" href=\"/soundoff-ssr.css\">\n</head>");
    html += "<div id=\"soundoff\">" + comments_html + "</div>\n";
  }
  html += "<script src=\"/soundoff.js\" data-soundoff-api=\"\" data-soundoff-thread=\"" + html_escape(thread) +
          "\"></script>\n";
  html += "<noscript>The comments need JavaScript; they are also at <a href=\"/api/threads/" + html_escape(thread) +
          "/comments\">/api/threads/" + html_escape(thread) + "/comments</a>.</noscript>\n";
  html += kTail;
  return html;
}

}  // namespace soundoff::server
