#include "spam_families.h"

#include <algorithm>
#include <array>

namespace soundoff::detail {

namespace {

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& sorted) {
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

// Sorted (binary_search). Praise and the filler around it in bot-written comments.
constexpr std::array<std::string_view, 96> kGeneric = {
    "about",     "again",      "also",      "amazing", "article",     "articles",    "awesome",   "been",
    "best",      "blog",       "blogging",  "blogs",   "bookmark",    "bookmarked",  "content",   "could",
    "dear",      "definitely", "enjoyed",   "even",    "every",       "excellent",   "explained", "extremely",
    "fantastic", "forward",    "found",     "from",    "future",      "glad",        "good",      "great",
    "have",      "helped",     "helpful",   "here",    "information", "informative", "just",      "keep",
    "know",      "like",       "looking",   "lots",    "love",        "many",        "more",      "most",
    "much",      "nice",       "nicely",    "other",   "page",        "people",      "post",      "posting",
    "posts",     "provide",    "provided",  "quality", "read",        "reading",     "really",    "regards",
    "share",     "shared",     "sharing",   "should",  "site",        "some",        "such",      "superb",
    "thank",     "thanks",     "that",      "their",   "there",       "these",       "this",      "time",
    "topic",     "updated",    "updates",   "useful",  "valuable",    "very",        "visit",     "website",
    "well",      "what",       "wonderful", "work",    "write",       "writing",     "written",   "your",
};

// Sorted. Words of shop and service keywords (anchors of SEO backlinks).
constexpr std::array<std::string_view, 84> kCommercial = {
    "academy",    "agency",      "apartments", "attorney",  "australia", "bags",     "bathroom",     "betting",
    "buy",        "canada",      "casino",     "cheap",     "cleaning",  "clinic",   "companies",    "company",
    "consultant", "consulting",  "course",     "courses",   "deals",     "delhi",    "dentist",      "developer",
    "developers", "development", "dubai",      "escort",    "essay",     "gateway",  "hire",         "hosting",
    "hotel",      "hotels",      "india",      "institute", "insurance", "jerseys",  "karachi",      "kitchen",
    "lahore",     "lawyer",      "lawyers",    "loan",      "loans",     "london",   "manufacturer", "manufacturers",
    "marketing",  "movers",      "mumbai",     "near",      "online",    "packers",  "payday",       "pharmacy",
    "pills",      "plumber",     "plumbing",   "price",     "prices",    "rental",   "rentals",      "repair",
    "replica",    "sale",        "seo",        "service",   "services",  "shoes",    "shop",         "solution",
    "solutions",  "store",       "supplier",   "suppliers", "tours",     "training", "travel",       "treatment",
    "uae",        "usa",         "watches",    "wholesale",
};

// Sorted. Anchors readers write: articles, determiners and pronouns that
// keyword phrases leave out.
constexpr std::array<std::string_view, 16> kProse = {"a",   "an",  "here",  "his",   "how",  "i",    "in",  "my",
                                                     "our", "the", "their", "these", "this", "what", "why", "your"};

}  // namespace

bool is_reference_host(std::string_view host) {
  static constexpr std::string_view kHosts[] = {
      "github.com",      "gitlab.com",  "bitbucket.org",  "stackoverflow.com", "stackexchange.com", "wikipedia.org",
      "python.org",      "mozilla.org", "readthedocs.io", "readthedocs.org",   "npmjs.com",         "pypi.org",
      "crates.io",       "docs.rs",     "go.dev",         "golang.org",        "rust-lang.org",     "cppreference.com",
      "microsoft.com",   "apple.com",   "w3.org",         "whatwg.org",        "ietf.org",          "kernel.org",
      "debian.org",      "ubuntu.com",  "archlinux.org",  "postgresql.org",    "sqlite.org",        "nodejs.org",
      "isocpp.org",      "gnu.org",     "apache.org",     "arxiv.org",         "jsfiddle.net",      "codepen.io",
      "gist.github.com", "godbolt.org", "superuser.com",  "serverfault.com"};
  for (auto h : kHosts) {
    if (host == h) return true;
    // Subdomains: docs.python.org, en.wikipedia.org, developer.mozilla.org.
    if (host.size() > h.size() && host.substr(host.size() - h.size()) == h && host[host.size() - h.size() - 1] == '.')
      return true;
  }
  return host.substr(0, 5) == "docs." || host.substr(0, 10) == "developer.";
}

std::size_t specific_words(const TextAnalysis& text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.words.size(); ++i) {
    const auto w = text.word(i);
    if (w.size() >= 4 && !one_of(w, kGeneric)) ++n;
  }
  return n;
}

std::string_view keyword_anchor(const TextAnalysis& text) {
  constexpr std::size_t kMaxWords = 6;
  for (const auto& anchor : text.anchors) {
    const std::string_view a = anchor.text;
    // A URL or domain as the anchor is a plain link, counted as such.
    if (a.find('.') != std::string_view::npos || a.find('/') != std::string_view::npos) continue;
    std::size_t words = 0, commercial = 0, prose = 0;
    std::size_t k = 0;
    while (k < a.size()) {
      while (k < a.size() && !((a[k] >= 'a' && a[k] <= 'z') || (a[k] >= '0' && a[k] <= '9'))) ++k;
      const std::size_t begin = k;
      while (k < a.size() && ((a[k] >= 'a' && a[k] <= 'z') || (a[k] >= '0' && a[k] <= '9'))) ++k;
      if (k == begin) break;
      const auto w = a.substr(begin, k - begin);
      ++words;
      commercial += one_of(w, kCommercial);
      prose += one_of(w, kProse);
    }
    if (words >= 2 && words <= kMaxWords && commercial >= 1 && prose == 0) {
      const auto first = a.find_first_not_of(' ');
      const auto last = a.find_last_not_of(' ');
      return a.substr(first, last - first + 1);
    }
  }
  return {};
}

}  // namespace soundoff::detail
