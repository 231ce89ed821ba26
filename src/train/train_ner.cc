// NER training: averaged structured perceptron over BIO tags (Collins 2002),
// Viterbi decoding under the BIO constraints, the transition scores learned
// as features of the same weight table.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>

#include "dyad/eval.h"
#include "dyad/model_file.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/train.h"
#include "train/perceptron_trainer.h"
#include "train/train_ner_internal.h"

namespace dyad {
namespace train_internal {
namespace {

using ner_internal::kMaxNerFeatures;
using ner_internal::kNumTags;
using ner_internal::kScoreSize;
using ner_internal::NerModelData;
using ner_internal::NerWord;

// Cluster granularities and the minimum count of a clustered word.
const std::vector<uint32_t> kClusterSizes = {64, 256, 1024};
constexpr int kClusterMinCount = 3;
constexpr int kCapMinCount = 2;
// Margin of the loss-augmented training decode (dev, train + half of dev,
// scored on the other half: 71.4 -> 72.1 F1 with one model).
constexpr float kLossCost = 0.5f;

// The gold tag of every word of `doc` from its mentions.
std::vector<int> GoldTags(const Document& doc) {
  std::vector<int> tags(doc.words.size(), 0);
  for (const Mention& m : doc.mentions) {
    int type = -1;
    for (int t = 0; t < ner_internal::kNumTypes; ++t) {
      if (m.type == kNerTypes[t]) type = t;
    }
    if (type < 0) continue;
    for (uint32_t k = 0; k < m.num_words; ++k) tags[m.first_word + k] = 1 + 2 * type + (k > 0);
  }
  return tags;
}

// The training examples: per sentence, the features of every word and the gold tags.
struct Example {
  std::vector<uint32_t> feat_start;  // n + 1 offsets into feats
  std::vector<uint64_t> feats;
  std::vector<int> gold;
  // Partly labelled sentences: per word, the bit mask of the tags it may
  // take; the gold path is the best path within them. Empty: `gold` is all.
  std::vector<uint8_t> allowed;
};

// The example of one sentence; with `second`, the features of the second
// stage (the first's and the document-level ones, SetFirstStage done).
Example MakeExample(const std::vector<NerWord>& words, const std::vector<int>& gold,
                    const std::vector<uint8_t>& allowed, bool second) {
  Example ex;
  ex.allowed = allowed;
  uint64_t f[kMaxNerFeatures];
  ex.feat_start.push_back(0);
  for (size_t i = 0; i < words.size(); ++i) {
    int n = ner_internal::ExtractNerFeatures(words, static_cast<int>(i), f);
    ex.feats.insert(ex.feats.end(), f, f + n);
    if (second) {
      n = ner_internal::ExtractDocFeatures(words, static_cast<int>(i), f);
      ex.feats.insert(ex.feats.end(), f, f + n);
    }
    ex.feat_start.push_back(static_cast<uint32_t>(ex.feats.size()));
  }
  ex.gold = gold;
  return ex;
}

// One training document: its sentences described, and their gold tags.
struct TrainDoc {
  std::vector<std::vector<NerWord>> words;
  std::vector<std::vector<int>> gold;
  std::vector<std::vector<uint8_t>> allowed;  // per sentence, see Example::allowed
};

// The tags the words of a sentence of the partly labelled file may take:
// their own, and outside a name also ORG for a capitalised word that the
// gazetteer lists as an organisation (bits `org_gaz`). That file's annotator
// left out most organisations (39 % ORG recall against the other annotator)
// and was inconsistent about them (Google: twice ORG, twice OTH, twice O).
std::vector<uint8_t> PartialTags(const std::vector<NerWord>& words, const std::vector<int>& gold,
                                 uint32_t org_gaz) {
  constexpr uint8_t kOrg = (1u << 3) | (1u << 4);  // B-ORG, I-ORG
  std::vector<uint8_t> allowed(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    allowed[i] = static_cast<uint8_t>(1u << gold[i]);
    if (gold[i] == 0 && (words[i].flags & 3) && (words[i].gaz & org_gaz)) allowed[i] |= kOrg;
  }
  return allowed;
}

ner_internal::Transitions CurrentTransitions(const PerceptronTrainer& trainer) {
  ner_internal::Transitions t;
  for (int p = -1; p < kNumTags; ++p) {
    const uint64_t f = ner_internal::TransitionFeature(p);
    trainer.Score(&f, 1, t.from[p + 1]);
  }
  const uint64_t e = ner_internal::EndFeature();
  trainer.Score(&e, 1, t.end);
  return t;
}

// The end of document d of `c`.
uint32_t DocumentEnd(const IobCorpus& c, size_t d) {
  return d + 1 < c.documents.size() ? c.documents[d + 1]
                                    : static_cast<uint32_t>(c.doc.sentences.size());
}

// Tags a copy of the gold corpus with `model` and scores it against the gold.
Score DevScore(const NerModelData& model, const IobCorpus& gold, std::vector<Score>* all) {
  Document sys = gold.doc;
  sys.mentions.clear();
  for (size_t d = 0; d < gold.documents.size(); ++d) {
    ner_internal::TagScope(model, sys, gold.documents[d], DocumentEnd(gold, d), &sys.mentions);
  }
  auto scores = EvaluateNer(gold.doc, sys);
  if (!scores.ok()) return Score{};
  if (all != nullptr) *all = *scores;
  return (*scores)[0];
}

std::vector<std::string> SentenceWords(const Document& doc, const Sentence& s) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < s.num_words; ++i) {
    out.emplace_back(ner_internal::NerWordText(doc, doc.words[s.first_word + i]));
  }
  return out;
}

// Scores weights on the dev file (empty without one).
using DevFn = std::function<std::vector<Score>(const nlp_internal::SparseWeights&)>;

// Trains `members` perceptrons on different shuffles of `examples` and
// returns their averaged weights (parameter mixing). With `dev`, each member
// keeps the weights of its epoch with the best dev F1.
nlp_internal::SparseWeights TrainStage(const std::vector<Example>& examples, int epochs,
                                       int members, uint32_t seed, const DevFn& dev,
                                       std::ostream* log, const std::string& what) {
  std::map<uint64_t, std::array<float, kNumTags>> mixed;
  nlp_internal::SparseWeights weights;
  for (int member = 0; member < members; ++member) {
    std::mt19937 rng(seed + 7919u * static_cast<uint32_t>(member));
    std::vector<size_t> order(examples.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    PerceptronTrainer trainer(kNumTags);
    std::vector<float> emit;
    std::vector<int> pred, latent;
    std::optional<nlp_internal::SparseWeights> best;
    double best_f1 = -1;
    int best_epoch = 0;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      const auto epoch_start = std::chrono::steady_clock::now();
      Shuffle(&order, &rng);
      size_t tokens = 0, wrong_sentences = 0;
      for (size_t k : order) {
        const Example& ex = examples[k];
        const int n = static_cast<int>(ex.gold.size());
        if (n == 0) continue;
        emit.assign(static_cast<size_t>(n) * kScoreSize, 0.0f);
        for (int i = 0; i < n; ++i) {
          trainer.Score(&ex.feats[ex.feat_start[i]],
                        static_cast<int>(ex.feat_start[i + 1] - ex.feat_start[i]),
                        &emit[static_cast<size_t>(i) * kScoreSize]);
        }
        const ner_internal::Transitions trans = CurrentTransitions(trainer);
        const std::vector<int>* gold = &ex.gold;
        if (!ex.allowed.empty()) {
          // The gold path of a partly labelled sentence: the best one the
          // current weights find among the allowed tags.
          std::vector<float> masked = emit;
          for (int i = 0; i < n; ++i) {
            for (int c = 0; c < kNumTags; ++c) {
              if (!(ex.allowed[i] & (1u << c))) masked[static_cast<size_t>(i) * kScoreSize + c] = -1e9f;
            }
          }
          ner_internal::Viterbi(masked.data(), n, trans, &latent);
          gold = &latent;
        }
        // Loss-augmented decoding: every wrong tag gains kLossCost, so that
        // the gold path must win by a margin.
        for (int i = 0; i < n; ++i) {
          for (int c = 0; c < kNumTags; ++c) {
            if (c != (*gold)[i]) emit[static_cast<size_t>(i) * kScoreSize + c] += kLossCost;
          }
        }
        ner_internal::Viterbi(emit.data(), n, trans, &pred);
        tokens += n;
        if (pred != *gold) {
          ++wrong_sentences;
          for (int i = 0; i < n; ++i) {
            const int g = (*gold)[i], p = pred[i];
            if (g != p) {
              trainer.Update(&ex.feats[ex.feat_start[i]],
                             static_cast<int>(ex.feat_start[i + 1] - ex.feat_start[i]), g, p);
            }
            const int gp = i > 0 ? (*gold)[i - 1] : -1, pp = i > 0 ? pred[i - 1] : -1;
            if (g != p || gp != pp) {
              trainer.Adjust(ner_internal::TransitionFeature(gp), g, 1.0f);
              trainer.Adjust(ner_internal::TransitionFeature(pp), p, -1.0f);
            }
          }
          if ((*gold)[n - 1] != pred[n - 1]) {
            trainer.Adjust(ner_internal::EndFeature(), (*gold)[n - 1], 1.0f);
            trainer.Adjust(ner_internal::EndFeature(), pred[n - 1], -1.0f);
          }
        }
        trainer.Tick();
      }
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
      const bool last = epoch == epochs;
      double f1 = 0;
      if (dev || last) weights = trainer.Average();
      if (dev) {
        f1 = dev(weights)[0].f1();
        if (f1 > best_f1) {
          best_f1 = f1;
          best_epoch = epoch;
          best = weights;
        }
      }
      if (log != nullptr) {
        char buf[240];
        std::snprintf(buf, sizeof buf,
                      "ner %s member %d epoch %d: %.1f%% train sentences wrong, %zu features, "
                      "%.0f tokens/s",
                      what.c_str(), member + 1, epoch, 100.0 * wrong_sentences / examples.size(),
                      trainer.num_features(), tokens / std::max(secs, 1e-9));
        *log << buf;
        if (dev) {
          std::snprintf(buf, sizeof buf, "; dev F1 %.2f", 100.0 * f1);
          *log << buf;
        }
        *log << std::endl;
      }
    }
    if (best) {
      weights = std::move(*best);
      if (log != nullptr) {
        *log << "ner " << what << " member " << member + 1 << ": kept epoch " << best_epoch
             << " (best dev F1)\n"
             << FormatNerScores(dev(weights));
      }
    }
    if (members == 1) return weights;
    for (const auto& row : weights.Rows()) {
      for (const auto& [c, w] : row.entries) mixed[row.key][c] += w / members;
    }
  }
  std::vector<nlp_internal::SparseWeights::Row> rows;
  for (const auto& [key, ws] : mixed) {
    nlp_internal::SparseWeights::Row row{key, {}};
    for (int c = 0; c < kNumTags; ++c) {
      if (ws[c] != 0.0f) row.entries.emplace_back(static_cast<uint16_t>(c), ws[c]);
    }
    if (!row.entries.empty()) rows.push_back(std::move(row));
  }
  weights.Build(kNumTags, rows);
  if (log != nullptr && dev) {
    *log << "ner " << what << ": mixture of " << members << " members\n"
         << FormatNerScores(dev(weights));
  }
  return weights;
}

}  // namespace
}  // namespace train_internal

Status TrainNer(const NerTrainOptions& options) {
  using namespace train_internal;  // NOLINT: file-local convenience
  const auto start = std::chrono::steady_clock::now();
  std::ostream* log = options.log;
  if (options.tagger_path.empty()) return Status::InvalidArgument("train ner: no tagger model");
  auto tagger = Tagger::Load(options.tagger_path);
  if (!tagger.ok()) return tagger.status();

  // Labelled data, tagged by dyad's tagger.
  std::vector<IobCorpus> train;
  {
    auto t = ReadIobFile(options.train_path);
    if (!t.ok()) return t.status();
    train.push_back(std::move(*t));
    if (options.max_sentences > 0 && train[0].doc.sentences.size() > options.max_sentences) {
      std::vector<uint32_t>& docs = train[0].documents;
      docs.erase(std::remove_if(docs.begin(), docs.end(),
                                [&](uint32_t s) { return s >= options.max_sentences; }),
                 docs.end());
      Document& d = train[0].doc;
      const Sentence& last = d.sentences[options.max_sentences - 1];
      const uint32_t nw = last.first_word + last.num_words;
      d.sentences.resize(options.max_sentences);
      d.words.resize(nw);
      d.tokens.resize(nw);
      d.mentions.erase(std::remove_if(d.mentions.begin(), d.mentions.end(),
                                      [&](const Mention& m) { return m.first_word >= nw; }),
                       d.mentions.end());
    }
  }
  IobReadOptions extra_options;  // MISC and anything else not PER/ORG/LOC -> O
  for (const std::string& p : options.extra_paths) {
    auto t = ReadIobFile(p, extra_options);
    if (!t.ok()) return t.status();
    train.push_back(std::move(*t));
  }
  std::optional<IobCorpus> dev;
  if (!options.dev_path.empty()) {
    auto d = ReadIobFile(options.dev_path);
    if (!d.ok()) return d.status();
    dev = std::move(*d);
  }
  for (IobCorpus& c : train) (*tagger)->Annotate(&c.doc);
  if (dev) (*tagger)->Annotate(&dev->doc);

  // Tables from unlabelled text: the training words plus the given files.
  NerModelData model;
  {
    WordSentences text;
    for (const IobCorpus& c : train) {
      for (const Sentence& s : c.doc.sentences) text.push_back(SentenceWords(c.doc, s));
    }
    DYAD_RETURN_IF_ERROR(ReadUnlabelledText(options.unlabelled, options.data_dir, &text));
    size_t words = 0;
    for (const auto& s : text) words += s.size();
    if (log != nullptr) {
      *log << "ner unlabelled text: " << text.size() << " sentences, " << words << " words"
           << std::endl;
    }
    BuildClusters(text, kClusterSizes, kClusterMinCount, options.seed, &model.lexicon, log);
    BuildCapTable(text, kCapMinCount, &model.lexicon);
  }
  if (!options.gazetteer_path.empty()) {
    DYAD_RETURN_IF_ERROR(ReadGazetteer(options.gazetteer_path, &model.lexicon));
  }

  // The gazetteer bits of organisation names (PartialTags).
  uint32_t org_gaz = 0;
  for (size_t t = 0; t < model.lexicon.gaz_types.size(); ++t) {
    if (model.lexicon.gaz_types[t] == "org") org_gaz |= 15u << (4 * t);
  }
  // Every training document described once.
  std::vector<TrainDoc> docs;
  size_t train_docs = 0;  // those of the train file
  for (size_t ci = 0; ci < train.size(); ++ci) {
    const IobCorpus& c = train[ci];
    const std::vector<int> gold = GoldTags(c.doc);
    for (size_t d = 0; d < c.documents.size(); ++d) {
      const uint32_t first = c.documents[d], end = DocumentEnd(c, d);
      TrainDoc doc;
      ner_internal::DescribeScope(model.lexicon, c.doc, first, end, &doc.words);
      for (uint32_t s = first; s < end; ++s) {
        const Sentence& sent = c.doc.sentences[s];
        doc.gold.emplace_back(gold.begin() + sent.first_word,
                              gold.begin() + sent.first_word + sent.num_words);
        doc.allowed.emplace_back();
      }
      docs.push_back(std::move(doc));
    }
    if (ci == 0) train_docs = docs.size();
  }
  if (options.partial_train) {
    for (size_t d = 0; d < train_docs; ++d) {
      for (size_t s = 0; s < docs[d].words.size(); ++s) {
        docs[d].allowed[s] = PartialTags(docs[d].words[s], docs[d].gold[s], org_gaz);
      }
    }
  }
  size_t words = 0;
  for (const TrainDoc& d : docs) {
    for (const auto& s : d.words) words += s.size();
  }
  if (words == 0) return Status::InvalidArgument(options.train_path + ": no sentences");
  auto first_stage_examples = [&](auto keep) {
    std::vector<Example> examples;
    for (size_t d = 0; d < docs.size(); ++d) {
      if (!keep(d)) continue;
      for (size_t s = 0; s < docs[d].words.size(); ++s) {
        if (!docs[d].words[s].empty()) {
          examples.push_back(MakeExample(docs[d].words[s], docs[d].gold[s], {}, false));
        }
      }
    }
    return examples;
  };

  const int epochs = options.epochs > 0 ? options.epochs : 12;
  const int members = std::max(1, options.ensemble);
  const bool two_stage = options.stages >= 2;
  // Dev scores of the model with the first stage's weights, or the second's.
  auto dev_of_stage = [&](bool second) -> DevFn {
    if (!dev) return nullptr;
    return [&model, &dev, second](const nlp_internal::SparseWeights& ws) {
      (second ? model.doc_weights : model.weights) = ws;
      model.two_stage = second;
      model.PrepareTransitions();
      std::vector<Score> scores;
      DevScore(model, *dev, &scores);
      return scores;
    };
  };
  const DevFn dev_first = dev_of_stage(false), dev_second = dev_of_stage(true);

  // The first stage's tags of every training document, each tagged by a
  // model trained without it (jackknifing), so that the second stage learns
  // from tags as good as it will see.
  std::vector<std::vector<std::vector<int>>> first_tags(docs.size());
  if (two_stage) {
    const size_t folds = std::max<size_t>(2, std::min<size_t>(options.folds, docs.size()));
    for (size_t f = 0; f < folds; ++f) {
      const std::vector<Example> examples =
          first_stage_examples([&](size_t d) { return d % folds != f; });
      NerModelData part;
      part.weights = TrainStage(examples, epochs, 1, options.seed + 104729u * (f + 1), nullptr,
                                log, "jackknife " + std::to_string(f + 1));
      part.PrepareTransitions();
      for (size_t d = f; d < docs.size(); d += folds) {
        first_tags[d].resize(docs[d].words.size());
        for (size_t s = 0; s < docs[d].words.size(); ++s) {
          part.Decode(docs[d].words[s], &first_tags[d][s]);
        }
      }
    }
  }
  {
    const std::vector<Example> examples = first_stage_examples([](size_t) { return true; });
    model.two_stage = false;
    model.weights = TrainStage(examples, epochs, members, options.seed, dev_first, log,
                               two_stage ? "first stage" : "model");
    model.PrepareTransitions();
  }
  if (two_stage) {
    std::vector<Example> examples;
    for (size_t d = 0; d < docs.size(); ++d) {
      ner_internal::SetFirstStage(first_tags[d], &docs[d].words);
      for (size_t s = 0; s < docs[d].words.size(); ++s) {
        if (!docs[d].words[s].empty()) {
          examples.push_back(MakeExample(docs[d].words[s], docs[d].gold[s], docs[d].allowed[s], true));
        }
      }
    }
    model.doc_weights = TrainStage(examples, epochs, members, options.seed + 1, dev_second, log,
                                   "second stage");
    model.two_stage = true;
    model.PrepareTransitions();
  }
  ModelWriter w(ModelComponent::kNer, ner_internal::kNerVersion);
  model.Write(&w);
  DYAD_RETURN_IF_ERROR(w.WriteTo(options.output_path));
  if (log != nullptr) {
    *log << "ner model written to " << options.output_path << " ("
         << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
         << " s)" << std::endl;
  }
  return Status::OK();
}

}  // namespace dyad
