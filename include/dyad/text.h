// dyad/text.h: the text layer. Cleaning (lines that are not article text out,
// with their offsets kept), then paragraphs, sentences, tokens and words that
// follow the UD English EWT conventions the parser is trained on.
#ifndef DYAD_TEXT_H_
#define DYAD_TEXT_H_

#include <memory>
#include <string>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// Removes lines that are not article text: captions that are file names,
// comment and sharing boilerplate, blank lines. The rules come from one data
// file (data/cleaning.rules; its format is described at its top).
// Thread-safe: immutable after Load.
class Cleaner {
 public:
  virtual ~Cleaner() = default;
  // Loads rules from `path`; a malformed rule is an error naming file:line.
  static Result<std::unique_ptr<Cleaner>> Load(const std::string& path);
  // Adds to doc->removed every line of the body (from article.body_start)
  // that is not article text, in text order: rule matches (span = the line
  // without surrounding whitespace, reason = the rule's) and lines of only
  // whitespace that are not empty (reason "blank"; an empty line is a
  // paragraph break and is not reported). See docs/text.md.
  virtual void Clean(Document* doc) const = 0;
};

struct SegmentOptions {
  // Raw mode: the whole text is taken as it is (no title, no cleaning); a
  // paragraph at each blank line. This is how text is scored against a
  // treebank.
  bool raw = false;
};

// Splits the body into paragraphs, sentences, tokens and words (multi-word
// tokens expanded, following UD English EWT), skipping the title (text before
// article.body_start) and the lines in doc->removed. Paragraphs are blocks
// between blank or removed lines; sentences never cross them. Thread-safe:
// immutable after construction; scratch is per call.
class Segmenter {
 public:
  virtual ~Segmenter() = default;
  // Loads the word lists (text/abbreviations.txt, text/hyphen_prefixes.txt,
  // text/emoticons.txt) under `data_dir` (the repository's data/) and the
  // learned sentence-boundary model from `model_path` (models/segmenter.dyad);
  // an empty `model_path` means rules only. NotFound / Corruption name the
  // file at fault.
  static Result<std::unique_ptr<Segmenter>> Create(const std::string& data_dir,
                                                   const std::string& model_path);
  // As above, with the model found by FindResource("models/segmenter.dyad");
  // NotFound when there is none (rules alone lose ten points of sentence F1,
  // so that is not done silently: pass an empty model_path to ask for it).
  static Result<std::unique_ptr<Segmenter>> Create(const std::string& data_dir);
  // Fills paragraphs, sentences, tokens, words. REQUIRES: those are empty.
  virtual void Segment(Document* doc, const SegmentOptions& options) const = 0;
};

}  // namespace dyad

#endif  // DYAD_TEXT_H_
