#include "dyad/train.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <set>
#include <vector>

#include "dyad/conllu.h"
#include "dyad/eval.h"
#include "dyad/text.h"
#include "text/char_class_internal.h"
#include "text/segmenter_internal.h"
#include "text/sentence_splitter_internal.h"
#include "text/tokenizer_internal.h"

namespace dyad {
namespace {

using text_internal::BoundaryModel;
using text_internal::RawToken;

// For each byte offset of `text`, the number of non-whitespace bytes before
// it: the coordinate in which the treebank's text and the raw text agree.
std::vector<uint32_t> NonSpacePrefix(std::string_view text) {
  std::vector<uint32_t> prefix(text.size() + 1, 0);
  uint32_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t len;
    char32_t cp = text_internal::PeekAt(text, i, &len);
    bool space = text_internal::Classify(cp) == text_internal::CharClass::kSpace;
    for (size_t k = 0; k < len; ++k) {
      prefix[i + k] = count;
      if (!space) ++count;
    }
    i += len;
  }
  prefix[text.size()] = count;
  return prefix;
}

struct TrainingParagraph {
  std::vector<RawToken> tokens;
  std::vector<int8_t> gold;  // 1: a sentence ends after the token, 0: not, -1: unknown
};

// The raw text's paragraphs, tokenized, with the gold sentence ends of
// `corpus` projected onto their token boundaries.
std::vector<TrainingParagraph> MakeExamples(const ConlluCorpus& corpus, const std::string& raw,
                                            const text_internal::Tokenizer& tokenizer) {
  std::vector<uint32_t> gold_prefix = NonSpacePrefix(corpus.doc.article.text);
  std::set<uint32_t> gold_ends;
  for (const Sentence& s : corpus.doc.sentences) gold_ends.insert(gold_prefix[s.span.end]);
  std::vector<uint32_t> raw_prefix = NonSpacePrefix(raw);
  std::vector<TrainingParagraph> out;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t brk = raw.find("\n\n", pos);
    size_t end = brk == std::string::npos ? raw.size() : brk;
    TrainingParagraph p;
    tokenizer.Tokenize(raw, static_cast<uint32_t>(pos), static_cast<uint32_t>(end), &p.tokens);
    if (!p.tokens.empty()) {
      for (const RawToken& t : p.tokens) {
        p.gold.push_back(gold_ends.count(raw_prefix[t.end]) ? 1 : 0);
      }
      out.push_back(std::move(p));
    }
    pos = end + 2;
  }
  return out;
}

// Sentences F1 of `model` on the dev treebank, or -1 when it cannot be scored.
double DevSentenceF1(const ConlluCorpus& dev, const std::string& data_dir, BoundaryModel model) {
  auto segmenter = text_internal::CreateSegmenterWithModel(data_dir, std::move(model));
  if (!segmenter.ok()) return -1;
  Document sys;
  sys.article.text = ConlluRawText(dev);
  (*segmenter)->Segment(&sys, SegmentOptions{.raw = true});
  auto scores = EvaluateUd(dev.doc, sys);
  if (!scores.ok()) return -1;
  for (const Score& s : *scores) {
    if (s.metric == "Sentences") return 100 * s.f1();
  }
  return -1;
}

}  // namespace

Status TrainSegmenter(const TrainOptions& options, const std::string& data_dir) {
  if (options.train_path.empty() || options.output_path.empty()) {
    return Status::InvalidArgument("segmenter training needs a training file and an output path");
  }
  auto train = ReadConlluFile(options.train_path);
  if (!train.ok()) return train.status();
  std::optional<ConlluCorpus> dev;
  if (!options.dev_path.empty()) {
    auto d = ReadConlluFile(options.dev_path);
    if (!d.ok()) return d.status();
    dev = std::move(*d);
  }
  auto lexicon = text_internal::Lexicon::Load(data_dir + "/text");
  if (!lexicon.ok()) return lexicon.status();
  const text_internal::Tokenizer tokenizer(&*lexicon);
  const std::string raw = ConlluRawText(*train);
  std::vector<TrainingParagraph> paragraphs = MakeExamples(*train, raw, tokenizer);
  if (options.max_sentences > 0 && options.max_sentences < train->doc.sentences.size()) {
    // Keep the paragraphs that start before the end of sentence N.
    const uint32_t limit = NonSpacePrefix(
        train->doc.article.text)[train->doc.sentences[options.max_sentences - 1].span.end];
    const std::vector<uint32_t> raw_prefix = NonSpacePrefix(raw);
    std::erase_if(paragraphs, [&](const TrainingParagraph& p) {
      return raw_prefix[p.tokens.front().start] >= limit;
    });
  }

  const int epochs = options.epochs > 0 ? options.epochs : 6;
  const int bits = BoundaryModel::kDefaultBits;
  const size_t size = size_t{1} << bits;
  const uint64_t mask = size - 1;
  // Averaged perceptron: w are the current weights, u the time-weighted sum
  // of updates, so that the average is w - u / t.
  std::vector<float> w(size, 0.0f);
  std::vector<double> u(size, 0.0);
  double t = 1;
  std::vector<size_t> order(paragraphs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937 rng(options.seed);
  text_internal::BoundaryScratch scratch;
  std::vector<bool> ends;

  auto averaged = [&]() {
    BoundaryModel model(bits);
    std::vector<float>& avg = model.mutable_weights();
    for (size_t k = 0; k < size; ++k) {
      float v = static_cast<float>(w[k] - u[k] / t);
      // Weights this small never change a decision; dropping them keeps the
      // model file small.
      avg[k] = std::abs(v) < 1e-3f ? 0.0f : v;
    }
    return model;
  };

  for (int epoch = 1; epoch <= epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t errors = 0, examples = 0;
    for (size_t idx : order) {
      const TrainingParagraph& p = paragraphs[idx];
      text_internal::WalkBoundaries(raw, p.tokens, true, &scratch, &ends,
                                    [&](size_t i, const std::vector<uint64_t>& f) {
                                      float score = 0;
                                      for (uint64_t h : f) score += w[h & mask];
                                      bool pred = score > 0;
                                      if (p.gold[i] >= 0) {
                                        ++examples;
                                        bool gold = p.gold[i] == 1;
                                        if (pred != gold) {
                                          ++errors;
                                          float y = gold ? 1.0f : -1.0f;
                                          for (uint64_t h : f) {
                                            w[h & mask] += y;
                                            u[h & mask] += t * y;
                                          }
                                        }
                                        t += 1;
                                      }
                                      return pred;
                                    });
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.log != nullptr) {
      *options.log << "segmenter epoch " << epoch << ": " << errors << " errors in " << examples
                   << " boundaries";
      if (dev) *options.log << ", dev Sentences F1 " << DevSentenceF1(*dev, data_dir, averaged());
      *options.log << " (" << secs << " s)\n";
    }
  }
  return averaged().Save(options.output_path);
}

}  // namespace dyad
