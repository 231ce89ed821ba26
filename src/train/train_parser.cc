// Parser training: greedy arc-eager with labelled transitions, averaged
// perceptron, dynamic oracle with error exploration (Goldberg & Nivre 2012),
// on projectivized gold trees (non-projective arcs lifted to the head's head)
// and jackknifed tags.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "dyad/model_file.h"
#include "dyad/nlp.h"
#include "dyad/train.h"
#include "nlp/parser_internal.h"
#include "train/perceptron_trainer.h"
#include "train/train_internal.h"

namespace dyad {
namespace train_internal {

using nlp_internal::ParserModel;
using nlp_internal::ParserWord;
using nlp_internal::ParseState;

namespace {

// Averaged weights smaller than this are dropped from the model: on EWT dev
// this divides the model by 2.7 (42 -> 16 MB, faster to load and to use) for
// -0.15 UAS.
constexpr float kMinWeight = 1.0f;

bool Dominates(const std::vector<int>& head, int h, int k) {
  while (k >= 0) {
    if (k == h) return true;
    k = head[k];
  }
  return false;
}

// Lifts non-projective arcs (shortest first) until the tree is projective.
void Projectivize(std::vector<int>* head) {
  const int n = static_cast<int>(head->size());
  for (int guard = 0; guard < n * n; ++guard) {
    int best = -1, best_len = std::numeric_limits<int>::max();
    for (int d = 0; d < n; ++d) {
      const int h = (*head)[d];
      if (h < 0) continue;
      const int lo = std::min(h, d), hi = std::max(h, d);
      for (int k = lo + 1; k < hi; ++k) {
        if (!Dominates(*head, h, k)) {
          if (hi - lo < best_len) {
            best = d;
            best_len = hi - lo;
          }
          break;
        }
      }
    }
    if (best < 0) return;
    const int h = (*head)[best];
    if ((*head)[h] < 0) return;  // cannot happen: the root dominates everything
    (*head)[best] = (*head)[h];
  }
}

// The number of gold arcs that a transition makes unreachable (arc-eager,
// projective gold tree; gold head -1 = root).
class Oracle {
 public:
  Oracle(const std::vector<int>& gold_head, const std::vector<int>& gold_label)
      : gh_(gold_head), gl_(gold_label), on_stack_(gold_head.size(), 0) {}

  // Call after every Apply (or once before the first transition).
  void Sync(const ParseState& s) {
    std::fill(on_stack_.begin(), on_stack_.end(), 0);
    for (int k : s.stack) on_stack_[k] = 1;
  }

  int Cost(const ParseState& s, int t) const {
    const int n = s.n, b = s.b, s0 = s.S0();
    int c = 0;
    if (t == nlp_internal::kShift) {
      for (int k : s.stack) {
        if (s.head[k] < 0 && gh_[k] == b) ++c;
        if (gh_[b] == k) ++c;
      }
      return c;
    }
    if (t == nlp_internal::kReduce) {
      for (int k = b; k < n; ++k) c += gh_[k] == s0;
      return c;
    }
    const int l = nlp_internal::LabelOf(t);
    if (nlp_internal::IsLeft(t)) {
      for (int k = b; k < n; ++k) c += gh_[k] == s0;
      const int h = gh_[s0];
      if (h != b && (h < 0 || h > b)) ++c;
      if (h == b && gl_[s0] != l) ++c;
      return c;
    }
    // RIGHT-ARC
    for (int k : s.stack) {
      if (s.head[k] < 0 && gh_[k] == b) ++c;
    }
    const int h = gh_[b];
    if (h != s0 && (h < 0 || h > b || on_stack_[h])) ++c;
    if (h == s0 && gl_[b] != l) ++c;
    return c;
  }

 private:
  const std::vector<int>& gh_;
  const std::vector<int>& gl_;
  std::vector<char> on_stack_;
};

struct ParseExample {
  std::vector<ParserWord> words;
  std::vector<int> head, label;
};

Status ParseWithModel(const ParserModel& model, Document* doc) {
  ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion);
  model.Write(&w);
  auto parser = Parser::FromBytes(w.Serialize(), "(training)");
  if (!parser.ok()) return parser.status();
  parser.value()->Annotate(doc);
  return Status::OK();
}

}  // namespace
}  // namespace train_internal

Status TrainParser(const ParserTrainOptions& options) {
  using namespace train_internal;
  const auto start = std::chrono::steady_clock::now();
  auto train = ReadTreebank(options.train_path, options.max_sentences);
  if (!train.ok()) return train.status();
  std::optional<ConlluCorpus> dev;
  if (!options.dev_path.empty()) {
    auto d = ReadConlluFile(options.dev_path);
    if (!d.ok()) return d.status();
    dev = std::move(d.value());
  }
  const Document& gold = train->doc;
  const size_t ns = gold.sentences.size();
  const int tagger_epochs = options.tagger_epochs > 0 ? options.tagger_epochs : 8;

  // Labels, sorted.
  ParserModel model;
  {
    std::map<std::string, int> labels;
    labels["root"] = 0;
    for (const Word& w : gold.words) {
      if (!w.deprel.empty()) labels[w.deprel] = 0;
    }
    if (labels.size() > 64)
      return Status::InvalidArgument(options.train_path + ": more than 64 dependency labels");
    for (auto& [name, id] : labels) {
      id = static_cast<int>(model.deprels.size());
      model.deprels.push_back(name);
    }
    model.root_label = labels["root"];
  }
  auto label_id = [&](const std::string& d) {
    auto it = std::lower_bound(model.deprels.begin(), model.deprels.end(), d);
    return it != model.deprels.end() && *it == d ? static_cast<int>(it - model.deprels.begin())
                                                 : model.root_label;
  };

  // Tags the parser learns from: jackknifed, or gold.
  Document tagged = gold;
  if (options.jackknife_folds > 1) {
    const int folds = options.jackknife_folds;
    for (int f = 0; f < folds; ++f) {
      std::vector<uint32_t> rest, held;
      for (uint32_t s = 0; s < ns; ++s)
        (static_cast<int>(s % folds) == f ? held : rest).push_back(s);
      TaggerTrainSettings ts;
      ts.epochs = tagger_epochs;
      ts.seed = options.seed + static_cast<uint32_t>(f);
      nlp_internal::TaggerModel tm = TrainTaggerModel(gold, rest, ts);
      Document part = gold;
      part.sentences.clear();
      for (uint32_t s : held) part.sentences.push_back(gold.sentences[s]);
      DYAD_RETURN_IF_ERROR(TagWithModel(tm, &part));
      for (uint32_t s : held) {
        const Sentence& sent = gold.sentences[s];
        for (uint32_t i = 0; i < sent.num_words; ++i) {
          tagged.words[sent.first_word + i].upos = part.words[sent.first_word + i].upos;
          tagged.words[sent.first_word + i].xpos = part.words[sent.first_word + i].xpos;
        }
      }
      if (options.log != nullptr) {
        *options.log << "parser: jackknife fold " << f + 1 << "/" << folds << " tagged"
                     << std::endl;
      }
    }
  }

  std::vector<ParseExample> examples(ns);
  for (size_t k = 0; k < ns; ++k) {
    const Sentence& sent = gold.sentences[k];
    ParseExample& ex = examples[k];
    for (uint32_t i = 0; i < sent.num_words; ++i) {
      const Word& g = gold.words[sent.first_word + i];
      const Word& t = tagged.words[sent.first_word + i];
      ex.words.push_back(
          nlp_internal::DescribeParserWord(nlp_internal::WordText(gold, g), t.upos, t.xpos));
      ex.head.push_back(g.head);
      ex.label.push_back(label_id(g.deprel));
    }
    Projectivize(&ex.head);
  }

  const uint32_t nc = static_cast<uint32_t>(2 + 2 * model.deprels.size());
  std::vector<float> scores(nc);
  std::vector<int> costs(nc);
  uint64_t feats[nlp_internal::kMaxParserFeatures];
  const int epochs = options.epochs > 0 ? options.epochs : 10;
  const int root_pair = nlp_internal::LeftOf(model.root_label) >> 1;
  const int members = std::max(1, options.ensemble);
  // Sum of the members' averaged weights: feature -> (class, weight).
  std::unordered_map<uint64_t, std::vector<std::pair<uint16_t, float>>> mixed;
  for (int member = 0; member < members; ++member) {
    PerceptronTrainer trainer(nc);
    std::mt19937 rng(options.seed + 7919u * static_cast<uint32_t>(member));
    std::vector<size_t> order(ns);
    for (size_t k = 0; k < ns; ++k) order[k] = k;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      const auto epoch_start = std::chrono::steady_clock::now();
      Shuffle(&order, &rng);
      size_t decisions = 0, errors = 0, words = 0;
      for (size_t k : order) {
        const ParseExample& ex = examples[k];
        const int n = static_cast<int>(ex.words.size());
        if (n == 0) continue;
        words += n;
        ParseState s(n);
        Oracle oracle(ex.head, ex.label);
        while (!s.Terminal()) {
          oracle.Sync(s);
          const int nf = nlp_internal::ExtractParserFeatures(ex.words, s, feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(feats, nf, scores.data());
          int pred = -1, best_gold = -1;
          float pred_score = -std::numeric_limits<float>::infinity(), gold_score = pred_score;
          for (uint32_t tu = 0; tu < nc; ++tu) {
            const int t = static_cast<int>(tu);
            if ((t >> 1) == root_pair || !s.Legal(t)) continue;
            costs[t] = oracle.Cost(s, t);
            if (scores[t] > pred_score || pred < 0) {
              pred = t;
              pred_score = scores[t];
            }
            if (costs[t] == 0 && (scores[t] > gold_score || best_gold < 0)) {
              best_gold = t;
              gold_score = scores[t];
            }
          }
          if (best_gold < 0) best_gold = pred;  // cannot happen with a projective gold tree
          ++decisions;
          if (costs[pred] > 0) {
            ++errors;
            trainer.Update(feats, nf, best_gold, pred);
          }
          trainer.Tick();
          // Explore: after the first epoch, follow the model's own (possibly
          // wrong) choice most of the time.
          int next = best_gold;
          if (epoch > 1 && costs[pred] > 0 && rng() % 10 != 0) next = pred;
          s.Apply(next);
        }
      }
      if (options.log != nullptr) {
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "parser %d/%d epoch %d: %.2f%% wrong transitions, %zu features, %.0f words/s",
                      member + 1, members, epoch, 100.0 * errors / std::max<size_t>(decisions, 1),
                      trainer.num_features(), words / secs);
        *options.log << buf;
        if (dev) {
          model.weights = trainer.Average(kMinWeight);
          Document sys = dev->doc;
          Status st = ParseWithModel(model, &sys);
          *options.log << "; dev (gold tags) "
                       << (st.ok() ? ScoreLine(dev->doc, sys, {"UAS", "LAS"}) : st.ToString());
        }
        *options.log << std::endl;
      }
    }
    for (const auto& row : trainer.Average().Rows()) {
      auto& dst = mixed[row.key];
      for (const auto& [c, w] : row.entries) {
        auto it =
            std::find_if(dst.begin(), dst.end(), [c = c](const auto& e) { return e.first == c; });
        if (it == dst.end()) {
          dst.emplace_back(c, w);
        } else {
          it->second += w;
        }
      }
    }
  }
  // Parameter mixing: the mean of the members' weights.
  std::vector<nlp_internal::SparseWeights::Row> rows;
  for (auto& [key, entries] : mixed) {
    nlp_internal::SparseWeights::Row row{key, {}};
    for (const auto& [c, w] : entries) {
      const float mean = w / static_cast<float>(members);
      if (std::fabs(mean) >= kMinWeight) row.entries.emplace_back(c, mean);
    }
    if (!row.entries.empty()) rows.push_back(std::move(row));
  }
  model.weights.Build(nc, rows);
  ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion);
  model.Write(&w);
  DYAD_RETURN_IF_ERROR(w.WriteTo(options.output_path));
  if (options.log != nullptr) {
    *options.log << "parser written to " << options.output_path << " ("
                 << model.weights.num_entries() << " weights, "
                 << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                 << " s)" << std::endl;
  }
  return Status::OK();
}

}  // namespace dyad
