// The spam families article sites receive (issue 17): disguised links, SEO
// backlinks, keyword anchors, tech-support scams and download bait, each with
// the legitimate comments that look most like it. Every example is invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "soundoff/spam.h"
#include "soundoff/text_rules.h"
#include "text_normalize.h"

namespace soundoff {
namespace {

bool has_reason(const SpamCheck& check, std::string_view code) {
  return std::any_of(check.reasons.begin(), check.reasons.end(), [&](const SpamReason& r) { return r.code == code; });
}

SpamCheck check(std::string_view body) {
  Comment c;
  c.author = "visitor";
  c.body = std::string(body);
  return check_spam(c, {}, SpamPolicy{});
}

std::vector<detail::Link> links_of(std::string_view body) {
  detail::TextAnalysis t;
  detail::analyze_text(body, t);
  return t.links;
}

// --- Disguised links -------------------------------------------------------------

TEST(SpamDisguisedLinks, EveryDisguiseIsReadAsALinkToTheRealHost) {
  const std::pair<const char*, const char*> cases[] = {
      {"best deals at cheapdeals,com today", "cheapdeals.com"},
      {"go to cheapdeals . com for more", "cheapdeals.com"},
      {"go to cheapdeals .com for more", "cheapdeals.com"},
      {"visit cheapdeals dot com now", "cheapdeals.com"},
      {"see cheapdeals[.]com", "cheapdeals.com"},
      {"see cheapdeals (dot) net", "cheapdeals.net"},
      {"hxxp://cheapdeals.ru/offer", "cheapdeals.ru"},
      {"ttp://cheapdeals.ru/offer", "cheapdeals.ru"},
      {"short link bit.ly\\abc123 here", "bit.ly"},
      {"go to CHEAPDEALS.COMl now", "cheapdeals.com"},
      {"\u2605\u2605\u2605cheapdeals.com\u2605\u2605\u2605", "cheapdeals.com"},
      {"cheapdeals\u2665com", "cheapdeals.com"},
      {"\U0001F525\U0001F525cheapdeals.vn\U0001F525", "cheapdeals.vn"},
  };
  for (const auto& [body, host] : cases) {
    const auto links = links_of(body);
    ASSERT_EQ(links.size(), 1u) << body;
    EXPECT_EQ(links[0].host, host) << body;
    EXPECT_FALSE(links[0].obfuscation.empty()) << body;
    const auto c = check(body);
    EXPECT_TRUE(has_reason(c, "obfuscated_link")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::hold) << body << ": " << spam_check_to_json(c);
  }
}

TEST(SpamDisguisedLinks, PlainLinksAndProseAreNotDisguises) {
  for (const char* body : {"docs at https://docs.python.org/3/ are good", "murdev.com has it",
                           "\u201Cexample.com\u201D is reserved for examples"}) {
    const auto links = links_of(body);
    ASSERT_EQ(links.size(), 1u) << body;
    EXPECT_TRUE(links[0].obfuscation.empty()) << body << ": " << links[0].obfuscation;
  }
  // Punctuation and phrases that only look like a dot and a domain.
  for (const char* body :
       {"gross, net and tax are separate lines", "it was the dot com bubble all over again",
        "I loved it.Come back soon", "we use ASP.NET and Socket.IO at work", "call df.info() to see the columns",
        "it is in main.cc and util.cc", "Thanks, Com. Smith", "wait. com"}) {
    EXPECT_TRUE(links_of(body).empty()) << body << ": " << links_of(body)[0].host;
  }
}

TEST(SpamDisguisedLinks, BareAndDisguisedDomainsCountAsLinksEverywhere) {
  // The pre-check's count (count_text) and the link rules read the same links.
  EXPECT_EQ(count_text("see example.com and shop,com and hxxp://x.ru").links, 3u);
  EXPECT_EQ(count_text("a forum at forum.example.vn").links, 1u);
  // Two bare domains reach the default link limit like two URLs do.
  const auto two = check("compare cheapdeals.com with bestdeals.net before you buy");
  EXPECT_TRUE(has_reason(two, "link_limit")) << spam_check_to_json(two);
  EXPECT_EQ(two.verdict, Verdict::hold);
  // A first-time author's bare domain is a first-time link.
  Comment c;
  c.author = "new";
  c.body = "I wrote about this on myblog dot com";
  SpamContext first_time;
  first_time.author_approved = 0;
  const auto held = check_spam(c, first_time, SpamPolicy{});
  EXPECT_TRUE(has_reason(held, "first_time_link")) << spam_check_to_json(held);
}

// --- SEO backlinks ------------------------------------------------------------------

TEST(SpamSeoBacklinks, GenericPraiseWithALinkIsHeld) {
  for (const char* body : {
           "Very informative article, keep posting! https://www.best-crm-software.co/",
           "Thanks for sharing this valuable information. Visit us at quickloanshub.com",
           "Nice blog post, really enjoyed reading it. <a href=\"https://acme-movers.biz\">acme-movers.biz</a>",
       }) {
    const auto c = check(body);
    EXPECT_TRUE(has_reason(c, "seo_backlink")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::hold) << body << ": " << spam_check_to_json(c);
  }
}

TEST(SpamSeoBacklinks, PraiseWithoutALinkOrWithAReferenceLinkIsAccepted) {
  for (const char* body : {
           "Very informative article, keep posting!",
           "Great post, thanks for sharing. The official docs are at https://docs.python.org/3/library/asyncio.html",
           "Thanks for sharing! Same fix on Stack Overflow: https://stackoverflow.com/questions/4242/cors-preflight",
           "Great article. My fork with the Windows build fixes: https://github.com/jdoe/tiny-httpd",
       }) {
    const auto c = check(body);
    EXPECT_FALSE(has_reason(c, "seo_backlink")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::accept) << body << ": " << spam_check_to_json(c);
  }
  // Specific content next to the praise weakens it to a signal that does not hold alone.
  const auto specific = check(
      "Great post! I benchmarked the allocator change against jemalloc on our ingestion service and saw similar "
      "numbers, writeup at https://blog.jdoe.dev/allocators");
  EXPECT_TRUE(has_reason(specific, "seo_backlink"));
  EXPECT_EQ(specific.verdict, Verdict::accept) << spam_check_to_json(specific);
}

TEST(SpamSeoBacklinks, KeywordAnchorsAreFoundButTitlesAreNot) {
  const auto spam = check("Good one. <a href=\"https://pay.example.ae\">payment gateway UAE</a>");
  EXPECT_TRUE(has_reason(spam, "keyword_anchor")) << spam_check_to_json(spam);
  EXPECT_EQ(spam.verdict, Verdict::hold) << spam_check_to_json(spam);
  EXPECT_TRUE(has_reason(check("<a href=\"http://x.example\">Packers and Movers Delhi</a>"), "keyword_anchor"));
  EXPECT_TRUE(has_reason(check("<a href=\"http://x.example\">cheap essay writing service</a>"), "keyword_anchor"));
  for (const char* body :
       {"see <a href=\"https://example.org/a\">the release notes</a>", "<a href=\"https://example.org/a\">here</a>",
        "<a href=\"https://example.org/a\">https://example.org/a</a>",
        "<a href=\"https://example.org/a\">How we moved our service to Rust</a>"}) {
    EXPECT_FALSE(has_reason(check(body), "keyword_anchor")) << body;
  }
}

// --- Tech-support scams -------------------------------------------------------------

TEST(SpamSupportScams, ASupportLineWithANumberIsHeld) {
  for (const char* body : {
           "Printer offline? Call HP printer support toll free 1-800-555-0199 for instant help",
           "QuickBooks customer care number +1 (888) 555 0142 24x7",
           "Facing issues with your router? Dial our helpline number 1 8 0 0 5 5 5 0 1 7 7",
           "Norton antivirus support phone number 1.8OO.555.0123",
           "For any issue with your email account call support at 877.555.0110",
       }) {
    const auto c = check(body);
    EXPECT_TRUE(has_reason(c, "support_scam")) << body << ": " << spam_check_to_json(c);
    EXPECT_TRUE(has_reason(c, "phone_number")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::hold) << body << ": " << spam_check_to_json(c);
  }
}

TEST(SpamSupportScams, ReadersMentioningSupportOrNumbersAreAccepted) {
  for (const char* body : {
           "I called their support last week and they replaced the battery for free.",
           "The customer service was awful, I waited two hours on hold.",
           "My old number was 555 0100 but that was years ago",
           "The build id is 2024-06-01 12:30 and the commit is 4f2a9c1",
           "Their office is at 221 Baker Street, open 9 to 5",
           "I called the support line and a person answered after 2 minutes, impressive.",
       }) {
    const auto c = check(body);
    EXPECT_FALSE(has_reason(c, "support_scam")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::accept) << body << ": " << spam_check_to_json(c);
  }
}

TEST(SpamSupportScams, PhoneNumbersAreFoundInTheirDisguisesAndTollFreeIsNamed) {
  const auto c = check("ring 1-8OO-555-0199");
  ASSERT_TRUE(has_reason(c, "phone_number")) << spam_check_to_json(c);
  const auto it =
      std::find_if(c.reasons.begin(), c.reasons.end(), [](const SpamReason& r) { return r.code == "phone_number"; });
  EXPECT_NE(it->message.find("toll-free"), std::string::npos) << it->message;
  EXPECT_TRUE(has_reason(check("call 0 2 0 7 9 4 6 0 9 5 8"), "phone_number"));
  EXPECT_FALSE(has_reason(check("counting 1 2 3 4 5 6 7 8 9 10 11 12"), "phone_number"));
  EXPECT_FALSE(has_reason(check("version 10.0.19045.3803 of Windows"), "phone_number"));
}

// --- Download bait ------------------------------------------------------------------

TEST(SpamDownloadBait, BaitIsFoundAndOrdinaryMentionsAreNot) {
  for (const char* body : {"Watch full movie HD free here streamsite.xyz", "1080p download here >> movieshub.top",
                           "Inception full movie online 123movies", "mod apk unlimited coins download link below"}) {
    const auto c = check(body);
    EXPECT_TRUE(has_reason(c, "download_bait")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::hold) << body << ": " << spam_check_to_json(c);
  }
  for (const char* body :
       {"Is there a 1080p version of this video?", "You can download the installer from the releases page.",
        "Visual Studio Community is a free download for students.", "I watched the full movie last night and cried"}) {
    const auto c = check(body);
    EXPECT_FALSE(has_reason(c, "download_bait")) << body << ": " << spam_check_to_json(c);
    EXPECT_EQ(c.verdict, Verdict::accept) << body << ": " << spam_check_to_json(c);
  }
}

// --- Hard ham from programming blogs ----------------------------------------------

TEST(SpamHardHam, ProgrammingCommentsWithCodeAndDocsAreAccepted) {
  for (const char* body : {
           "You can also use `os.path.join(base, name)` instead of string concatenation.",
           "In C# I'd write it with LINQ: items.Where(x => x.Done).Count() - see https://learn.microsoft.com/dotnet",
           "Works on Node 20. package.json needs \"type\": \"module\" or you get the import error.",
           "The fix landed in v2.3.1, changelog: https://github.com/org/project/releases/tag/v2.3.1",
           "I moved the handler into server.ts and config into config.yaml, much cleaner.",
           "Thanks! Very informative. One question: why not use std::span here?",
       }) {
    const auto c = check(body);
    EXPECT_EQ(c.verdict, Verdict::accept) << body << ": " << spam_check_to_json(c);
  }
}

}  // namespace
}  // namespace soundoff
