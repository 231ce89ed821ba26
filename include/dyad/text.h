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
  // that is not article text, in text order.
  virtual void Clean(Document* doc) const = 0;
};

struct SegmentOptions {
  // Raw mode: the whole text is taken as it is (no title, no cleaning); a
  // paragraph at each blank line. This is how text is scored against a
  // treebank.
  bool raw = false;
};

// Splits the body into paragraphs, sentences, tokens and words (multi-word
// tokens expanded), skipping the spans in doc->removed. Thread-safe:
// immutable after construction.
class Segmenter {
 public:
  virtual ~Segmenter() = default;
  // The segmenter's data (abbreviations and the like) is compiled in or
  // loaded from `data_dir`; see src/text/.
  static Result<std::unique_ptr<Segmenter>> Create(const std::string& data_dir);
  // Fills paragraphs, sentences, tokens, words. REQUIRES: those are empty.
  virtual void Segment(Document* doc, const SegmentOptions& options) const = 0;
};

}  // namespace dyad

#endif  // DYAD_TEXT_H_
