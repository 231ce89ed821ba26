// dyad train ner, dyad eval ner, dyad ner --pretokenized: training, scoring
// and running the named-entity recognizer on IOB files.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "command.h"
#include "flags.h"
#include "dyad/eval.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"
#ifdef DYAD_HAVE_TRAIN
#include "dyad/train.h"
#endif

namespace {

struct NerArgs {
  std::string train, dev, out, gold, system, models, gazetteer, tagger;
  std::vector<std::string> extra, unlabelled, positional;
  bool pretokenized = false, no_gazetteer = false, partial = false;
  int seed = 1, epochs = 0, ensemble = 4, stages = 2, folds = 5;
  size_t max_sentences = 0;
};

bool Parse(const char* cmd, const std::vector<std::string>& args, NerArgs* a) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& f = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "dyad %s: %s needs a value\n", cmd, f.c_str());
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string v;
    if (f == "--train") {
      if (!value(&a->train)) return false;
    } else if (f == "--dev") {
      if (!value(&a->dev)) return false;
    } else if (f == "-o" || f == "--output") {
      if (!value(&a->out)) return false;
    } else if (f == "--gold") {
      if (!value(&a->gold)) return false;
    } else if (f == "--system") {
      if (!value(&a->system)) return false;
    } else if (f == "--models") {
      if (!value(&a->models)) return false;
    } else if (f == "--tagger") {
      if (!value(&a->tagger)) return false;
    } else if (f == "--gazetteer") {
      if (!value(&a->gazetteer)) return false;
    } else if (f == "--no-gazetteer") {
      a->no_gazetteer = true;
    } else if (f == "--partial-train") {
      a->partial = true;
    } else if (f == "--extra") {
      if (!value(&v)) return false;
      a->extra.push_back(v);
    } else if (f == "--unlabelled") {
      if (!value(&v)) return false;
      a->unlabelled.push_back(v);
    } else if (f == "--pretokenized") {
      a->pretokenized = true;
    } else if (f == "--seed" || f == "--epochs" || f == "--max-sentences" || f == "--ensemble" ||
               f == "--stages" || f == "--folds") {
      if (!value(&v)) return false;
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1) {
        std::fprintf(stderr, "dyad %s: %s needs a positive number, not '%s'\n", cmd, f.c_str(),
                     v.c_str());
        return false;
      }
      if (f == "--seed") a->seed = static_cast<int>(n);
      else if (f == "--epochs") a->epochs = static_cast<int>(n);
      else if (f == "--ensemble") a->ensemble = static_cast<int>(n);
      else if (f == "--stages") a->stages = static_cast<int>(n);
      else if (f == "--folds") a->folds = static_cast<int>(n);
      else a->max_sentences = static_cast<size_t>(n);
    } else if (f.size() > 1 && f[0] == '-') {
      std::fprintf(stderr, "dyad %s: unknown option %s\n", cmd, f.c_str());
      return false;
    } else {
      a->positional.push_back(f);
    }
  }
  return true;
}

using dyad_tool::Fail;

std::string ModelsDir(const NerArgs& a) {
  if (!a.models.empty()) return a.models;
  auto found = dyad::FindResource("models");
  return found.ok() ? *found : "models";
}

int TrainNerCommand(const std::vector<std::string>& args) {
#ifdef DYAD_HAVE_TRAIN
  NerArgs a;
  if (!Parse("train ner", args, &a)) return 2;
  if (a.train.empty() || a.out.empty()) {
    std::fprintf(stderr, "dyad train ner: needs --train F.iob2 and -o MODEL\n");
    return 2;
  }
  dyad::NerTrainOptions opt;
  opt.train_path = a.train;
  opt.dev_path = a.dev;
  opt.output_path = a.out;
  opt.seed = static_cast<uint32_t>(a.seed);
  opt.epochs = a.epochs;
  opt.max_sentences = a.max_sentences;
  opt.ensemble = a.ensemble;
  opt.stages = a.stages;
  opt.folds = a.folds;
  opt.partial_train = a.partial;
  opt.log = &std::cerr;
  opt.extra_paths = a.extra;
  opt.unlabelled = a.unlabelled;
  opt.tagger_path = a.tagger.empty() ? ModelsDir(a) + "/" + dyad::kTaggerFile : a.tagger;
  auto data = dyad::FindResource("data");
  if (data.ok()) opt.data_dir = *data;
  if (!a.no_gazetteer) {
    if (!a.gazetteer.empty()) {
      opt.gazetteer_path = a.gazetteer;
    } else {
      auto g = dyad::FindResource("data/ner/gazetteer.txt");
      if (!g.ok()) return Fail(g.status());
      opt.gazetteer_path = *g;
    }
  }
  dyad::Status s = dyad::TrainNer(opt);
  if (!s.ok()) return Fail(s);
  std::fprintf(stderr, "dyad train ner: wrote %s\n", a.out.c_str());
  return 0;
#else
  std::fprintf(stderr, "dyad train: this build has no training code\n");
  return 2;
#endif
}

// Tags the words of an IOB corpus with the shipped tagger and NER model.
dyad::Status RunNer(const std::string& models_dir, dyad::IobCorpus* corpus) {
  auto tagger = dyad::Tagger::Load(models_dir + "/" + dyad::kTaggerFile);
  if (!tagger.ok()) return tagger.status();
  auto ner = dyad::NerModel::Load(models_dir + "/" + dyad::kNerFile);
  if (!ner.ok()) return ner.status();
  (*tagger)->Annotate(&corpus->doc);
  (*ner)->AnnotateIob(corpus);
  return dyad::Status::OK();
}

int EvalNerCommand(const std::vector<std::string>& args) {
  NerArgs a;
  if (!Parse("eval ner", args, &a)) return 2;
  if (a.gold.empty()) {
    std::fprintf(stderr,
                 "dyad eval ner: needs --gold G.iob2 and --system S.iob2 (or --models DIR to "
                 "run the model on the gold words)\n");
    return 2;
  }
  auto gold = dyad::ReadIobFile(a.gold);
  if (!gold.ok()) return Fail(gold.status());
  dyad::IobCorpus sys;
  if (!a.system.empty()) {
    auto s = dyad::ReadIobFile(a.system);
    if (!s.ok()) return Fail(s.status());
    sys = std::move(*s);
  } else {
    sys = *gold;
    sys.doc.mentions.clear();
    dyad::Status st = RunNer(ModelsDir(a), &sys);
    if (!st.ok()) return Fail(st);
  }
  auto scores = dyad::EvaluateNer(gold->doc, sys.doc);
  if (!scores.ok()) return Fail(scores.status());
  std::fputs(dyad::FormatNerScores(*scores).c_str(), stdout);
  return 0;
}

int NerCommand(const std::vector<std::string>& args) {
  NerArgs a;
  if (!Parse("ner", args, &a)) return 2;
  if (!a.pretokenized || a.positional.size() != 1) {
    std::fprintf(stderr, "dyad ner: needs --pretokenized and one IOB file\n");
    return 2;
  }
  auto corpus = dyad::ReadIobFile(a.positional[0]);
  if (!corpus.ok()) return Fail(corpus.status());
  corpus->doc.mentions.clear();
  dyad::Status st = RunNer(ModelsDir(a), &*corpus);
  if (!st.ok()) return Fail(st);
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!a.out.empty()) {
    file.open(a.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::fprintf(stderr, "dyad ner: cannot write %s\n", a.out.c_str());
      return 1;
    }
    out = &file;
  }
  dyad::WriteIob(corpus->doc, *out, &corpus->comments);
  return out->flush() ? 0 : 1;
}

}  // namespace

DYAD_COMMAND("train ner",
             "--train F.iob2 [--dev F.iob2] -o MODEL [--seed N] [--epochs N] [--ensemble N] [--stages 1|2] "
             "[--folds N] [--extra F.conll] "
             "[--unlabelled DIR|F.txt] [--gazetteer F|--no-gazetteer] [--models DIR]   train the "
             "named-entity recognizer",
             TrainNerCommand);
DYAD_COMMAND("eval ner",
             "--gold G.iob2 (--system S.iob2 | [--models DIR])   exact-span NER P/R/F1, per type",
             EvalNerCommand);
DYAD_COMMAND("ner",
             "--pretokenized F.iob2 [-o S.iob2] [--models DIR]   tag the file's words with "
             "PER/ORG/LOC (IOB2)",
             NerCommand);
