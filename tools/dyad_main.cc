// The dyad command line: parses flags, calls the library, prints errors and
// sets the exit status. Nothing here does work the library could do.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/conllu.h"
#include "dyad/events.h"
#include "dyad/eval.h"
#include "dyad/io.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/pipeline.h"
#ifdef DYAD_HAVE_TRAIN
#include "dyad/train.h"
#endif
#include "command.h"
#include "flags.h"

namespace dyad_tool {
std::vector<Command>& Commands() {
  static std::vector<Command> commands;
  return commands;
}
}  // namespace dyad_tool

namespace {

constexpr const char* kUsage = R"(dyad: news in, event data out.

usage:
  dyad extract [options] [INPUT...]      articles -> dyad/1 JSON Lines
  dyad parse [options] [INPUT...]        articles -> CoNLL-U: sentences, tokens,
                                         tags, lemmas, dependency parse
  dyad train tagger|lemmatizer|parser|segmenter --train F.conllu [--dev F.conllu]
             -o MODEL [--seed N] [--epochs N] [--beam N] [--ensemble N]
             [--cluster-text DIR|F.txt ...]
                                         train a model on a UD treebank (parser:
                                         beam width, 1 = greedy; models mixed)
  dyad eval ud --gold G.conllu --system S.conllu
                                         CoNLL 2018 scores of S against G
  dyad dict check FILE...                check PETRARCH / Phoenix actor and agent
                                         dictionaries: every problem with file:line
  dyad conllu-text FILE.conllu           the raw text of a treebank, as systems
                                         are given it for scoring
  dyad version | help

INPUT is a file, a directory (walked recursively) or - for standard input
(the default). Formats: .txt, .jsonl, .html/.htm, .warc/.warc.gz.

options (extract, parse):
  -o FILE                  write here instead of standard output
  --format F               extract: jsonl (default), tsv (one event per line) or
                           conllu; parse: conllu
  --input-format F         txt|jsonl|html|warc|auto (default: auto)
  --sentences              extract: include the body's sentence spans
  --text                   extract: include the input text ("text")
  --raw                    parse: take the text exactly as it is: no title,
                           no cleaning, a paragraph at each blank line
  --pretokenized           parse: INPUT is CoNLL-U; keep its sentences and
                           tokens, predict the other columns
  --models DIR             folder of the trained models (default: models/)
  --date YYYY-MM-DD        date of articles that have none
  --threads N              worker threads (default: all cores)
  --max-article-bytes N    refuse larger articles (default: 5242880)

dictionaries (extract; PETRARCH / Phoenix or dyad formats; default: dyad's own):
  --actors F[,F...]        actor dictionaries (later files override earlier)
  --agents F               agent dictionary
  --verbs F                verb and noun patterns
  --discards F             discard list
  --issues F               issue list
  --dict-dir DIR           a folder holding a whole set
)";

struct Args {
  std::vector<std::string> positional;
  std::string out_path, format, input_format, date, gold, system, models, train, dev;
  dyad::DictionaryOptions dicts;
  bool sentences = false, text = false, raw = false, pretokenized = false;
  int threads = 0, seed = 1, epochs = 0, beam = 0, ensemble = 0;
  std::vector<std::string> cluster_text;  // train tagger|parser: --cluster-text, repeatable
  size_t max_bytes = 5u << 20;
};

// Parses flags; returns false (after printing why) on a bad command line.
bool ParseArgs(int argc, char** argv, int first, Args* a) {
  auto value = [&](int& i, const std::string& flag, std::string* out) {
    if (i + 1 >= argc) {
      std::fprintf(stderr, "dyad: %s needs a value\n", flag.c_str());
      return false;
    }
    *out = argv[++i];
    return true;
  };
  for (int i = first; i < argc; ++i) {
    std::string f = argv[i];
    std::string v;
    if (f == "-o" || f == "--output") {
      if (!value(i, f, &a->out_path)) return false;
    } else if (f == "--format") {
      if (!value(i, f, &a->format)) return false;
    } else if (f == "--input-format") {
      if (!value(i, f, &a->input_format)) return false;
    } else if (f == "--date") {
      if (!value(i, f, &a->date)) return false;
    } else if (f == "--gold") {
      if (!value(i, f, &a->gold)) return false;
    } else if (f == "--system") {
      if (!value(i, f, &a->system)) return false;
    } else if (f == "--models") {
      if (!value(i, f, &a->models)) return false;
    } else if (dyad_tool::IsDictionaryFlag(f)) {
      if (!value(i, f, &v)) return false;
      dyad_tool::SetDictionaryFlag(f, v, &a->dicts);
    } else if (f == "--train") {
      if (!value(i, f, &a->train)) return false;
    } else if (f == "--dev") {
      if (!value(i, f, &a->dev)) return false;
    } else if (f == "--cluster-text") {
      if (!value(i, f, &v)) return false;
      a->cluster_text.push_back(v);
    } else if (f == "--threads" || f == "--max-article-bytes" || f == "--seed" || f == "--epochs" ||
               f == "--beam" || f == "--ensemble") {
      if (!value(i, f, &v)) return false;
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1) {
        std::fprintf(stderr, "dyad: %s needs a positive number, not '%s'\n", f.c_str(), v.c_str());
        return false;
      }
      if (f == "--threads") a->threads = static_cast<int>(n);
      else if (f == "--seed") a->seed = static_cast<int>(n);
      else if (f == "--epochs") a->epochs = static_cast<int>(n);
      else if (f == "--beam") a->beam = static_cast<int>(n);
      else if (f == "--ensemble") a->ensemble = static_cast<int>(n);
      else a->max_bytes = static_cast<size_t>(n);
    } else if (f == "--sentences") {
      a->sentences = true;
    } else if (f == "--text") {
      a->text = true;
    } else if (f == "--raw") {
      a->raw = true;
    } else if (f == "--pretokenized") {
      a->pretokenized = true;
    } else if (f.size() > 1 && f[0] == '-') {
      std::fprintf(stderr, "dyad: unknown option %s (see dyad help)\n", f.c_str());
      return false;
    } else {
      a->positional.push_back(f);
    }
  }
  return true;
}

using dyad_tool::Fail;

// Opens -o FILE, or standard output.
std::ostream* Output(const Args& a, std::ofstream* file) {
  if (a.out_path.empty()) return &std::cout;
  file->open(a.out_path, std::ios::binary | std::ios::trunc);
  if (!*file) {
    std::fprintf(stderr, "dyad: cannot write %s\n", a.out_path.c_str());
    return nullptr;
  }
  return file;
}

// extract and parse: the same run, different defaults.
int RunArticles(const Args& a, bool parse) {
  dyad::RunOptions run;
  run.threads = a.threads;
  run.read.max_article_bytes = a.max_bytes;
  if (!a.date.empty()) {
    if (!dyad_tool::ValidDate(a.date)) {
      std::fprintf(stderr, "dyad: --date wants YYYY-MM-DD, not '%s'\n", a.date.c_str());
      return 2;
    }
    run.read.default_date = a.date;
  }
  if (!a.input_format.empty()) {
    auto f = dyad::ParseInputFormat(a.input_format);
    if (!f.ok()) return Fail(f.status());
    run.read.format = *f;
  }
  std::string format = a.format.empty() ? (parse ? "conllu" : "jsonl") : a.format;
  if (format == "jsonl") {
    run.output.format = dyad::OutputFormat::kJsonl;
  } else if (format == "conllu") {
    run.output.format = dyad::OutputFormat::kConllu;
  } else if (format == "tsv" && !parse) {
    run.output.format = dyad::OutputFormat::kTsv;
  } else {
    std::fprintf(stderr, "dyad: --format is jsonl, conllu or tsv (extract), not '%s'\n", format.c_str());
    return 2;
  }
  run.output.sentences = a.sentences;
  run.output.text = a.text;

  std::vector<std::string> inputs = a.positional;
  if (inputs.empty()) inputs.push_back("-");
  // Every input is checked before any work starts.
  auto sources = dyad::ExpandInputs(inputs, run.read);
  if (!sources.ok()) return Fail(sources.status());

  dyad::PipelineOptions popt;
  popt.raw = a.raw;
  popt.annotate = true;
  popt.extract = !parse;
  popt.models_dir = a.models;
  popt.dictionaries = a.dicts;
  auto pipeline = dyad::Pipeline::Create(popt);
  if (!pipeline.ok()) return Fail(pipeline.status());

  std::ofstream file;
  std::ostream* out = Output(a, &file);
  if (!out) return 1;
  std::ios::sync_with_stdio(false);

  if (run.output.format == dyad::OutputFormat::kTsv) *out << dyad::TsvHeader();
  dyad::RunStats stats;
  std::mutex err_mu;
  dyad::Diagnostics diag;
  diag.error = [&](const std::string& m) {
    std::lock_guard<std::mutex> l(err_mu);
    ++stats.errors;
    std::fprintf(stderr, "dyad: error: %s\n", m.c_str());
  };
  diag.warning = [&](const std::string& m) {
    std::lock_guard<std::mutex> l(err_mu);
    ++stats.warnings;
    std::fprintf(stderr, "dyad: warning: %s\n", m.c_str());
  };
  dyad::Status s = dyad::Run(**pipeline, *sources, run, diag, *out, &stats);
  if (!s.ok()) return Fail(s);
  if (stats.errors > 0) {
    std::fprintf(stderr, "dyad: %zu article(s) written, %zu error(s): some input was not processed\n",
                 stats.articles.load(), stats.errors.load());
    return 1;
  }
  return 0;
}

// parse --pretokenized: the sentences and tokens of a CoNLL-U file kept, the
// other columns predicted.
int ParsePretokenized(const Args& a) {
  if (a.positional.size() != 1) {
    std::fprintf(stderr, "dyad parse --pretokenized: needs one CoNLL-U file\n");
    return 2;
  }
  std::string models_dir = a.models;
  if (models_dir.empty()) {
    auto found = dyad::FindResource("models");
    if (!found.ok()) return Fail(found.status());
    models_dir = *found;
  }
  auto models = dyad::LoadNlpModels(models_dir);
  if (!models.ok()) return Fail(models.status());
  auto ner = dyad::NerModel::Load(models_dir + "/" + dyad::kNerFile);
  if (!ner.ok()) return Fail(ner.status());
  auto corpus = dyad::ReadConlluFile(a.positional[0]);
  if (!corpus.ok()) return Fail(corpus.status());
  for (dyad::Word& w : corpus->doc.words) {
    w.lemma.clear(), w.upos.clear(), w.xpos.clear(), w.feats.clear(), w.deprel.clear();
    w.head = -1;
  }
  (*models)->Annotate(&corpus->doc);
  (*ner)->Annotate(&corpus->doc);  // MISC NER=...
  std::ofstream file;
  std::ostream* out = Output(a, &file);
  if (!out) return 1;
  dyad::ConlluWriteOptions wopt;
  wopt.comments = &corpus->comments;
  dyad::WriteConllu(corpus->doc, *out, wopt);
  return out->flush() ? 0 : 1;
}

int Train(const std::string& what, const Args& a) {
#ifdef DYAD_HAVE_TRAIN
  if (a.train.empty() || a.out_path.empty()) {
    std::fprintf(stderr, "dyad train %s: needs --train F.conllu and -o MODEL\n", what.c_str());
    return 2;
  }
  dyad::ParserTrainOptions opt;
  opt.train_path = a.train;
  opt.dev_path = a.dev;
  opt.output_path = a.out_path;
  opt.seed = static_cast<uint32_t>(a.seed);
  opt.epochs = a.epochs;
  if (a.beam > 0) opt.beam = a.beam;
  if (a.ensemble > 0) opt.ensemble = a.ensemble;
  opt.cluster_text = a.cluster_text;
  opt.log = &std::cerr;
  dyad::Status s;
  if (what == "tagger") {
    s = dyad::TrainTagger(opt);
  } else if (what == "lemmatizer") {
    s = dyad::TrainLemmatizer(opt);
  } else if (what == "parser") {
    s = dyad::TrainParser(opt);
  } else if (what == "segmenter") {
    auto data = dyad::FindResource("data");
    if (!data.ok()) return Fail(data.status());
    s = dyad::TrainSegmenter(opt, *data);
  } else {
    std::fprintf(stderr, "dyad train: tagger, lemmatizer, parser or segmenter, not '%s'\n", what.c_str());
    return 2;
  }
  if (!s.ok()) return Fail(s);
  std::fprintf(stderr, "dyad train %s: wrote %s\n", what.c_str(), a.out_path.c_str());
  return 0;
#else
  std::fprintf(stderr, "dyad train: this build has no training code\n");
  return 2;
#endif
}

int EvalUd(const Args& a) {
  if (a.gold.empty() || a.system.empty()) {
    std::fprintf(stderr, "dyad eval ud: needs --gold G.conllu and --system S.conllu\n");
    return 2;
  }
  auto gold = dyad::ReadConlluFile(a.gold);
  if (!gold.ok()) return Fail(gold.status());
  auto sys = dyad::ReadConlluFile(a.system);
  if (!sys.ok()) return Fail(sys.status());
  auto scores = dyad::EvaluateUd(gold->doc, sys->doc);
  if (!scores.ok()) return Fail(scores.status());
  std::fputs(dyad::FormatScores(*scores).c_str(), stdout);
  return 0;
}

int DictCheck(const Args& a) {
  if (a.positional.empty()) {
    std::fprintf(stderr, "dyad dict check: needs one or more dictionary files\n");
    return 2;
  }
  std::vector<std::string> problems;
  // Verb / noun pattern, discard, issue and ontology files go to the events
  // stage's reader; actor and agent files to the actors stage's.
  std::vector<std::string> actor_files, event_files;
  for (const auto& f : a.positional) {
    (dyad::IsEventDictionaryFile(f) ? event_files : actor_files).push_back(f);
  }
  dyad::Status s = actor_files.empty() ? dyad::Status::OK() : dyad::CheckDictionaries(actor_files, &problems);
  dyad::Status es = event_files.empty() ? dyad::Status::OK() : dyad::CheckEventDictionaries(event_files, &problems);
  for (const auto& p : problems) std::printf("%s\n", p.c_str());
  if (!s.ok()) return Fail(s);
  if (!es.ok()) return Fail(es);
  std::printf("dyad dict check: %zu file(s), no problems\n", a.positional.size());
  return 0;
}

int ConlluText(const Args& a) {
  if (a.positional.size() != 1) {
    std::fprintf(stderr, "dyad conllu-text: needs one CoNLL-U file\n");
    return 2;
  }
  auto corpus = dyad::ReadConlluFile(a.positional[0]);
  if (!corpus.ok()) return Fail(corpus.status());
  std::fputs(dyad::ConlluRawText(*corpus).c_str(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::fputs(kUsage, stdout);
    if (!dyad_tool::Commands().empty()) std::fputs("\nmore commands:\n", stdout);
    for (const auto& c : dyad_tool::Commands()) {
      std::printf("  dyad %s %s\n", c.name.c_str(), c.usage.c_str());
    }
    return 0;
  }
  // Registered commands (tools/*_command.cc): two-word names first.
  for (int words = 2; words >= 1; --words) {
    if (argc < 1 + words) continue;
    std::string name = argv[1];
    if (words == 2) name += std::string(" ") + argv[2];
    for (const auto& c : dyad_tool::Commands()) {
      if (c.name == name) return c.run(std::vector<std::string>(argv + 1 + words, argv + argc));
    }
  }
  if (cmd == "version" || cmd == "--version") {
    std::puts("dyad 0.1.0 (schema dyad/1)");
    return 0;
  }
  Args args;
  if (cmd == "eval") {
    if (argc < 3 || std::string(argv[2]) != "ud") {
      std::fprintf(stderr, "dyad eval: which evaluation? (ud)\n");
      return 2;
    }
    if (!ParseArgs(argc, argv, 3, &args)) return 2;
    return EvalUd(args);
  }
  if (cmd == "dict") {
    if (argc < 3 || std::string(argv[2]) != "check") {
      std::fprintf(stderr, "dyad dict: which command? (check)\n");
      return 2;
    }
    if (!ParseArgs(argc, argv, 3, &args)) return 2;
    return DictCheck(args);
  }
  if (cmd == "train") {
    if (argc < 3) {
      std::fprintf(stderr, "dyad train: which model? (tagger, lemmatizer, parser, segmenter)\n");
      return 2;
    }
    if (!ParseArgs(argc, argv, 3, &args)) return 2;
    return Train(argv[2], args);
  }
  if (!ParseArgs(argc, argv, 2, &args)) return 2;
  if (cmd == "extract") return RunArticles(args, /*parse=*/false);
  if (cmd == "parse") return args.pretokenized ? ParsePretokenized(args) : RunArticles(args, /*parse=*/true);
  if (cmd == "conllu-text") return ConlluText(args);
  std::fprintf(stderr, "dyad: unknown command '%s' (see dyad help)\n", cmd.c_str());
  return 2;
}
