// Reply resolution throughput (issue 3 asked for >= 1,000,000 messages/s with
// the rules; issue 18 for >= 200,000 with the learned ranker, which scores 50
// candidates per message).
// Run: cmake --preset native-release && cmake --build --preset native-release --target soundoff_bench_reply_resolution
//      && build/native-release/bench/soundoff_bench_reply_resolution
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "soundoff/irc_log.h"
#include "soundoff/reply_resolution.h"

namespace {

// An IRC-like channel: 300 nicks, a third of the messages addressed
// (`nick: ...`), some `@nick` mentions, the rest plain chat of 5-20 words.
std::vector<soundoff::Comment> synthetic_chat(std::size_t n) {
  std::mt19937 rng(42);
  std::vector<std::string> nicks;
  for (int i = 0; i < 300; ++i) nicks.push_back("user" + std::to_string(i) + (i % 7 == 0 ? "_" : ""));
  const std::vector<std::string> words = {"the",    "driver", "install", "sudo",  "apt-get", "works",
                                          "not",    "xorg",   "kernel",  "why",   "it",      "is",
                                          "try",    "reboot", "wine",    "sound", "ok",      "thanks",
                                          "config", "file",   "with",    "a",     "package", "upgrade"};
  std::vector<soundoff::Comment> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& c = out[i];
    c.id = std::to_string(i);
    c.author = nicks[rng() % nicks.size()];
    c.created_ms = static_cast<std::int64_t>(i) * 5'000;
    const auto kind = rng() % 6;
    if (kind < 2) c.body = nicks[rng() % nicks.size()] + ": ";
    const auto length = 5 + rng() % 16;
    for (std::size_t k = 0; k < length; ++k) {
      if (k == 3 && kind == 2) c.body += "@" + nicks[rng() % nicks.size()] + " ";
      c.body += words[rng() % words.size()];
      c.body += ' ';
    }
  }
  return out;
}

void BM_ResolveSyntheticChat(benchmark::State& state) {
  const auto comments = synthetic_chat(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto replies = soundoff::resolve_replies(comments);
    benchmark::DoNotOptimize(replies.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ResolveSyntheticChat)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The rules alone (ReplyOptions::ranker = false), for comparison.
void BM_ResolveSyntheticChatRulesOnly(benchmark::State& state) {
  const auto comments = synthetic_chat(static_cast<std::size_t>(state.range(0)));
  soundoff::ReplyOptions options;
  options.ranker = false;
  for (auto _ : state) {
    auto replies = soundoff::resolve_replies(comments, options);
    benchmark::DoNotOptimize(replies.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ResolveSyntheticChatRulesOnly)->Arg(100'000)->Unit(benchmark::kMillisecond);

// The real corpus (../shared dev split, all logs concatenated), when present.
void BM_ResolveUbuntuIrcDev(benchmark::State& state) {
  const std::filesystem::path dir = std::filesystem::path(SOUNDOFF_SHARED_DIR) / "datasets/ubuntu-irc/dev";
  std::string text;
  if (std::filesystem::is_directory(dir)) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      if (name.find(".raw.txt") == std::string::npos) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      text += s.str();
    }
  }
  if (text.empty()) {
    state.SkipWithError("../shared/datasets/ubuntu-irc/dev is absent");
    return;
  }
  const auto log = soundoff::parse_irc_log(text);
  soundoff::ReplyOptions options;
  options.bots = soundoff::ubuntu_irc_bots();
  options.ranker = state.range(0) != 0;
  for (auto _ : state) {
    auto replies = soundoff::resolve_replies(log.comments, options);
    benchmark::DoNotOptimize(replies.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * log.comments.size()));
}
// Arg 1: the ranker (default); 0: the rules alone.
BENCHMARK(BM_ResolveUbuntuIrcDev)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_ParseIrcLog(benchmark::State& state) {
  std::string text;
  for (const auto& c : synthetic_chat(100'000)) text += "[10:00] <" + c.author + "> " + c.body + "\n";
  for (auto _ : state) {
    auto log = soundoff::parse_irc_log(text);
    benchmark::DoNotOptimize(log.comments.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 100'000);
}
BENCHMARK(BM_ParseIrcLog)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
