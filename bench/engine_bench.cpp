// The native side of bench/engine-compare.mjs: bytes of a comment document ->
// parsed, assembled, first page as JSON, timed the same way as the wasm and
// plain-JS sides (steady clock, median of warm runs). Not a Google Benchmark:
// the cold figure is a single first run in a fresh process, which Google
// Benchmark's repetition model does not express.
// Usage: soundoff_engine_bench FILE [RUNS] [--print-page]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/pagination.h"
#include "soundoff/thread.h"

namespace {

// The unit of work every side of the comparison does.
std::string first_page(const std::string& bytes) {
  auto document = soundoff::parse_document(bytes);
  if (!document) return soundoff::error_to_json(document.error());
  soundoff::AssembleOptions options;
  options.document_thread = document->thread;
  const auto thread = soundoff::assemble_thread(std::move(document->comments), options);
  const auto view = soundoff::make_view(thread, soundoff::SortOrder::oldest);
  const auto page = soundoff::build_page(view, soundoff::PageRequest{});
  if (!page) return soundoff::error_to_json(page.error());
  return soundoff::page_to_json(view, *page, document->errors);
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: soundoff_engine_bench FILE [RUNS] [--print-page]\n";
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

  auto start = std::chrono::steady_clock::now();
  std::string page = first_page(bytes);
  const double cold = ms_since(start);
  std::vector<double> warm;
  for (int i = 0; i < runs; ++i) {
    start = std::chrono::steady_clock::now();
    page = first_page(bytes);
    warm.push_back(ms_since(start));
  }
  std::sort(warm.begin(), warm.end());
  std::printf("{\"bytes\":%zu,\"cold_ms\":%.3f,\"warm_ms\":%.3f,\"page_bytes\":%zu}\n", bytes.size(), cold,
              warm[warm.size() / 2], page.size());
  if (print_page) std::printf("%s\n", page.c_str());
  return 0;
}
