// Times the event coder alone (parse given): the PETRARCH validation
// records' UD parses coded over and over with the full Phoenix dictionaries
// (CAMEO.2.0.txt verb patterns, Phoenix actors and agents, the coding
// ontology), one thread. Reports sentences per CPU second and the load time.
// Target (docs/events.md): >= 20,000 sentences/s per core.
//
//   event_bench [SHARED_DIR] [--rounds N]

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/events.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The <Parse> blocks of a records file as one-sentence documents.
std::vector<dyad::Document> ReadParses(const std::string& path) {
  std::vector<dyad::Document> docs;
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  size_t pos = 0;
  while ((pos = s.find("<Parse>", pos)) != std::string::npos) {
    size_t end = s.find("</Parse>", pos);
    if (end == std::string::npos) break;
    std::istringstream lines(s.substr(pos + 7, end - pos - 7));
    pos = end;
    dyad::Document doc;
    doc.article.date = "2018-01-01";
    std::string line;
    while (std::getline(lines, line)) {
      std::vector<std::string> f;
      size_t b = 0;
      while (true) {
        size_t t = line.find('\t', b);
        f.push_back(line.substr(b, t == std::string::npos ? std::string::npos : t - b));
        if (t == std::string::npos) break;
        b = t + 1;
      }
      if (f.size() < 8 || f[0].find_first_of("-.") != std::string::npos) continue;
      dyad::Word w;
      w.form = f[1];
      w.lemma = f[2];
      w.upos = f[3];
      w.xpos = f[4];
      w.feats = f[5];
      w.head = std::atoi(f[6].c_str()) - 1;
      w.deprel = f[7];
      if (!doc.article.text.empty()) doc.article.text += ' ';
      w.span.start = static_cast<uint32_t>(doc.article.text.size());
      doc.article.text += w.form;
      w.span.end = static_cast<uint32_t>(doc.article.text.size());
      doc.words.push_back(std::move(w));
    }
    if (doc.words.empty()) continue;
    dyad::Sentence sent;
    sent.num_words = static_cast<uint32_t>(doc.words.size());
    sent.span = dyad::Span{0, static_cast<uint32_t>(doc.article.text.size())};
    doc.sentences.push_back(sent);
    docs.push_back(std::move(doc));
  }
  return docs;
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = DYAD_SHARED_DIR;
  int rounds = 60;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
    } else {
      shared = argv[i];
    }
  }
  const std::string dir = shared + "/data/petrarch/dictionaries/";
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> problems;
  auto actors = dyad::ActorDictionary::Load({dir + "Phoenix.Countries.actors.txt",
                                             dir + "Phoenix.International.actors.txt",
                                             dir + "Phoenix.MilNonState.actors.txt"},
                                            dir + "Phoenix.agents.txt", &problems);
  if (!actors.ok()) {
    std::fprintf(stderr, "event_bench: %s\n", actors.status().ToString().c_str());
    return 1;
  }
  auto t1 = std::chrono::steady_clock::now();
  dyad::DictionaryFiles files;
  files.verbs = {dir + "CAMEO.2.0.txt"};
  files.discards = dir + "Phoenix.discards.txt";
  files.issues = dir + "Phoenix.IssueCoding.txt";
  files.ontology = dir + "PETR.Internal.Coding.Ontology.txt";
  auto coder = dyad::EventCoder::Load(files, std::shared_ptr<const dyad::ActorDictionary>(std::move(*actors)),
                                      &problems);
  if (!coder.ok()) {
    std::fprintf(stderr, "event_bench: %s\n", coder.status().ToString().c_str());
    return 1;
  }
  auto t2 = std::chrono::steady_clock::now();
  std::vector<dyad::Document> docs = ReadParses(shared + "/data/petrarch/records/PETR.UnitTest.records.ud.xml");
  std::vector<dyad::Document> more = ReadParses(shared + "/data/petrarch/validate/PETR_Validate_records_2_02.xml");
  docs.insert(docs.end(), more.begin(), more.end());
  if (docs.empty()) {
    std::fprintf(stderr, "event_bench: no parsed records under %s\n", shared.c_str());
    return 1;
  }
  size_t words = 0;
  for (const auto& d : docs) words += d.words.size();
  size_t sentences = 0, events = 0;
  double cpu0 = CpuSeconds();
  auto w0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (dyad::Document& d : docs) {
      d.events.clear();
      (*coder)->Code(&d);
      events += d.events.size();
      ++sentences;
    }
  }
  double cpu = CpuSeconds() - cpu0;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("dictionaries: actors+agents %.2f s, verbs+discards+issues+ontology %.2f s (%zu patterns)\n",
              secs(t0, t1), secs(t1, t2), (*coder)->pattern_count());
  std::printf("coded %zu sentences (%zu distinct, %.1f words each), %zu events\n", sentences, docs.size(),
              static_cast<double>(words) / docs.size(), events);
  std::printf("%.0f sentences per CPU second (%.0f per wall second), one thread\n", sentences / cpu,
              sentences / wall);
  return 0;
}
