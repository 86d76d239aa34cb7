// The native side of bench/engine-compare.mjs: bytes of a comment document ->
// parsed, assembled, first page as JSON, timed the same way as the wasm and
// plain-JS sides (steady clock, median of warm runs). Not a Google Benchmark:
// the cold figure is a single first run in a fresh process, which Google
// Benchmark's repetition model does not express.
// Usage: soundoff_engine_bench FILE [RUNS] [--print-page | --phases]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/pagination.h"
#include "soundoff/thread.h"
#include "soundoff/thread_views.h"

namespace {

// The unit of work every side of the comparison does.
std::string first_page(const std::string& bytes) {
  auto page = soundoff::document_to_page_json(bytes, soundoff::PageQuery{});
  return page ? std::move(*page) : soundoff::error_to_json(page.error());
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Process CPU time: on a machine shared with other jobs it varies far less
// than wall time, which also counts the time spent waiting for a core.
double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

// CPU ms of each step of first_page(), medians over `runs`.
void print_phases(const std::string& bytes, int runs) {
  std::vector<double> parse, assemble, page, json;
  for (int i = 0; i < runs; ++i) {
    double t = cpu_ms();
    auto lap = [&t](std::vector<double>& into) {
      const double now = cpu_ms();
      into.push_back(now - t);
      t = now;
    };
    auto document = soundoff::parse_document(bytes);
    lap(parse);
    if (!document) return;
    const auto views = soundoff::assemble_document(std::move(*document));
    lap(assemble);
    const auto& view = views->view(soundoff::SortOrder::oldest);
    const auto built = soundoff::build_page(view, soundoff::PageRequest{});
    lap(page);
    const auto text = soundoff::page_to_json(view, *built, views->record_errors());
    lap(json);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("CPU ms: parse %.1f, assemble %.1f, sort+page %.1f, page JSON %.1f\n", median(parse), median(assemble),
              median(page), median(json));
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: soundoff_engine_bench FILE [RUNS] [--print-page | --phases]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const bool print_page = argc > 3 && std::string(argv[3]) == "--print-page";
  if (argc > 3 && std::string(argv[3]) == "--phases") {
    print_phases(bytes, runs);
    return 0;
  }

  auto start = std::chrono::steady_clock::now();
  const double cold_cpu_start = cpu_ms();
  std::string page = first_page(bytes);
  const double cold_cpu = cpu_ms() - cold_cpu_start;
  const double cold = ms_since(start);
  std::vector<double> warm, warm_cpu;
  for (int i = 0; i < runs; ++i) {
    start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_ms();
    page = first_page(bytes);
    warm_cpu.push_back(cpu_ms() - cpu_start);
    warm.push_back(ms_since(start));
  }
  std::sort(warm.begin(), warm.end());
  std::sort(warm_cpu.begin(), warm_cpu.end());
  std::printf(
      "{\"bytes\":%zu,\"cold_ms\":%.3f,\"cold_cpu_ms\":%.3f,\"warm_ms\":%.3f,\"warm_cpu_ms\":%.3f,"
      "\"page_bytes\":%zu}\n",
      bytes.size(), cold, cold_cpu, warm[warm.size() / 2], warm_cpu[warm_cpu.size() / 2], page.size());
  if (print_page) std::printf("%s\n", page.c_str());
  return 0;
}
