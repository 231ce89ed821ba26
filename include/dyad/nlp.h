// dyad/nlp.h: the run-time NLP models: part-of-speech tagger (UPOS, XPOS,
// FEATS), lemmatizer and dependency parser (UD), all trained by dyad itself
// (src/train, dyad/train.h) and stored in the model container of
// dyad/model_file.h (payload layouts in docs/formats/model-payloads.md).
//
// Every model is immutable after Load and its Annotate methods are const and
// keep their scratch on the stack of the call: one loaded model may be shared
// by any number of threads without locking.
//
// All of them work on the words (Document::words) of the document's
// sentences: a sentence's words are [first_word, first_word + num_words).
// They read Word::form only (and the fields filled by the earlier models:
// the lemmatizer reads xpos/upos, the parser reads upos/xpos/lemma/feats).
#ifndef DYAD_NLP_H_
#define DYAD_NLP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

namespace nlp_internal {
struct TaggerModel;
struct LemmatizerModel;
struct ParserModel;
}  // namespace nlp_internal

// Averaged-perceptron tagger: fills Word::upos, Word::xpos and Word::feats.
class Tagger {
 public:
  // Reads a model file written by TrainTagger. NotFound/IOError when it cannot
  // be read, Corruption when it is truncated, damaged or not a tagger model.
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  // Same, from the bytes of a model file; `name` is used in messages.
  static Result<std::unique_ptr<Tagger>> FromBytes(std::string bytes, const std::string& name);
  ~Tagger();

  // Tags every word of every sentence of `doc`. Thread-safe.
  void Annotate(Document* doc) const;
  // Tags the words [first, first + count) of doc->words as one sentence.
  void AnnotateSentence(Document* doc, uint32_t first, uint32_t count) const;

 private:
  explicit Tagger(std::unique_ptr<nlp_internal::TaggerModel> m);
  std::unique_ptr<nlp_internal::TaggerModel> m_;
};

// Lemmatizer: a (form, XPOS) -> lemma table learned from the treebank, then
// suffix-rewrite rules per XPOS for unseen words. Fills Word::lemma.
// REQUIRES: the words are tagged (Word::xpos; the tagger's output).
class Lemmatizer {
 public:
  static Result<std::unique_ptr<Lemmatizer>> Load(const std::string& path);
  static Result<std::unique_ptr<Lemmatizer>> FromBytes(std::string bytes, const std::string& name);
  ~Lemmatizer();

  // Lemmatizes every word of `doc`. Thread-safe.
  void Annotate(Document* doc) const;
  // The lemma of one word given its form and tags.
  std::string Lemmatize(std::string_view form, std::string_view xpos, std::string_view upos) const;

 private:
  explicit Lemmatizer(std::unique_ptr<nlp_internal::LemmatizerModel> m);
  std::unique_ptr<nlp_internal::LemmatizerModel> m_;
};

// Arc-eager transition parser with labelled transitions (averaged
// perceptron; greedy or beam search, as the model was trained): fills
// Word::head (index within the sentence, -1 = root) and Word::deprel. Every
// sentence gets exactly one root.
// REQUIRES: the words are tagged and lemmatized.
class Parser {
 public:
  static Result<std::unique_ptr<Parser>> Load(const std::string& path);
  static Result<std::unique_ptr<Parser>> FromBytes(std::string bytes, const std::string& name);
  ~Parser();

  // Parses every sentence of `doc`. Thread-safe.
  void Annotate(Document* doc) const;
  void AnnotateSentence(Document* doc, uint32_t first, uint32_t count) const;

 private:
  explicit Parser(std::unique_ptr<nlp_internal::ParserModel> m);
  std::unique_ptr<nlp_internal::ParserModel> m_;
};

// The three models together, in the order they must run.
struct NlpModels {
  std::unique_ptr<Tagger> tagger;
  std::unique_ptr<Lemmatizer> lemmatizer;
  std::unique_ptr<Parser> parser;

  // Tags, lemmatizes and parses every sentence of `doc`. Thread-safe.
  void Annotate(Document* doc) const;
};

// File names of the shipped models inside a models directory.
inline constexpr const char* kTaggerFile = "en_ewt.tagger";
inline constexpr const char* kLemmatizerFile = "en_ewt.lemmatizer";
inline constexpr const char* kParserFile = "en_ewt.parser";

// Loads <models_dir>/en_ewt.{tagger,lemmatizer,parser}.
Result<std::unique_ptr<NlpModels>> LoadNlpModels(const std::string& models_dir);

}  // namespace dyad

#endif  // DYAD_NLP_H_
