// Throughput of check_spam for typical comments: the server calls it on every
// POST with the thread's recent comments as context.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "soundoff/spam.h"

namespace {

using soundoff::Comment;

const std::vector<std::string> kBodies = {
    "I think the minister's argument misses the point: the budget was already cut twice this year.",
    "Great article, thanks! The second chart explains it better than anything I've read so far.",
    "Check out my channel for more covers, please subscribe!! http://www.youtube.com/channel/xyz",
    "The treaty text is here: https://www.bbc.com/news/world-middle-east-24019111 - the key part is the timetable.",
    "lol",
    "Trust me, both sides are laughing their behinds off right now.",
    "I make $85 per hour working from home, visit www.easy-cash-now.com to see how",
    "Could you share the source code? I tried the second example and got a linker error on clang 14.",
};

// A thread of `n` recent comments by several authors, fingerprinted once as a server would store them.
std::vector<soundoff::PriorComment> recent_thread(std::size_t n, std::vector<std::string>& authors) {
  authors.clear();
  for (std::size_t i = 0; i < n; ++i) authors.push_back("reader" + std::to_string(i % 7));
  std::vector<soundoff::PriorComment> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({authors[i], "", static_cast<std::int64_t>(i) * 60000,
                   soundoff::spam_fingerprint(kBodies[i % kBodies.size()] + " #" + std::to_string(i))});
  return out;
}

void BM_CheckSpam(benchmark::State& state) {
  std::vector<std::string> authors;
  const auto thread = recent_thread(static_cast<std::size_t>(state.range(0)), authors);
  const soundoff::SpamPolicy policy;
  soundoff::SpamContext context;
  context.thread = thread;
  context.author_approved = 3;
  std::vector<Comment> comments;
  for (std::size_t i = 0; i < kBodies.size(); ++i) {
    Comment c;
    c.author = "reader" + std::to_string(i % 5);
    c.body = kBodies[i];
    c.created_ms = static_cast<std::int64_t>(thread.size()) * 60000 + 1000;
    comments.push_back(c);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto check = soundoff::check_spam(comments[i++ % comments.size()], context, policy);
    benchmark::DoNotOptimize(check);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckSpam)->Arg(0)->Arg(20)->Arg(100);

// Comments an article site receives (issue 17): the spam families and the
// legitimate comments closest to them, checked without context as a fresh
// comment from an unknown author would be.
const std::vector<std::string> kArticleBodies = {
    "Very informative post, keep posting such articles. https://www.dubaiwebstudio.ae",
    "Great post, thanks for sharing. The official docs are at https://docs.python.org/3/library/asyncio.html",
    "Printer offline? Call HP printer support toll free 1-800-555-0147 for instant help",
    "I called their support last week and they replaced the battery for free.",
    "get free followers at instafollowz,com or hxxp://quickcashnow.ru/join \u2605\u2605freevbucks.xyz\u2605\u2605",
    "Watch full movie HD free online, 1080p download here",
    "You can replace the loop with `sum(x for x in items if x > 0)`, see df.info() and ASP.NET docs.",
    "Nice blog. <a href=\"https://pay.example.ae\">payment gateway UAE</a>",
};

void BM_CheckSpamArticleSite(benchmark::State& state) {
  const soundoff::SpamPolicy policy;
  const soundoff::SpamContext context;
  std::vector<Comment> comments;
  for (const auto& body : kArticleBodies) {
    Comment c;
    c.author = "visitor";
    c.body = body;
    comments.push_back(c);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto check = soundoff::check_spam(comments[i++ % comments.size()], context, policy);
    benchmark::DoNotOptimize(check);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckSpamArticleSite);

void BM_SpamFingerprint(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(soundoff::spam_fingerprint(kBodies[i++ % kBodies.size()]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SpamFingerprint);

}  // namespace

BENCHMARK_MAIN();
