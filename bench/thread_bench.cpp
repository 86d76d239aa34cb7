// Ingest + assemble + sort + one page, end to end, for synthetic threads.
// Counters: ns per comment, and the process's peak RSS (run one size per
// process for a per-size peak: bench/run-thread-bench.sh).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/thread_views.h"
#include "synthetic_thread.h"

namespace {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

void BM_DocumentToFirstPage(benchmark::State& state, soundoff::SortOrder sort) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  const std::string document = soundoff::bench::synthetic_document(n);
  std::size_t output_bytes = 0;
  for (auto _ : state) {
    auto parsed = soundoff::parse_document(document);
    if (!parsed) {
      state.SkipWithError(parsed.error().message.c_str());
      return;
    }
    const auto views = soundoff::assemble_document(std::move(*parsed));
    const auto& view = views->view(sort);
    const auto page = soundoff::build_page(view, soundoff::PageRequest{});
    const auto json = soundoff::page_to_json(view, *page, views->record_errors());
    output_bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(document.size()));
  state.counters["ns_per_comment"] = benchmark::Counter(
      static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["page_bytes"] = static_cast<double>(output_bytes);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// Assembly alone, from already parsed comments: where the tree costs go.
void BM_AssembleOnly(benchmark::State& state) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  const auto parsed = soundoff::parse_document(soundoff::bench::synthetic_document(n));
  for (auto _ : state) {
    state.PauseTiming();
    auto comments = parsed->comments;
    state.ResumeTiming();
    const auto thread = soundoff::assemble_thread(std::move(comments));
    benchmark::DoNotOptimize(thread.roots.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}

}  // namespace

BENCHMARK_CAPTURE(BM_DocumentToFirstPage, oldest, soundoff::SortOrder::oldest)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DocumentToFirstPage, best, soundoff::SortOrder::best)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AssembleOnly)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
