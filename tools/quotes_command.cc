// dyad eval quotes: the quotes stage scored against PolNeAR (brat standoff);
// dyad quotes: the quotations of text files, one per line, for reading.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "command.h"
#include "flags.h"
#include "dyad/nlp.h"
#include "dyad/pipeline.h"
#include "dyad/quote_eval.h"
#include "dyad/quotes.h"
#include "dyad/resources.h"
#include "dyad/text.h"
#include "dyad/utf8.h"

namespace {

namespace fs = std::filesystem;

using dyad_tool::Fail;

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// The pipeline that the quotes stage runs after: raw text (offsets are those
// of the file), tagged and parsed.
// When the full pipeline cannot be made (a later stage's model missing), the
// text and NLP stages alone, which is all the quotes stage reads.
struct Stages {
  std::unique_ptr<dyad::Pipeline> pipeline;
  std::unique_ptr<dyad::Segmenter> segmenter;
  std::unique_ptr<dyad::NlpModels> nlp;
  std::unique_ptr<dyad::QuoteFinder> finder;
  bool raw = false;

  dyad::Document Process(dyad::Article article) const {
    if (pipeline) return pipeline->Process(std::move(article));
    dyad::Document doc;
    doc.article = std::move(article);
    dyad::SegmentOptions seg;
    seg.raw = true;
    segmenter->Segment(&doc, seg);
    nlp->Annotate(&doc);
    return doc;
  }
};

// quote_data: a folder holding quotes/cues.txt and quotes/titles.txt to use
// instead of the shipped ones (empty: data/), for comparing rule files on
// the same models.
dyad::Status LoadStages(bool raw, Stages* st, const std::string& quote_data = "") {
  dyad::PipelineOptions opt;
  opt.raw = raw;
  opt.annotate = true;
  auto data = dyad::FindResource("data");
  if (!data.ok()) return data.status();
  auto p = dyad::Pipeline::Create(opt);
  if (p.ok()) {
    st->pipeline = std::move(*p);
  } else {
    std::fprintf(stderr, "dyad: %s; running the text and NLP stages only (raw text)\n",
                 p.status().ToString().c_str());
    auto seg = dyad::Segmenter::Create(*data);
    if (!seg.ok()) return seg.status();
    st->segmenter = std::move(*seg);
    auto models = dyad::FindResource("models");
    if (!models.ok()) return models.status();
    auto nlp = dyad::LoadNlpModels(*models);
    if (!nlp.ok()) return nlp.status();
    st->nlp = std::move(*nlp);
  }
  auto f = dyad::QuoteFinder::Load(quote_data.empty() ? *data : quote_data);
  if (!f.ok()) return f.status();
  st->finder = std::move(*f);
  return dyad::Status::OK();
}

// "a-b;c-d": the pieces' code point offsets.
std::string Offsets(const std::vector<dyad::CodePointRange>& pieces) {
  std::string out;
  for (const auto& [a, b] : pieces) {
    if (!out.empty()) out += ';';
    out += std::to_string(a) + "-" + std::to_string(b);
  }
  return out.empty() ? "-" : out;
}

std::string Pieces(const std::string& text, const std::vector<dyad::CodePointRange>& pieces,
                   const std::vector<uint32_t>& byte_of_cp) {
  std::string out;
  for (const auto& [a, b] : pieces) {
    if (!out.empty()) out += " | ";
    if (a < byte_of_cp.size() && b < byte_of_cp.size()) {
      out += text.substr(byte_of_cp[a], byte_of_cp[b] - byte_of_cp[a]);
    }
  }
  for (char& c : out) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return out;
}

// Counts, per lemma and UPOS, the words of `doc`, those inside a gold cue,
// those inside a system quotation's cue, and both (the data behind cues.txt).
void CountCues(const dyad::Document& doc, const std::vector<dyad::Attribution>& gold,
               const std::vector<uint32_t>& byte_of_cp, std::map<std::string, std::array<size_t, 4>>* stats) {
  std::vector<uint8_t> mark(doc.article.text.size() + 1, 0);
  for (const auto& g : gold) {
    for (const auto& [a, b] : g.cue) {
      if (b >= byte_of_cp.size()) continue;
      for (uint32_t x = byte_of_cp[a]; x < byte_of_cp[b]; ++x) mark[x] |= 1;
    }
  }
  for (const dyad::Quote& q : doc.quotes) {
    if (!q.cue) continue;
    for (uint32_t x = q.cue->start; x < q.cue->end && x < mark.size(); ++x) mark[x] |= 2;
  }
  for (const dyad::Word& w : doc.words) {
    if (w.span.start >= mark.size()) continue;
    auto& c = (*stats)[dyad::utf8::ToLower(w.lemma) + "\t" + w.upos];
    ++c[0];
    if (mark[w.span.start] & 1) ++c[1];
    if (mark[w.span.start] & 2) ++c[2];
    if (mark[w.span.start] == 3) ++c[3];
  }
}

int EvalQuotes(const std::vector<std::string>& args) {
  std::string dir, split = "dev", dump, cue_stats, quote_data;
  size_t limit = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* v) {
      if (i + 1 >= args.size()) return false;
      *v = args[++i];
      return true;
    };
    std::string lim;
    if (a == "--polnear" && value(&dir)) continue;
    if (a == "--split" && value(&split)) continue;
    if (a == "--dump" && value(&dump)) continue;
    if (a == "--cue-stats" && value(&cue_stats)) continue;
    if (a == "--quote-data" && value(&quote_data)) continue;
    if (a == "--limit" && value(&lim)) {
      limit = std::strtoul(lim.c_str(), nullptr, 10);
      continue;
    }
    std::fprintf(stderr, "dyad eval quotes: unknown or incomplete option '%s'\n", a.c_str());
    return 2;
  }
  if (dir.empty()) {
    std::fprintf(stderr, "dyad eval quotes: needs --polnear DIR (the corpus or one split)\n");
    return 2;
  }
  if (!fs::is_directory(dir + "/attributions")) dir += "/" + split;
  if (!fs::is_directory(dir + "/attributions") || !fs::is_directory(dir + "/text")) {
    std::fprintf(stderr, "dyad eval quotes: %s has no attributions/ and text/\n", dir.c_str());
    return 1;
  }
  // One annotation per article: the first annotator's file in name order
  // (a few articles were annotated by several people).
  std::map<std::string, std::string> ann_of;
  for (const auto& e : fs::directory_iterator(dir + "/attributions")) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".ann" || name.size() < 10) continue;
    const std::string article = name.substr(0, name.size() - 9);  // "_abcd.ann"
    auto it = ann_of.find(article);
    if (it == ann_of.end() || name < fs::path(it->second).filename().string()) {
      ann_of[article] = e.path().string();
    }
  }
  Stages st;
  if (auto s = LoadStages(/*raw=*/true, &st, quote_data); !s.ok()) return Fail(s);
  std::ofstream dump_out;
  if (!dump.empty()) dump_out.open(dump);
  dyad::QuoteScorer scorer;
  size_t articles = 0, problems_count = 0;
  // --cue-stats: per "lemma<TAB>UPOS", words seen, words inside a gold cue,
  // words a system quotation took as its cue, and those both.
  std::map<std::string, std::array<size_t, 4>> stats;
  for (const auto& [article, ann_path] : ann_of) {
    if (limit && articles >= limit) break;
    std::string text, ann;
    const std::string txt_path = dir + "/text/" + article + ".txt";
    if (!ReadFile(txt_path, &text) || !ReadFile(ann_path, &ann)) {
      std::fprintf(stderr, "dyad eval quotes: cannot read %s or %s\n", txt_path.c_str(), ann_path.c_str());
      continue;
    }
    std::vector<std::string> problems;
    std::vector<dyad::Attribution> gold = dyad::ReadBratAttributions(ann, ann_path, &problems);
    problems_count += problems.size();
    dyad::Article art;
    art.id = article;
    art.text = text;
    dyad::Document doc = st.Process(std::move(art));
    st.finder->Find(&doc);
    std::vector<bool> speech;
    for (const dyad::Quote& q : doc.quotes) {
      speech.push_back(st.finder->ClassOfCue(doc, q) == dyad::CueClass::kSpeech);
    }
    std::vector<dyad::Attribution> sys = dyad::AttributionsFromQuotes(doc, speech);
    // The class of each gold cue, from the lemmas of the words it covers.
    const dyad::utf8::CodePointIndex cpi(doc.article.text);
    std::vector<uint32_t> byte_of_cp;
    for (size_t i = 0; i <= doc.article.text.size(); ++i) {
      if (i == doc.article.text.size() || (static_cast<unsigned char>(doc.article.text[i]) & 0xC0) != 0x80) {
        byte_of_cp.push_back(static_cast<uint32_t>(i));
      }
    }
    for (dyad::Attribution& g : gold) {
      if (g.cue.empty()) continue;
      dyad::Quote probe;
      const auto [a, b] = g.cue.front();
      if (b >= byte_of_cp.size()) continue;
      probe.cue = dyad::Span{byte_of_cp[a], byte_of_cp[b]};
      g.speech = st.finder->ClassOfCue(doc, probe) == dyad::CueClass::kSpeech;
    }
    scorer.Add(doc.article.text, gold, sys);
    if (!cue_stats.empty()) CountCues(doc, gold, byte_of_cp, &stats);
    if (dump_out) {
      dump_out << "### " << article << "\n";
      for (const auto& g : gold) {
        dump_out << "G\t" << Pieces(doc.article.text, g.source, byte_of_cp) << "\t"
                 << Pieces(doc.article.text, g.cue, byte_of_cp) << "\t"
                 << Pieces(doc.article.text, g.content, byte_of_cp) << "\t" << Offsets(g.source) << "\t"
                 << Offsets(g.cue) << "\t" << Offsets(g.content) << "\n";
      }
      for (const auto& y : sys) {
        dump_out << "S\t" << Pieces(doc.article.text, y.source, byte_of_cp) << "\t"
                 << Pieces(doc.article.text, y.cue, byte_of_cp) << "\t"
                 << Pieces(doc.article.text, y.content, byte_of_cp) << "\t" << Offsets(y.source) << "\t"
                 << Offsets(y.cue) << "\t" << Offsets(y.content) << "\n";
      }
    }
    ++articles;
  }
  std::printf("PolNeAR %s: %zu articles (%zu annotation lines skipped)\n", dir.c_str(), articles,
              problems_count);
  std::fputs(dyad::FormatQuoteScores(scorer).c_str(), stdout);
  if (!cue_stats.empty()) {
    std::ofstream out(cue_stats);
    out << "# lemma\tupos\twords\tin_gold_cue\tsystem_cue\tboth\n";
    for (const auto& [key, c] : stats) {
      if (c[1] == 0 && c[2] == 0) continue;
      out << key << "\t" << c[0] << "\t" << c[1] << "\t" << c[2] << "\t" << c[3] << "\n";
    }
  }
  return 0;
}

// dyad quotes FILE...: each quotation as "kind<TAB>speaker<TAB>cue<TAB>content".
int ShowQuotes(const std::vector<std::string>& args) {
  bool raw = false, parse = false;
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--raw") raw = true;
    else if (a == "--parse") parse = true;
    else files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "dyad quotes: needs one or more text files\n");
    return 2;
  }
  Stages st;
  if (auto s = LoadStages(raw, &st); !s.ok()) return Fail(s);
  for (const std::string& path : files) {
    dyad::Article art;
    if (!ReadFile(path, &art.text)) {
      std::fprintf(stderr, "dyad quotes: cannot read %s\n", path.c_str());
      return 1;
    }
    art.id = path;
    dyad::Document doc = st.Process(std::move(art));
    st.finder->Find(&doc);
    if (parse) {
      // The parse the quotes stage read: "index form lemma upos head deprel".
      for (const dyad::Sentence& s : doc.sentences) {
        for (uint32_t i = 0; i < s.num_words; ++i) {
          const dyad::Word& w = doc.words[s.first_word + i];
          std::printf("%u\t%s\t%s\t%s\t%d\t%s\n", i + 1, w.form.c_str(), w.lemma.c_str(), w.upos.c_str(),
                      w.head + 1, w.deprel.c_str());
        }
        std::printf("\n");
      }
    }
    for (const dyad::Quote& q : doc.quotes) {
      std::string content;
      for (const dyad::Span& p : q.content) {
        if (!content.empty()) content += " | ";
        content += doc.Text(p);
      }
      std::printf("%s\t%s\t%s\t%s\t%s\n", q.kind.c_str(),
                  q.speaker ? std::string(doc.Text(*q.speaker)).c_str() : "-",
                  q.description ? std::string(doc.Text(*q.description)).c_str() : "-",
                  q.cue ? std::string(doc.Text(*q.cue)).c_str() : "-", content.c_str());
    }
  }
  return 0;
}

}  // namespace

DYAD_COMMAND("eval quotes",
             "--polnear DIR [--split dev|train] [--limit N] [--dump FILE] [--cue-stats FILE] [--quote-data DIR]   score quotations against PolNeAR",
             EvalQuotes);
DYAD_COMMAND("quotes", "[--raw] [--parse] FILE...   the quotations of text files: kind, speaker, description, cue, content",
             ShowQuotes);
