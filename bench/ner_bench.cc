// Speed of the named-entity recognizer on one core, in words per second, on
// the Universal NER English EWT test words (tagged once by the tagger; only
// NerModel::Annotate is timed), and the model's load time.
//
//   ner_bench [--models DIR] [--test FILE.iob2] [--repeat N]
//
// Defaults: the models found by FindResource and ../shared/data beside the
// source tree.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string models_dir, test = std::string(DYAD_SHARED_DIR) +
                                 "/data/uner-english-ewt/en_ewt-ud-test.iob2";
  int repeat = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--models")) models_dir = argv[i + 1];
    else if (!std::strcmp(argv[i], "--test")) test = argv[i + 1];
    else if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  if (models_dir.empty()) {
    auto found = dyad::FindResource("models");
    if (!found.ok()) {
      std::fprintf(stderr, "ner_bench: %s\n", found.status().ToString().c_str());
      return 1;
    }
    models_dir = *found;
  }
  auto start = std::chrono::steady_clock::now();
  auto ner = dyad::NerModel::Load(models_dir + "/" + dyad::kNerFile);
  const double load = Seconds(start);
  if (!ner.ok()) {
    std::fprintf(stderr, "ner_bench: %s\n", ner.status().ToString().c_str());
    return 1;
  }
  std::printf("ner model load: %.3f s\n", load);
  auto tagger = dyad::Tagger::Load(models_dir + "/" + dyad::kTaggerFile);
  auto corpus = dyad::ReadIobFile(test);
  if (!tagger.ok() || !corpus.ok()) {
    std::fprintf(stderr, "ner_bench: no tagger or no test file (%s): speed not measured\n",
                 test.c_str());
    return 0;
  }
  (*tagger)->Annotate(&corpus->doc);
  double best = 0;
  for (int r = 0; r < repeat; ++r) {
    start = std::chrono::steady_clock::now();
    (*ner)->Annotate(&corpus->doc);
    best = std::max(best, corpus->doc.words.size() / Seconds(start));
  }
  std::printf("ner: %zu words, %zu mentions, best of %d: %.0f words/s (one core)\n",
              corpus->doc.words.size(), corpus->doc.mentions.size(), repeat, best);
  return 0;
}
