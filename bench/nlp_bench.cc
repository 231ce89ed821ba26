// Speed of the NLP models on one core: tag + lemmatize + parse, in tokens
// (words) per second, on UD English EWT test (gold tokenization) and on the
// PolNeAR train texts (segmented by the text layer); model load time; peak RSS.
//
//   nlp_bench [--models DIR] [--ewt FILE.conllu] [--polnear DIR] [--repeat N]
//
// Defaults: the models and data/text found by FindResource, and
// ../shared/data/... beside the source tree. Missing inputs are skipped.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/conllu.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void ClearAnnotations(dyad::Document* doc) {
  for (dyad::Word& w : doc->words) {
    w.lemma.clear();
    w.upos.clear();
    w.xpos.clear();
    w.feats.clear();
    w.deprel.clear();
    w.head = -1;
  }
}

// Annotates `docs` `repeat` times; returns the best words/s of the repeats.
double Measure(const dyad::NlpModels& models, std::vector<dyad::Document>* docs, int repeat) {
  size_t words = 0;
  for (const auto& d : *docs) words += d.words.size();
  double best = 0;
  for (int r = 0; r < repeat; ++r) {
    for (auto& d : *docs) ClearAnnotations(&d);
    const auto start = std::chrono::steady_clock::now();
    for (auto& d : *docs) models.Annotate(&d);
    best = std::max(best, words / Seconds(start));
  }
  return best;
}

// Parses `docs` (already tagged and lemmatized) `repeat` times; returns the
// best words/s of the parser alone.
double MeasureParser(const dyad::NlpModels& models, std::vector<dyad::Document>* docs,
                     int repeat) {
  size_t words = 0;
  for (const auto& d : *docs) words += d.words.size();
  double best = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (auto& d : *docs) models.parser->Annotate(&d);
    best = std::max(best, words / Seconds(start));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string models_dir, ewt, polnear;
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--models"))
      models_dir = argv[i + 1];
    else if (!std::strcmp(argv[i], "--ewt"))
      ewt = argv[i + 1];
    else if (!std::strcmp(argv[i], "--polnear"))
      polnear = argv[i + 1];
    else if (!std::strcmp(argv[i], "--repeat"))
      repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  std::string data_dir;
  if (auto p = dyad::FindResource("data/text"); p.ok()) data_dir = p.value();
  if (models_dir.empty()) {
    auto p = dyad::FindResource(std::string("models/") + dyad::kParserFile);
    if (!p.ok()) {
      std::fprintf(stderr, "nlp_bench: %s\n", p.status().ToString().c_str());
      return 1;
    }
    models_dir = std::filesystem::path(p.value()).parent_path().string();
  }
  const std::string shared = data_dir.empty() ? "../shared" : data_dir + "/../../../shared";
  if (ewt.empty()) ewt = shared + "/data/ud-english-ewt/en_ewt-ud-test.conllu";
  if (polnear.empty()) polnear = shared + "/data/polnear/train/text";

  const auto load_start = std::chrono::steady_clock::now();
  auto models = dyad::LoadNlpModels(models_dir);
  if (!models.ok()) {
    std::fprintf(stderr, "nlp_bench: %s\n", models.status().ToString().c_str());
    return 1;
  }
  std::printf("models: %s, loaded in %.3f s\n", models_dir.c_str(), Seconds(load_start));

  if (auto c = dyad::ReadConlluFile(ewt); c.ok()) {
    std::vector<dyad::Document> docs{std::move(c->doc)};
    const double wps = Measure(*models.value(), &docs, repeat);
    std::printf("EWT test (%s): %zu words, %.0f words/s (tag + lemmatize + parse, one core)\n",
                ewt.c_str(), docs[0].words.size(), wps);
    std::printf("EWT test: parser alone %.0f words/s\n", MeasureParser(*models.value(), &docs, repeat));
  } else {
    std::printf("EWT test: skipped (%s)\n", c.status().ToString().c_str());
  }

  std::vector<dyad::Document> docs;
  if (std::filesystem::is_directory(polnear) && !data_dir.empty()) {
    // Segmenter::Create wants the repository's data/ folder (it reads text/...).
    auto seg = dyad::Segmenter::Create(std::filesystem::path(data_dir).parent_path().string());
    if (seg.ok()) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(polnear)) {
        if (e.path().extension() == ".txt") files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        dyad::Document d;
        d.article.text = ss.str();
        seg.value()->Segment(&d, dyad::SegmentOptions{.raw = true});
        docs.push_back(std::move(d));
      }
      const double wps = Measure(*models.value(), &docs, repeat);
      size_t words = 0;
      for (const auto& d : docs) words += d.words.size();
      std::printf(
          "PolNeAR train (%zu texts, %zu words): %.0f words/s (tag + lemmatize + parse, one "
          "core)\n",
          docs.size(), words, wps);
      std::printf("PolNeAR train: parser alone %.0f words/s\n",
                  MeasureParser(*models.value(), &docs, repeat));
    } else {
      std::printf("PolNeAR: skipped (%s)\n", seg.status().ToString().c_str());
    }
  } else {
    std::printf("PolNeAR: skipped (no %s or no data/text)\n", polnear.c_str());
  }

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
