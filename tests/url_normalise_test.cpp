// Page URLs as thread names (soundoff/url_normalise.h): one spelling per page,
// garbage refused with a message that says why, and imported names mapped to
// API-valid keys the same way every time.
#include "soundoff/url_normalise.h"

#include <gtest/gtest.h>

namespace soundoff {
namespace {

std::string normal(std::string_view url) {
  auto result = normalise_url(url);
  EXPECT_TRUE(result.ok()) << url << ": " << result.error().message;
  return result ? *result : std::string{};
}

TEST(UrlNormalise, LowerCasesSchemeAndHostButNotPath) {
  EXPECT_EQ(normal("HTTPS://Radio-T.COM/P/Podcast"), "https://radio-t.com/P/Podcast");
}

TEST(UrlNormalise, DropsDefaultPortsOnly) {
  EXPECT_EQ(normal("http://example.com:80/a"), "http://example.com/a");
  EXPECT_EQ(normal("https://example.com:443/a"), "https://example.com/a");
  EXPECT_EQ(normal("https://example.com:80/a"), "https://example.com:80/a");
  EXPECT_EQ(normal("http://example.com:8080/a"), "http://example.com:8080/a");
  EXPECT_EQ(normal("http://[::1]:80/a"), "http://[::1]/a");
  EXPECT_EQ(normal("http://[::1]:9000/a"), "http://[::1]:9000/a");
}

TEST(UrlNormalise, DropsFragmentAndTrailingSlashAndEnsuresRootPath) {
  EXPECT_EQ(normal("https://radio-t.com/p/2017/12/16/podcast-576/#comment-9"),
            "https://radio-t.com/p/2017/12/16/podcast-576");
  EXPECT_EQ(normal("https://example.com"), "https://example.com/");
  EXPECT_EQ(normal("https://example.com/"), "https://example.com/");
  EXPECT_EQ(normal("https://example.com?b=1"), "https://example.com/?b=1");
  EXPECT_EQ(normal("https://example.com/a//"), "https://example.com/a");
}

TEST(UrlNormalise, DropsTrackingParametersAndSortsTheRest) {
  EXPECT_EQ(normal("https://e.com/a?utm_source=x&b=2&UTM_Medium=y&a=1&fbclid=z&gclid=g&mc_cid=1&mc_eid=2&ref=hn"),
            "https://e.com/a?a=1&b=2");
  EXPECT_EQ(normal("https://e.com/a?utm_source=x"), "https://e.com/a");
  EXPECT_EQ(normal("https://e.com/a?&&b=2&&a=1"), "https://e.com/a?a=1&b=2");
  EXPECT_EQ(normal("https://e.com/a?reference=1"), "https://e.com/a?reference=1");
}

TEST(UrlNormalise, LeavesIdnHostsAsGiven) {
  EXPECT_EQ(normal("https://пример.рф/статья"), "https://пример.рф/статья");
  EXPECT_EQ(normal("https://XN--E1AFMKFD.xn--p1ai/"), "https://xn--e1afmkfd.xn--p1ai/");
}

TEST(UrlNormalise, SameSpellingTwiceIsStable) {
  const auto once = normal("HTTP://Example.com:80/x/?z=1&utm_campaign=q&a=2#top");
  EXPECT_EQ(once, "http://example.com/x?a=2&z=1");
  EXPECT_EQ(normal(once), once);
}

void expect_refused(std::string_view url, std::string_view says) {
  auto result = normalise_url(url);
  ASSERT_FALSE(result.ok()) << url << " was accepted as " << *result;
  EXPECT_EQ(result.error().code, "invalid_url");
  EXPECT_NE(result.error().message.find(says), std::string::npos) << result.error().message;
}

TEST(UrlNormalise, RefusesGarbageWithReasons) {
  expect_refused("", "empty");
  expect_refused("radio-t.com/p/1", "no scheme");
  expect_refused("ftp://example.com/x", "scheme 'ftp'");
  expect_refused("javascript:alert(1)", "no scheme");
  expect_refused("mailto:a@b.c", "no scheme");
  expect_refused("https:///path", "no host");
  expect_refused("https://:443/", "no host");
  expect_refused("https://e.com:99999/", "out of range");
  expect_refused("https://e.com:0/", "out of range");
  expect_refused("https://e.com:http/", "not a number");
  expect_refused("https://user:pw@e.com/", "user info");
  expect_refused("https://e.com/a b", "whitespace");
  expect_refused(std::string_view("https://e.com/\0x", 16), "control");
}

TEST(ThreadKeyFor, KeepsValidKeys) {
  EXPECT_EQ(thread_key_for("post-42"), "post-42");
  EXPECT_EQ(thread_key_for("wp:123"), "wp:123");
  EXPECT_TRUE(is_valid_thread_key("a.b_c~d:e-f"));
  EXPECT_FALSE(is_valid_thread_key(""));
  EXPECT_FALSE(is_valid_thread_key("/p/1"));
  EXPECT_FALSE(is_valid_thread_key(std::string(201, 'a')));
}

TEST(ThreadKeyFor, MapsUrlsToValidDeterministicKeys) {
  const auto key = thread_key_for("https://radio-t.com/p/2017/12/16/podcast-576/");
  EXPECT_TRUE(is_valid_thread_key(key)) << key;
  EXPECT_EQ(key.rfind("radio-t.com-p-2017-12-16-podcast-576-", 0), 0u) << key;
  EXPECT_EQ(key.size(), std::string("radio-t.com-p-2017-12-16-podcast-576-").size() + 10);
  EXPECT_EQ(thread_key_for("https://radio-t.com/p/2017/12/16/podcast-576/"), key);
  // Spellings of one page give one key; other pages with the same slug do not.
  EXPECT_EQ(thread_key_for("HTTPS://Radio-T.com:443/p/2017/12/16/podcast-576#x"), key);
  EXPECT_NE(thread_key_for("https://radio-t.com/p/2017/12/16/podcast-576?page=2"), key);
}

TEST(ThreadKeyFor, MapsPathsAndLongOrOddNamesToValidKeys) {
  const auto path = thread_key_for("/blog/hello-world/");
  EXPECT_TRUE(is_valid_thread_key(path)) << path;
  EXPECT_EQ(path.rfind("blog-hello-world-", 0), 0u) << path;
  const auto long_key = thread_key_for("https://e.com/" + std::string(500, 'x'));
  EXPECT_TRUE(is_valid_thread_key(long_key)) << long_key;
  EXPECT_LE(long_key.size(), 48u + 11u);
  const auto symbols = thread_key_for("///???");
  EXPECT_TRUE(is_valid_thread_key(symbols)) << symbols;
  EXPECT_EQ(symbols.rfind("t-", 0), 0u) << symbols;
  EXPECT_NE(thread_key_for("/a/b"), thread_key_for("/a-b"));
}

}  // namespace
}  // namespace soundoff
