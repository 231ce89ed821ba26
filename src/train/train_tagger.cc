// Tagger training: greedy left-to-right averaged perceptron over the joint
// (UPOS, XPOS) classes, with FEATS learned as a table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <unordered_map>

#include "dyad/eval.h"
#include "dyad/model_file.h"
#include "dyad/nlp.h"
#include "dyad/train.h"
#include "train/perceptron_trainer.h"
#include "train/train_internal.h"
#include "train/word_clusters.h"

namespace dyad {
namespace train_internal {

using nlp_internal::HashIndex;
using nlp_internal::TaggerModel;
using nlp_internal::TaggerWord;

namespace {

// A word is "sure" (tagged from the dictionary, not by the model) when it was
// seen this often with this share of one class.
constexpr int kSureMinCount = 20;
constexpr double kSureMinShare = 0.99;
// Words rarer than this get no dictionary entry, so that the model does not
// learn to trust the dictionary more than it deserves on unseen words.
constexpr int kDictMinCount = 3;
// Passes of the FEATS classifier over the training data.
constexpr int kFeatsEpochs = 3;
// The shipped tagger mixes 4 taggers trained on different shuffles and drops
// mixed weights under 0.25 (EWT dev: UPOS 95.17 -> 95.29, XPOS 94.56 ->
// 94.71; the model stays at 10 MB, 15 MB without the pruning). The
// jackknife taggers of the parser's training are single taggers.
constexpr int kTaggerEnsemble = 4;
constexpr float kTaggerMinMixedWeight = 0.25f;

template <typename K>
K MostFrequent(const std::map<K, int>& counts) {
  K best{};
  int n = -1;
  for (const auto& [k, c] : counts) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  return best;
}

}  // namespace

Result<ConlluCorpus> ReadTreebank(const std::string& path, size_t max_sentences) {
  auto c = ReadConlluFile(path);
  if (!c.ok()) return c.status();
  ConlluCorpus corpus = std::move(c.value());
  if (max_sentences > 0 && corpus.doc.sentences.size() > max_sentences) {
    Document& d = corpus.doc;
    const Sentence& last = d.sentences[max_sentences - 1];
    const uint32_t nt = last.first_token + last.num_tokens, nw = last.first_word + last.num_words;
    d.sentences.resize(max_sentences);
    d.tokens.resize(nt);
    d.words.resize(nw);
    d.article.text.resize(last.span.end);
    d.paragraphs.erase(
        std::remove_if(d.paragraphs.begin(), d.paragraphs.end(),
                       [&](const Paragraph& p) { return p.first_sentence >= max_sentences; }),
        d.paragraphs.end());
    for (Paragraph& p : d.paragraphs) {
      p.num_sentences = std::min<uint32_t>(p.num_sentences,
                                           static_cast<uint32_t>(max_sentences) - p.first_sentence);
    }
    corpus.comments.resize(max_sentences);
    corpus.newdoc.resize(max_sentences);
    corpus.newpar.resize(max_sentences);
  }
  return corpus;
}

std::string ScoreLine(const Document& gold, const Document& sys,
                      const std::vector<std::string>& metrics) {
  auto scores = EvaluateUd(gold, sys);
  if (!scores.ok()) return "(evaluation failed: " + scores.status().ToString() + ")";
  std::string out;
  for (const std::string& m : metrics) {
    for (const Score& s : scores.value()) {
      if (s.metric != m) continue;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s%s %.2f", out.empty() ? "" : " ", m.c_str(),
                    100.0 * s.f1());
      out += buf;
    }
  }
  return out;
}

Status TagWithModel(const TaggerModel& model, Document* doc) {
  // The public Tagger owns its model; build one around a copy for evaluation.
  ModelWriter w(ModelComponent::kTagger, nlp_internal::kTaggerVersion);
  model.Write(&w);
  auto tagger = Tagger::FromBytes(w.Serialize(), "(training)");
  if (!tagger.ok()) return tagger.status();
  tagger.value()->Annotate(doc);
  return Status::OK();
}

TaggerModel TrainTaggerModel(const Document& doc, const std::vector<uint32_t>& sentences,
                             const TaggerTrainSettings& settings) {
  TaggerModel model;
  if (settings.clusters != nullptr) model.clusters = *settings.clusters;
  // Classes, in sorted order so that ids do not depend on corpus order.
  std::map<std::pair<std::string, std::string>, int> class_ids;
  for (uint32_t s : sentences) {
    const Sentence& sent = doc.sentences[s];
    for (uint32_t i = 0; i < sent.num_words; ++i) {
      const Word& w = doc.words[sent.first_word + i];
      class_ids.emplace(std::make_pair(w.upos, w.xpos), 0);
    }
  }
  for (auto& [k, id] : class_ids) {
    id = static_cast<int>(model.upos.size());
    model.upos.push_back(k.first);
    model.xpos.push_back(k.second);
  }
  const uint32_t nc = static_cast<uint32_t>(model.upos.size());
  model.SetVerbClasses();
  auto class_of = [&](const Word& w) { return class_ids.at(std::make_pair(w.upos, w.xpos)); };

  // Dictionary and FEATS counts.
  std::unordered_map<uint64_t, std::map<int, int>> word_classes, form_classes;
  std::map<std::pair<uint64_t, int>, std::map<std::string, int>> word_feats;
  std::vector<std::map<std::string, int>> class_feats(nc);
  for (uint32_t s : sentences) {
    const Sentence& sent = doc.sentences[s];
    for (uint32_t i = 0; i < sent.num_words; ++i) {
      const Word& w = doc.words[sent.first_word + i];
      const uint64_t lower =
          nlp_internal::HashBytes(nlp_internal::AsciiLower(nlp_internal::WordText(doc, w)));
      const int c = class_of(w);
      ++word_classes[lower][c];
      ++form_classes[nlp_internal::HashBytes(nlp_internal::WordText(doc, w))][c];
      ++word_feats[{lower, c}][w.feats];
      ++class_feats[c][w.feats];
    }
  }
  {
    std::vector<uint64_t> keys;
    std::vector<uint32_t> values;
    for (const auto& [lower, counts] : word_classes) {
      int total = 0, best = -1, best_n = 0;
      for (const auto& [c, n] : counts) {
        total += n;
        if (n > best_n) {
          best = c;
          best_n = n;
        }
      }
      if (total < kDictMinCount) continue;
      const bool sure = total >= kSureMinCount && best_n >= kSureMinShare * total;
      keys.push_back(lower);
      values.push_back(2 * static_cast<uint32_t>(best) + (sure ? 1 : 0));
    }
    model.tag_dict.Build(keys, values);
    keys.clear();
    values.clear();
    for (const auto& [form, counts] : form_classes) {
      int total = 0;
      for (const auto& [c, n] : counts) total += n;
      if (total < kDictMinCount) continue;
      keys.push_back(form);
      values.push_back(static_cast<uint32_t>(MostFrequent(counts)));
    }
    model.form_dict.Build(keys, values);
  }
  std::map<std::string, uint32_t> feats_ids;
  {
    auto id_of = [&](const std::string& f) {
      auto [it, inserted] = feats_ids.emplace(f, static_cast<uint32_t>(model.feats.size()));
      if (inserted) model.feats.push_back(f);
      return it->second;
    };
    model.class_cand_start.push_back(0);
    for (uint32_t c = 0; c < nc; ++c) {
      // The most frequent first, then the others in string order.
      const std::string best = MostFrequent(class_feats[c]);
      model.class_cands.push_back(id_of(best));
      for (const auto& [f, n] : class_feats[c]) {
        if (f != best) model.class_cands.push_back(id_of(f));
      }
      model.class_cand_start.push_back(static_cast<uint32_t>(model.class_cands.size()));
    }
    std::vector<uint64_t> keys;
    std::vector<uint32_t> values;
    for (const auto& [key, counts] : word_feats) {
      const std::string best = MostFrequent(counts);
      const bool ambiguous = counts.size() > 1;
      const uint32_t a = model.class_cand_start[key.second],
                     b = model.class_cand_start[key.second + 1];
      // Unambiguous words whose FEATS are the class's only candidate need no entry.
      if (!ambiguous && b - a == 1) continue;
      keys.push_back(nlp_internal::Feat(0, key.first, static_cast<uint64_t>(key.second)));
      values.push_back(2 * id_of(best) + (ambiguous ? 1 : 0));
    }
    model.word_feats.Build(keys, values);
  }

  model.feats_weights.Build(static_cast<uint32_t>(model.feats.size()), {});  // trained below

  // The hashed words and gold classes of the training sentences.
  std::vector<std::vector<TaggerWord>> words(sentences.size());
  std::vector<std::vector<int>> gold(sentences.size());
  for (size_t k = 0; k < sentences.size(); ++k) {
    const Sentence& sent = doc.sentences[sentences[k]];
    std::vector<std::string_view> forms;
    for (uint32_t i = 0; i < sent.num_words; ++i) {
      const Word& w = doc.words[sent.first_word + i];
      forms.push_back(nlp_internal::WordText(doc, w));
      gold[k].push_back(class_of(w));
    }
    model.DescribeSentence(forms, &words[k]);
  }

  std::mt19937 rng(settings.seed);
  std::vector<size_t> order(sentences.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::vector<float> scores((nc + 3) & ~3u);  // room for SparseWeights::score_size()
  uint64_t feats[nlp_internal::kMaxTaggerFeatures];
  // Parameter mixing: `members` taggers trained on different shuffles (the
  // first with `rng`, the others with seed + 7919 m), their averaged weights
  // averaged.
  const int members = std::max(1, settings.ensemble);
  WeightMixer mixer;
  for (int member = 0; member < members; ++member) {
    std::mt19937 member_rng(settings.seed + 7919u * static_cast<uint32_t>(member));
    std::mt19937& mrng = member == 0 ? rng : member_rng;
    std::vector<size_t> morder = order;
    PerceptronTrainer trainer(nc);
    for (int epoch = 1; epoch <= settings.epochs; ++epoch) {
      const auto start = std::chrono::steady_clock::now();
      Shuffle(&morder, &mrng);
      size_t tokens = 0, correct = 0;
      for (size_t k : morder) {
        int p1 = -1, p2 = -1;
        for (size_t i = 0; i < words[k].size(); ++i) {
          int pred = words[k][i].sure_class;
          if (pred < 0) {
            const int n =
                nlp_internal::ExtractTaggerFeatures(words[k], static_cast<int>(i), p1, p2, feats);
            std::fill(scores.begin(), scores.end(), 0.0f);
            trainer.Score(feats, n, scores.data());
            pred = static_cast<int>(std::max_element(scores.begin(), scores.begin() + nc) -
                                    scores.begin());
            trainer.Update(feats, n, gold[k][i], pred);
            trainer.Tick();
          }
          correct += pred == gold[k][i];
          ++tokens;
          p2 = p1;
          p1 = pred;
        }
      }
      if (settings.log != nullptr) {
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "tagger %d/%d epoch %d: train acc %.2f, %zu features, %.0f tokens/s",
                      member + 1, members, epoch, 100.0 * correct / std::max<size_t>(tokens, 1),
                      trainer.num_features(), tokens / secs);
        *settings.log << buf;
        if (settings.dev != nullptr) {
          model.weights = trainer.Average();
          Document sys = *settings.dev;
          Status st = TagWithModel(model, &sys);
          *settings.log << "; dev (FEATS classifier not trained yet) "
                        << (st.ok() ? ScoreLine(*settings.dev, sys, {"UPOS", "XPOS", "UFeats"})
                                    : st.ToString());
        }
        *settings.log << std::endl;
      }
    }
    if (members == 1) {
      model.weights = trainer.Average();
      break;
    }
    mixer.Add(trainer.Average());
  }
  if (members > 1) model.weights = mixer.Mean(nc, settings.min_mixed_weight);

  // The FEATS classifier, on gold classes.
  PerceptronTrainer feats_trainer(static_cast<uint32_t>(model.feats.size()));
  std::vector<std::vector<int>> gold_feats(sentences.size());
  for (size_t k = 0; k < sentences.size(); ++k) {
    const Sentence& sent = doc.sentences[sentences[k]];
    for (uint32_t i = 0; i < sent.num_words; ++i) {
      gold_feats[k].push_back(static_cast<int>(feats_ids.at(doc.words[sent.first_word + i].feats)));
    }
  }
  std::vector<float> fscores(model.feats.size());
  uint64_t ff[nlp_internal::kMaxFeatsFeatures];
  for (int epoch = 1; epoch <= kFeatsEpochs; ++epoch) {
    Shuffle(&order, &rng);
    for (size_t k : order) {
      for (size_t i = 0; i < words[k].size(); ++i) {
        const int c = gold[k][i];
        // Every word of a class with several FEATS, not only those the table
        // leaves open: the classifier also answers for unknown words and must
        // learn how often each FEATS occurs.
        const uint32_t a = model.class_cand_start[c], b = model.class_cand_start[c + 1];
        if (b - a == 1) continue;
        const int n =
            nlp_internal::ExtractFeatsFeatures(model, words[k], gold[k], static_cast<int>(i), ff);
        std::fill(fscores.begin(), fscores.end(), 0.0f);
        feats_trainer.Score(ff, n, fscores.data());
        int pred = static_cast<int>(model.class_cands[a]);
        for (uint32_t j = a + 1; j < b; ++j) {
          if (fscores[model.class_cands[j]] > fscores[pred])
            pred = static_cast<int>(model.class_cands[j]);
        }
        feats_trainer.Update(ff, n, gold_feats[k][i], pred);
        feats_trainer.Tick();
      }
    }
  }
  model.feats_weights = feats_trainer.Average();
  if (settings.log != nullptr && settings.dev != nullptr) {
    Document sys = *settings.dev;
    Status st = TagWithModel(model, &sys);
    *settings.log << "tagger with FEATS classifier: dev "
                  << (st.ok() ? ScoreLine(*settings.dev, sys, {"UPOS", "XPOS", "UFeats"})
                              : st.ToString())
                  << std::endl;
  }
  return model;
}

}  // namespace train_internal

Status TrainTagger(const TrainOptions& options) {
  auto train = train_internal::ReadTreebank(options.train_path, options.max_sentences);
  if (!train.ok()) return train.status();
  std::optional<ConlluCorpus> dev;
  if (!options.dev_path.empty()) {
    auto d = ReadConlluFile(options.dev_path);
    if (!d.ok()) return d.status();
    dev = std::move(d.value());
  }
  nlp_internal::WordClusters clusters;
  DYAD_RETURN_IF_ERROR(train_internal::LearnWordClusters(train->doc, options.cluster_text, "",
                                                         options.seed, &clusters, options.log));
  train_internal::TaggerTrainSettings settings;
  settings.clusters = &clusters;
  settings.epochs = options.epochs > 0 ? options.epochs : 8;
  settings.ensemble = train_internal::kTaggerEnsemble;
  settings.min_mixed_weight = train_internal::kTaggerMinMixedWeight;
  settings.seed = options.seed;
  settings.log = options.log;
  settings.dev = dev ? &dev->doc : nullptr;
  std::vector<uint32_t> all(train->doc.sentences.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  const auto start = std::chrono::steady_clock::now();
  nlp_internal::TaggerModel model = train_internal::TrainTaggerModel(train->doc, all, settings);
  ModelWriter w(ModelComponent::kTagger, nlp_internal::kTaggerVersion);
  model.Write(&w);
  DYAD_RETURN_IF_ERROR(w.WriteTo(options.output_path));
  if (options.log != nullptr) {
    *options.log << "tagger written to " << options.output_path << " ("
                 << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                 << " s)" << std::endl;
  }
  return Status::OK();
}

}  // namespace dyad
