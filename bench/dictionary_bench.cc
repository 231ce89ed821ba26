// Loads the three Phoenix actor dictionaries and the Phoenix agents file,
// as the actor stage does at start-up, and reports the median load time of
// several runs and the peak resident memory (getrusage). Target (see
// docs/formats/dictionaries.md): <= 0.5 s and <= 150 MB; PETRARCH2 needs
// 1.6 s and 256 MB.
//
// Then the actors stage (EntityLinker::Annotate) over the example article,
// segmented and parsed once, with the same dictionaries: articles and words
// per second on one thread.
//
//   dictionary_bench [DICTIONARY_DIR] [--problems]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/entities.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"
#include "dyad/utf8.h"

namespace {

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // kilobytes on Linux
}

// User + system CPU seconds of this process: less disturbed than wall time
// when other jobs share the machine.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = std::string(DYAD_SHARED_DIR) + "/data/petrarch/dictionaries";
  bool print_problems = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--problems") == 0) {
      print_problems = true;
    } else {
      dir = argv[i];
    }
  }
  const std::vector<std::string> actors = {dir + "/Phoenix.Countries.actors.txt",
                                           dir + "/Phoenix.International.actors.txt",
                                           dir + "/Phoenix.MilNonState.actors.txt"};
  const std::string agents = dir + "/Phoenix.agents.txt";
  long rss_before = PeakRssKb();
  constexpr int kRuns = 7;
  std::vector<double> seconds;
  std::vector<double> cpu_seconds;
  std::vector<std::string> problems;
  size_t actor_count = 0;
  size_t agent_count = 0;
  for (int run = 0; run < kRuns; ++run) {
    problems.clear();
    double c0 = CpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    auto dict = dyad::ActorDictionary::Load(actors, agents, &problems);
    auto t1 = std::chrono::steady_clock::now();
    cpu_seconds.push_back(CpuSeconds() - c0);
    if (!dict.ok()) {
      std::fprintf(stderr, "dictionary_bench: %s\n", dict.status().ToString().c_str());
      return 1;
    }
    actor_count = (*dict)->actor_count();
    agent_count = (*dict)->agent_count();
    seconds.push_back(std::chrono::duration<double>(t1 - t0).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::sort(cpu_seconds.begin(), cpu_seconds.end());
  long rss_after = PeakRssKb();
  std::printf(
      "load Phoenix actors (3 files) + agents: median %.3f s (min %.3f, max %.3f, %d runs)\n",
      seconds[kRuns / 2], seconds.front(), seconds.back(), kRuns);
  std::printf("CPU time per load: median %.3f s\n", cpu_seconds[kRuns / 2]);
  std::printf("peak RSS %.1f MB (%.1f MB before loading); %zu actors, %zu agents, %zu problems\n",
              rss_after / 1024.0, rss_before / 1024.0, actor_count, agent_count, problems.size());
  // Lookup speed: every actor's primary phrase, one after the other, as a
  // token stream; the longest match is asked at every token.
  {
    std::vector<std::string> problems2;
    auto dict = dyad::ActorDictionary::Load(actors, agents, &problems2);
    if (!dict.ok()) return 1;
    const dyad::ActorDictionary& d = **dict;
    std::vector<std::string> owned;
    for (uint32_t e = 0; e < d.actor_count(); ++e) {
      std::string name(d.ActorName(e));
      size_t b = 0;
      for (size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '_' || name[i] == ' ') {
          if (i > b) owned.push_back(dyad::utf8::ToLower(std::string_view(name).substr(b, i - b)));
          b = i + 1;
        }
      }
    }
    std::vector<std::string_view> tokens(owned.begin(), owned.end());
    size_t matched = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < tokens.size(); ++i) matched += d.LongestActorMatch(tokens, i).length > 0;
    auto t1 = std::chrono::steady_clock::now();
    double s = std::chrono::duration<double>(t1 - t0).count();
    std::printf("LongestActorMatch: %.1f M tokens/s (%zu tokens, %zu matches)\n",
                tokens.size() / s / 1e6, tokens.size(), matched);
  }
  // The actors stage over the example article.
  {
    const std::string article = std::string(DYAD_SHARED_DIR) + "/examples/article-kim-xi-trade-talks.txt";
    std::ifstream in(article, std::ios::binary);
    auto data = dyad::FindResource("data");
    auto models = dyad::FindResource("models");
    if (in && data.ok() && models.ok()) {
      std::stringstream ss;
      ss << in.rdbuf();
      dyad::Document doc;
      doc.article.text = ss.str();
      size_t nl = doc.article.text.find('\n');
      doc.article.title_span = dyad::Span{0, static_cast<uint32_t>(nl)};
      doc.article.body_start = static_cast<uint32_t>(nl + 1);
      doc.article.date = "2019-01-08";
      auto cleaner = dyad::Cleaner::Load(*data + "/cleaning.rules");
      auto segmenter = dyad::Segmenter::Create(*data);
      auto nlp = dyad::LoadNlpModels(*models);
      std::vector<std::string> problems2;
      dyad::DictionaryFiles files;
      files.actors = actors;
      files.agents = agents;
      auto linker = dyad::EntityLinker::Create(files, &problems2);
      if (cleaner.ok() && segmenter.ok() && nlp.ok() && linker.ok()) {
        (*cleaner)->Clean(&doc);
        (*segmenter)->Segment(&doc, dyad::SegmentOptions{});
        (*nlp)->Annotate(&doc);
        constexpr int kArticles = 2000;
        size_t entities = 0;
        double c0 = CpuSeconds();
        for (int i = 0; i < kArticles; ++i) {
          (*linker)->Annotate(&doc);
          entities += doc.entities.size();
        }
        double s = CpuSeconds() - c0;
        std::printf("actors stage (example article, %zu words, %zu entities): %.0f articles/s, "
                    "%.2f M words/s (CPU, one thread)\n",
                    doc.words.size(), entities / kArticles, kArticles / s,
                    kArticles * static_cast<double>(doc.words.size()) / s / 1e6);
      }
    } else {
      std::printf("actors stage: skipped (needs %s and models/, data/)\n", article.c_str());
    }
  }
  if (print_problems) {
    for (const std::string& p : problems) std::printf("%s\n", p.c_str());
  }
  return 0;
}
