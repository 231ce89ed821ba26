// Cost of the quotes stage: its time against the whole pipeline's (clean,
// segment, tag, lemmatize, parse) on the PolNeAR train texts, one core; and
// generated worst cases (a thousand unmatched quotation marks, a quotation
// that never closes, a 100,000-character paragraph), whose time must grow
// linearly with their size.
//
//   quotes_bench [--polnear DIR] [--repeat N] [--limit N]
//
// Defaults: ../shared/data/polnear/train beside the source tree; missing
// inputs are skipped.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "dyad/quotes.h"
#include "dyad/resources.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Times the pipeline and then the quotes stage on `text`, `repeat` times;
// returns the medians.
struct Times {
  double pipeline = 0, quotes = 0;
  size_t quotes_found = 0, words = 0;
};

Times Measure(const dyad::Pipeline& p, const dyad::QuoteFinder& f, const std::vector<std::string>& texts,
              int repeat) {
  std::vector<double> pt, qt;
  Times t;
  for (int r = 0; r < repeat; ++r) {
    double pipeline = 0, quotes = 0;
    size_t found = 0, words = 0;
    for (const std::string& text : texts) {
      dyad::Article a;
      a.text = text;
      auto t0 = std::chrono::steady_clock::now();
      dyad::Document doc = p.Process(std::move(a));
      pipeline += Seconds(t0);
      auto t1 = std::chrono::steady_clock::now();
      f.Find(&doc);
      quotes += Seconds(t1);
      found += doc.quotes.size();
      words += doc.words.size();
    }
    pt.push_back(pipeline);
    qt.push_back(quotes);
    t.quotes_found = found;
    t.words = words;
  }
  std::sort(pt.begin(), pt.end());
  std::sort(qt.begin(), qt.end());
  t.pipeline = pt[pt.size() / 2];
  t.quotes = qt[qt.size() / 2];
  return t;
}

void Report(const char* name, const Times& t) {
  std::printf("%-34s %8zu words %6zu quotes  pipeline %8.3f s  quotes %7.4f s  (+%.2f %%)\n", name, t.words,
              t.quotes_found, t.pipeline, t.quotes, t.pipeline > 0 ? 100.0 * t.quotes / t.pipeline : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::string polnear = std::string(DYAD_SHARED_DIR) + "/data/polnear/train";
  int repeat = 3;
  size_t limit = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--polnear") && i + 1 < argc) polnear = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--limit") && i + 1 < argc) limit = std::strtoul(argv[++i], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: quotes_bench [--polnear DIR] [--repeat N] [--limit N]\n");
      return 2;
    }
  }
  dyad::PipelineOptions opt;
  opt.annotate = true;
  opt.raw = true;
  auto pipeline = dyad::Pipeline::Create(opt);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "%s\n", pipeline.status().ToString().c_str());
    return 1;
  }
  auto data = dyad::FindResource("data");
  if (!data.ok()) {
    std::fprintf(stderr, "%s\n", data.status().ToString().c_str());
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto finder = dyad::QuoteFinder::Load(*data);
  if (!finder.ok()) {
    std::fprintf(stderr, "%s\n", finder.status().ToString().c_str());
    return 1;
  }
  auto models = dyad::FindResource("models");
  if (!models.ok()) {
    std::fprintf(stderr, "%s\n", models.status().ToString().c_str());
    return 1;
  }
  if (auto s = (*finder)->LoadCueModel(*models + "/" + dyad::kCueModelFile); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("cue lexicon and cue model loaded in %.2f ms\n", 1000 * Seconds(t0));

  // PolNeAR train texts.
  std::vector<std::string> texts;
  const std::string text_dir = polnear + "/text";
  if (std::filesystem::is_directory(text_dir)) {
    std::vector<std::string> paths;
    for (const auto& e : std::filesystem::directory_iterator(text_dir)) paths.push_back(e.path().string());
    std::sort(paths.begin(), paths.end());
    for (const std::string& p : paths) {
      if (limit && texts.size() >= limit) break;
      texts.push_back(ReadFile(p));
    }
    Report(("PolNeAR train (" + std::to_string(texts.size()) + " texts)").c_str(),
           Measure(**pipeline, **finder, texts, repeat));
  } else {
    std::printf("PolNeAR texts not found at %s: skipped\n", text_dir.c_str());
  }

  // Generated worst cases, each at two sizes: the time per word must stay flat.
  for (size_t size : {50000u, 100000u}) {
    std::string unmatched, never_closes = "He said \xE2\x80\x9C", long_paragraph;
    while (unmatched.size() < size) unmatched += "word \xE2\x80\x9C word said \" more ' ";
    while (never_closes.size() < size) never_closes += "the talks went on and on, he said, ";
    while (long_paragraph.size() < size) {
      long_paragraph += "\xE2\x80\x9CWe will win,\xE2\x80\x9D said Smith, and Jones told reporters that they would lose ";
    }
    const std::string n = std::to_string(size / 1000) + "k chars";
    Report(("unmatched marks, " + n).c_str(), Measure(**pipeline, **finder, {unmatched}, repeat));
    Report(("quotation never closes, " + n).c_str(), Measure(**pipeline, **finder, {never_closes}, repeat));
    Report(("one long paragraph of quotes, " + n).c_str(), Measure(**pipeline, **finder, {long_paragraph}, repeat));
  }
  return 0;
}
