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
#include "dyad/train.h"
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
// cue_model: "" for the shipped model (when present), "-" for none, else a
// model file.
dyad::Status LoadStages(bool raw, Stages* st, const std::string& quote_data = "",
                        const std::string& cue_model = "") {
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
  if (cue_model == "-") return dyad::Status::OK();
  if (!cue_model.empty()) return st->finder->LoadCueModel(cue_model);
  if (auto models = dyad::FindResource("models"); models.ok()) {
    const std::string path = *models + "/" + dyad::kCueModelFile;
    if (fs::exists(path)) return st->finder->LoadCueModel(path);
  }
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

// The annotated articles of a PolNeAR split (or of the corpus folder with
// `split`): article name -> .ann path, one annotation per article (the first
// annotator's file in name order: a few articles were annotated by several
// people). Empty with a message when the folder is not one.
std::map<std::string, std::string> PolnearArticles(std::string* dir, const std::string& split,
                                                   const char* command) {
  std::map<std::string, std::string> ann_of;
  if (!fs::is_directory(*dir + "/attributions")) *dir += "/" + split;
  if (!fs::is_directory(*dir + "/attributions") || !fs::is_directory(*dir + "/text")) {
    std::fprintf(stderr, "%s: %s has no attributions/ and text/\n", command, dir->c_str());
    return ann_of;
  }
  for (const auto& e : fs::directory_iterator(*dir + "/attributions")) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".ann" || name.size() < 10) continue;
    const std::string article = name.substr(0, name.size() - 9);  // "_abcd.ann"
    auto it = ann_of.find(article);
    if (it == ann_of.end() || name < fs::path(it->second).filename().string()) {
      ann_of[article] = e.path().string();
    }
  }
  return ann_of;
}

// The text of one PolNeAR article and its gold attributions (the lines
// the reader skipped added to *problems_count); false, with a message,
// when a file cannot be read.
bool ReadPolnearArticle(const std::string& dir, const std::string& article, const std::string& ann_path,
                        const char* command, std::string* text, std::vector<dyad::Attribution>* gold,
                        size_t* problems_count) {
  std::string ann;
  const std::string txt_path = dir + "/text/" + article + ".txt";
  if (!ReadFile(txt_path, text) || !ReadFile(ann_path, &ann)) {
    std::fprintf(stderr, "%s: cannot read %s or %s\n", command, txt_path.c_str(), ann_path.c_str());
    return false;
  }
  std::vector<std::string> problems;
  *gold = dyad::ReadBratAttributions(ann, ann_path, &problems);
  *problems_count += problems.size();
  return true;
}

// The byte offset of each code point of `text`, and one past the end.
std::vector<uint32_t> ByteOfCodePoint(const std::string& text) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      out.push_back(static_cast<uint32_t>(i));
    }
  }
  return out;
}

// dyad train quotes: the learned cue model from a PolNeAR split.
int TrainQuotes(const std::vector<std::string>& args) {
  std::string dir, split = "train", out;
  dyad::CueModelOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--polnear" && has_value) dir = args[++i];
    else if (a == "--split" && has_value) split = args[++i];
    else if (a == "--out" && has_value) out = args[++i];
    else if (a == "--epochs" && has_value) options.epochs = std::atoi(args[++i].c_str());
    else if (a == "--seed" && has_value) options.seed = static_cast<uint32_t>(std::strtoul(args[++i].c_str(), nullptr, 10));
    else if (a == "--threshold" && has_value) options.threshold = std::strtof(args[++i].c_str(), nullptr);
    else if (a == "--veto" && has_value) options.veto = std::strtof(args[++i].c_str(), nullptr);
    else {
      std::fprintf(stderr, "dyad train quotes: unknown or incomplete option '%s'\n", a.c_str());
      return 2;
    }
  }
  if (dir.empty() || out.empty() || options.epochs < 1) {
    std::fprintf(stderr, "dyad train quotes: needs --polnear DIR and --out FILE\n");
    return 2;
  }
  const auto ann_of = PolnearArticles(&dir, split, "dyad train quotes");
  if (ann_of.empty()) return 1;
  Stages st;
  if (auto s = LoadStages(/*raw=*/true, &st, "", "-"); !s.ok()) return Fail(s);
  std::vector<dyad::Document> docs;
  std::vector<std::vector<dyad::Span>> gold_cues;
  size_t problems_count = 0;
  for (const auto& [article, ann_path] : ann_of) {
    std::string text;
    std::vector<dyad::Attribution> gold;
    if (!ReadPolnearArticle(dir, article, ann_path, "dyad train quotes", &text, &gold, &problems_count)) continue;
    const std::vector<uint32_t> byte_of_cp = ByteOfCodePoint(text);
    std::vector<dyad::Span> cues;
    for (const auto& g : gold) {
      for (const auto& [a, b] : g.cue) {
        if (a < b && b < byte_of_cp.size()) cues.push_back(dyad::Span{byte_of_cp[a], byte_of_cp[b]});
      }
    }
    dyad::Article art;
    art.id = article;
    art.text = std::move(text);
    docs.push_back(st.Process(std::move(art)));
    gold_cues.push_back(std::move(cues));
  }
  std::printf("PolNeAR %s: %zu articles (%zu annotation lines skipped)\n", dir.c_str(), docs.size(),
              problems_count);
  auto data = dyad::FindResource("data");
  if (!data.ok()) return Fail(data.status());
  if (auto s = dyad::TrainCueModel(*data, docs, gold_cues, options, out, &std::cout); !s.ok()) return Fail(s);
  std::printf("wrote %s\n", out.c_str());
  return 0;
}

int EvalQuotes(const std::vector<std::string>& args) {
  std::string dir, split = "dev", dump, cue_stats, quote_data, cue_model;
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
    if (a == "--cue-model" && value(&cue_model)) continue;
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
  const auto ann_of = PolnearArticles(&dir, split, "dyad eval quotes");
  if (ann_of.empty()) return 1;
  Stages st;
  if (auto s = LoadStages(/*raw=*/true, &st, quote_data, cue_model); !s.ok()) return Fail(s);
  std::ofstream dump_out;
  if (!dump.empty()) dump_out.open(dump);
  dyad::QuoteScorer scorer;
  size_t articles = 0, problems_count = 0;
  // --cue-stats: per "lemma<TAB>UPOS", words seen, words inside a gold cue,
  // words a system quotation took as its cue, and those both.
  std::map<std::string, std::array<size_t, 4>> stats;
  for (const auto& [article, ann_path] : ann_of) {
    if (limit && articles >= limit) break;
    std::string text;
    std::vector<dyad::Attribution> gold;
    if (!ReadPolnearArticle(dir, article, ann_path, "dyad eval quotes", &text, &gold, &problems_count)) continue;
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
    const std::vector<uint32_t> byte_of_cp = ByteOfCodePoint(doc.article.text);
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
             "--polnear DIR [--split dev|train] [--limit N] [--dump FILE] [--cue-stats FILE] [--quote-data DIR] [--cue-model FILE|-]   score quotations against PolNeAR",
             EvalQuotes);
DYAD_COMMAND("train quotes",
             "--polnear DIR --out FILE [--split train] [--epochs N] [--seed N] [--threshold T] [--veto T]   train the learned cue model on PolNeAR",
             TrainQuotes);
DYAD_COMMAND("quotes", "[--raw] [--parse] FILE...   the quotations of text files: kind, speaker, description, cue, content",
             ShowQuotes);
