// Throughput of read + clean + segment on one core, on a folder of plain-text
// articles (default: the PolNeAR train texts). Not a test: run by hand, see
// docs/benchmarks.md.
//
//   build/bench/segment_bench [DIR] [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/io.h"
#include "dyad/pipeline.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::string dir = argc > 1 ? argv[1] : std::string(DYAD_SHARED_DIR) + "/data/polnear/train/text";
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  if (!fs::is_directory(dir)) {
    std::fprintf(stderr, "segment_bench: %s is not a folder\n", dir.c_str());
    return 1;
  }
  std::vector<std::pair<std::string, std::string>> files;
  size_t bytes = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    bytes += ss.str().size();
    files.emplace_back(e.path().filename().string(), ss.str());
  }
  std::sort(files.begin(), files.end());
  auto pipeline = dyad::Pipeline::Create({});
  if (!pipeline.ok()) {
    std::fprintf(stderr, "segment_bench: %s\n", pipeline.status().ToString().c_str());
    return 1;
  }
  dyad::ReadOptions ropt;
  dyad::Diagnostics diag;
  std::vector<double> seconds;
  size_t tokens = 0, sentences = 0;
  for (int run = 0; run < runs; ++run) {
    tokens = sentences = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (const auto& [name, data] : files) {
      auto reader = dyad::NewTextReader(name, std::make_unique<std::istringstream>(data), ropt, &diag);
      dyad::Article a;
      while (reader->Next(&a)) {
        dyad::Document d = (*pipeline)->Process(std::move(a));
        tokens += d.tokens.size();
        sentences += d.sentences.size();
        a = dyad::Article();
      }
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(seconds.begin(), seconds.end());
  double med = seconds[seconds.size() / 2];
  std::printf("segment_bench: %zu files, %.2f MB, %zu sentences, %zu tokens\n", files.size(), bytes / 1e6,
              sentences, tokens);
  std::printf("read+clean+segment, 1 thread, median of %d runs: %.3f s  %.1f MB/s  %.0f tokens/s\n", runs,
              med, bytes / 1e6 / med, tokens / med);
  return 0;
}
