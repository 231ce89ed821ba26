// Parser training: greedy arc-eager with labelled transitions, averaged
// perceptron, dynamic oracle with error exploration (Goldberg & Nivre 2012),
// on projectivized gold trees (non-projective arcs lifted to the head's head)
// and jackknifed tags; or, with ParserTrainOptions::beam > 1, beam search
// trained as a structured perceptron with early update (BeamLearner).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>

#include "dyad/model_file.h"
#include "dyad/nlp.h"
#include "dyad/train.h"
#include "nlp/parser_internal.h"
#include "train/perceptron_trainer.h"
#include "train/train_internal.h"
#include "train/word_clusters.h"

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
// The same for beam training, whose weights move at most once per sentence
// and are therefore smaller.
constexpr float kMinWeightBeam = 0.05f;

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

// Beam training: a structured perceptron over whole transition sequences
// with early update (Collins & Roark 2004, Zhang & Clark 2008). A sequence
// is correct while every transition of it has zero cost under the dynamic
// oracle; as soon as no item of the beam is correct, the weights move toward
// the best-scoring correct sequence (the best zero-cost extension of a
// correct item of the previous beam) and away from the best item of the
// beam, and the sentence ends. If the beam ends with an incorrect best item,
// the update is against the best correct one.
class BeamLearner {
 public:
  BeamLearner(int beam, uint32_t num_classes, int root_label, bool clustered)
      : k_(beam),
        nc_(num_classes),
        root_label_(root_label),
        clustered_(clustered),
        scores_(size_t(beam) * num_classes) {}

  // Trains on one sentence; true if the weights were updated.
  bool Learn(const ParseExample& ex, PerceptronTrainer* trainer) {
    using nlp_internal::BeamCandidate;
    using nlp_internal::BetterCandidate;
    const int n = static_cast<int>(ex.words.size());
    Oracle oracle(ex.head, ex.label);
    pool_.clear();
    cur_.assign(1, ParseState(n));
    cur_score_.assign(1, 0.0);
    if (steps_.empty()) steps_.emplace_back();
    steps_[0].assign(1, Node{-1, -1, true, 0, 0});
    for (size_t step = 0;; ++step) {
      std::vector<Node>& nodes = steps_[step];
      cands_.clear();
      bool done = true;
      for (size_t i = 0; i < cur_.size(); ++i) {
        const ParseState& s = cur_[i];
        if (s.Terminal()) {
          cands_.push_back(BeamCandidate{cur_score_[i], static_cast<int>(i), -1});
          continue;
        }
        done = false;
        const size_t off = pool_.size();
        pool_.resize(off + nlp_internal::kMaxParserFeatures);
        const int nf = nlp_internal::ExtractParserFeatures(ex.words, s, &pool_[off], clustered_);
        pool_.resize(off + nf);
        nodes[i].feats = off;
        nodes[i].nf = nf;
        float* sc = &scores_[i * nc_];
        std::fill(sc, sc + nc_, 0.0f);
        trainer->Score(&pool_[off], nf, sc);
        nlp_internal::TopCandidates(s, static_cast<int>(i), cur_score_[i], sc, nc_, root_label_, k_,
                                    &cands_);
      }
      if (done) {
        if (nodes[0].correct) return false;
        for (size_t j = 1; j < nodes.size(); ++j) {
          if (nodes[j].correct) {
            Update(step, static_cast<int>(j), -1, 0, -1, trainer);
            return true;
          }
        }
        return false;  // cannot happen: the beam always keeps a correct item
      }
      const size_t keep = std::min<size_t>(k_, cands_.size());
      std::partial_sort(cands_.begin(), cands_.begin() + keep, cands_.end(), BetterCandidate);
      if (steps_.size() <= step + 1) steps_.emplace_back();
      std::vector<Node>& next_nodes = steps_[step + 1];
      next_nodes.clear();
      bool any_correct = false;
      for (size_t j = 0; j < keep; ++j) {
        const BeamCandidate& c = cands_[j];
        bool correct = steps_[step][c.item].correct;
        if (correct && c.t >= 0) {
          oracle.Sync(cur_[c.item]);
          correct = oracle.Cost(cur_[c.item], c.t) == 0;
        }
        any_correct |= correct;
        next_nodes.push_back(Node{c.item, c.t, correct, 0, 0});
      }
      if (!any_correct) {
        // The best correct extension of the current beam.
        BeamCandidate gold{0.0, -1, -1};
        for (size_t i = 0; i < cur_.size(); ++i) {
          if (!steps_[step][i].correct) continue;
          const ParseState& s = cur_[i];
          if (s.Terminal()) {
            BeamCandidate c{cur_score_[i], static_cast<int>(i), -1};
            if (gold.item < 0 || BetterCandidate(c, gold)) gold = c;
            continue;
          }
          oracle.Sync(s);
          const float* sc = &scores_[i * nc_];
          for (uint32_t tu = 0; tu < nc_; ++tu) {
            const int t = static_cast<int>(tu);
            if (!nlp_internal::Allowed(s, t, root_label_) || oracle.Cost(s, t) != 0) continue;
            BeamCandidate c{cur_score_[i] + sc[t], static_cast<int>(i), t};
            if (gold.item < 0 || BetterCandidate(c, gold)) gold = c;
          }
        }
        if (gold.item < 0) return false;  // cannot happen
        Update(step, gold.item, gold.t, cands_[0].item, cands_[0].t, trainer);
        return true;
      }
      // Assigning into kept states reuses their memory.
      next_score_.clear();
      for (size_t j = 0; j < keep; ++j) {
        if (j < next_.size()) {
          next_[j] = cur_[cands_[j].item];
        } else {
          next_.push_back(cur_[cands_[j].item]);
        }
        if (cands_[j].t >= 0) next_[j].Apply(cands_[j].t);
        next_score_.push_back(cands_[j].score);
      }
      next_.resize(keep, ParseState(0));
      std::swap(cur_, next_);
      std::swap(cur_score_, next_score_);
    }
  }

 private:
  struct Node {
    int parent;  // item of the previous step
    int t;       // transition from the parent (-1: carried over)
    bool correct;
    int nf;       // features of this item's state (0: terminal)
    size_t feats;  // offset in pool_
  };

  // +1 for the transitions of the gold sequence (item g of `step`, then
  // transition gt), -1 for the predicted one (item p, then pt); their common
  // prefix cancels and is skipped.
  void Update(size_t step, int g, int gt, int p, int pt, PerceptronTrainer* trainer) {
    for (size_t s = step + 1; s-- > 0;) {
      if (g == p && gt == pt) break;
      const Node& gn = steps_[s][g];
      const Node& pn = steps_[s][p];
      if (gt >= 0) {
        for (int f = 0; f < gn.nf; ++f) trainer->Adjust(pool_[gn.feats + f], gt, 1.0f);
      }
      if (pt >= 0) {
        for (int f = 0; f < pn.nf; ++f) trainer->Adjust(pool_[pn.feats + f], pt, -1.0f);
      }
      if (g == p) break;
      gt = gn.t;
      pt = pn.t;
      g = gn.parent;
      p = pn.parent;
      if (g < 0 || p < 0) break;
    }
  }

  int k_;
  uint32_t nc_;
  int root_label_;
  bool clustered_;
  std::vector<float> scores_;
  std::vector<uint64_t> pool_;
  std::vector<std::vector<Node>> steps_;
  std::vector<ParseState> cur_, next_;
  std::vector<double> cur_score_, next_score_;
  std::vector<nlp_internal::BeamCandidate> cands_;
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

  // Word clusters for the jackknife taggers, and for the parser if asked.
  nlp_internal::WordClusters clusters;
  DYAD_RETURN_IF_ERROR(
      LearnWordClusters(gold, options.cluster_text, "", options.seed, &clusters, options.log));
  if (options.parser_clusters) model.clusters = clusters;
  const bool clustered = !model.clusters.empty();

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
      ts.clusters = &clusters;
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
          nlp_internal::DescribeParserWord(nlp_internal::WordText(gold, g), t.upos, t.xpos,
                                           &model.clusters));
      ex.head.push_back(g.head);
      ex.label.push_back(label_id(g.deprel));
    }
    Projectivize(&ex.head);
  }

  model.beam = std::clamp(options.beam, 1, nlp_internal::kMaxBeam);
  const float min_weight = model.beam > 1 ? kMinWeightBeam : kMinWeight;
  const uint32_t nc = static_cast<uint32_t>(2 + 2 * model.deprels.size());
  std::vector<float> scores(nc);
  std::vector<int> costs(nc);
  uint64_t feats[nlp_internal::kMaxParserFeatures];
  const int epochs = options.epochs > 0 ? options.epochs : 10;
  const int root_pair = nlp_internal::LeftOf(model.root_label) >> 1;
  const int members = std::max(1, options.ensemble);
  WeightMixer mixer;
  for (int member = 0; member < members; ++member) {
    PerceptronTrainer trainer(nc);
    std::optional<BeamLearner> beam;
    if (model.beam > 1) beam.emplace(model.beam, nc, model.root_label, clustered);
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
        if (beam) {
          ++decisions;
          if (beam->Learn(ex, &trainer)) ++errors;
          trainer.Tick();
          continue;
        }
        ParseState s(n);
        Oracle oracle(ex.head, ex.label);
        while (!s.Terminal()) {
          oracle.Sync(s);
          const int nf = nlp_internal::ExtractParserFeatures(ex.words, s, feats, clustered);
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
                      "parser %d/%d epoch %d: %.2f%% %s, %zu features, %.0f words/s",
                      member + 1, members, epoch, 100.0 * errors / std::max<size_t>(decisions, 1),
                      beam ? "sentences updated" : "wrong transitions",
                      trainer.num_features(), words / secs);
        *options.log << buf;
        if (dev) {
          model.weights = trainer.Average(min_weight);
          Document sys = dev->doc;
          Status st = ParseWithModel(model, &sys);
          *options.log << "; dev (gold tags) "
                       << (st.ok() ? ScoreLine(dev->doc, sys, {"UAS", "LAS"}) : st.ToString());
        }
        *options.log << std::endl;
      }
    }
    mixer.Add(trainer.Average());
  }
  // Parameter mixing: the mean of the members' weights.
  model.weights = mixer.Mean(nc, min_weight);
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
