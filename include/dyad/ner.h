// dyad/ner.h: named-entity recognition. Finds the names of persons (PER),
// organisations (ORG) and locations (LOC) among the words of the document's
// sentences and adds them to Document::mentions.
//
// The model is an averaged structured perceptron over BIO tags with Viterbi
// decoding (I-X only after B-X or I-X), in two stages (the second reads what
// the first found in the whole document), trained by dyad itself (TrainNer in
// dyad/train.h, `dyad train ner`) on Universal NER English EWT. Its features
// read the word forms, the UPOS/XPOS that dyad's tagger gave them, word
// clusters and capitalisation statistics learned from unlabelled text, and a
// small gazetteer; all of these are stored in the model file (component 5 of
// dyad/model_file.h, payload in docs/formats/model-payloads.md).
//
// This header also reads and writes the IOB files the model is trained and
// scored on (Universal NER IOB2, CoNLL IOB1).
#ifndef DYAD_NER_H_
#define DYAD_NER_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

namespace ner_internal {
struct NerModelData;
}  // namespace ner_internal

struct IobCorpus;

// The entity types the model knows, in tag order.
inline constexpr const char* kNerTypes[] = {"PER", "ORG", "LOC"};

// File name of the shipped model inside a models directory.
inline constexpr const char* kNerFile = "en_uner.ner";

class NerModel {
 public:
  // Reads a model file written by TrainNer. NotFound/IOError when it cannot
  // be read (naming the path), Corruption when it is truncated, damaged or
  // not an NER model.
  static Result<std::unique_ptr<NerModel>> Load(const std::string& path);
  // Same, from the bytes of a model file; `name` is used in messages.
  static Result<std::unique_ptr<NerModel>> FromBytes(std::string bytes, const std::string& name);
  ~NerModel();

  // Replaces doc->mentions with the names found in every sentence, in text
  // order: type "PER", "ORG" or "LOC", the sentence index, the words
  // [first_word, first_word + num_words) of Document::words, and the byte
  // span from the first word's start to the last word's end.
  // The whole document is one scope for the document-level features (how a
  // word is capitalised elsewhere in it, and, for the second stage, how the
  // first stage tagged the same words elsewhere in it).
  // REQUIRES: the nlp stage has tagged the words (Word::upos, Word::xpos).
  // Thread-safe.
  void Annotate(Document* doc) const;
  // Same for an IOB corpus, each of its documents (IobCorpus::documents) a
  // scope of its own. REQUIRES: tagged words. Thread-safe.
  void AnnotateIob(IobCorpus* corpus) const;
  // The BIO tags ("O", "B-PER", "I-LOC", ...) of the words [first, first +
  // count) of doc.words taken as one sentence. Thread-safe.
  std::vector<std::string> TagSentence(const Document& doc, uint32_t first, uint32_t count) const;

 private:
  explicit NerModel(std::unique_ptr<ner_internal::NerModelData> m);
  std::unique_ptr<ner_internal::NerModelData> m_;
};

// ---- IOB files -----------------------------------------------------------

// IOB2 (Universal NER: B- starts every name) and IOB1 (CoNLL 2003: I-
// throughout, B- only between two adjacent names of one type) are read the
// same way: B-X starts a name, I-X continues a name of type X and starts one
// after O or after another type.
struct IobReadOptions {
  // Types kept; any other type (OTH, MISC, the draft train file's "B-O") is
  // read as O. Empty keeps every type.
  std::vector<std::string> types = {"PER", "ORG", "LOC"};
};

// An IOB file read into one Document: one token and one word per line, the
// text rebuilt from the forms joined by single spaces (one sentence after the
// other, separated by a newline), and the names in Document::mentions.
// Accepted lines: "ID<TAB>FORM<TAB>TAG[<TAB>...]" (Universal NER),
// "FORM<TAB>TAG" or "FORM TAG" (CoNLL); "# ..." comments before a sentence
// (tab-separated files), "-DOCSTART-" lines; a blank line ends a sentence.
struct IobCorpus {
  Document doc;
  std::vector<std::vector<std::string>> comments;  // per sentence, without "# "
  // First sentence of each document: a "# newdoc" comment or a -DOCSTART-
  // line starts one; the first sentence always does.
  std::vector<uint32_t> documents;
};

// Errors name `name`:line.
Result<IobCorpus> ReadIob(std::istream& in, const std::string& name,
                          const IobReadOptions& options = {});
Result<IobCorpus> ReadIobFile(const std::string& path, const IobReadOptions& options = {});

// Writes "ID<TAB>FORM<TAB>TAG" lines from doc.words and doc.mentions, one
// sentence per block, preceded by the sentence's comments if given.
void WriteIob(const Document& doc, std::ostream& out,
              const std::vector<std::vector<std::string>>* comments = nullptr);

// The IOB2 tag of every word of `doc` from doc.mentions ("O" outside).
std::vector<std::string> MentionTags(const Document& doc);

}  // namespace dyad

#endif  // DYAD_NER_H_
