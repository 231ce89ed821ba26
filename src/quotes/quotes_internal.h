// src/quotes/quotes_internal.h: the pieces of the quotes stage that its tests
// see: the lexicons and the quotation-mark scanner.
#ifndef DYAD_QUOTES_QUOTES_INTERNAL_H_
#define DYAD_QUOTES_QUOTES_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dyad/document.h"
#include "dyad/quotes.h"
#include "dyad/status.h"

namespace dyad::quotes_internal {

// The learned cue model (models/en_quote_cues.dyad): an averaged perceptron
// over hashed features of a verb and its place in the parse, trained on
// PolNeAR's cues, that says whether the verb attributes something to its
// subject. Immutable once loaded.
struct CueModel {
  static constexpr uint32_t kVersion = 1;
  uint32_t bits = 18;
  // A verb outside the lexicon is a cue above `threshold`; a verb of the
  // lexicon stops being one below `veto`.
  float threshold = 0.0f;
  float veto = -1e9f;
  std::vector<float> weights;

  float Score(const std::vector<uint64_t>& features) const {
    float s = 0;
    const uint64_t mask = weights.size() - 1;
    for (uint64_t f : features) s += weights[f & mask];
    return s;
  }
  // Corruption naming the file for a damaged or foreign file.
  static Result<CueModel> Load(const std::string& path);
  Status Save(const std::string& path) const;
};

// The hash of one feature's text, given in pieces that are hashed as
// their concatenation (FNV-1a, 64 bits): the same on every machine, as the
// model file needs.
uint64_t CueFeatureHash(std::initializer_list<std::string_view> pieces);

struct Lexicon {
  // Single-word cues by lemma ("say"), multi-word cues by their lower-case
  // words joined with one space ("according to").
  std::unordered_map<std::string, CueClass> cues;
  // Nominal cues by lemma ("statement", "claim", "criticism"): class
  // `noun` in cues.txt. A noun with a clause or an of/about/on complement
  // of its own is an attribution ("his claim that ...").
  std::unordered_set<std::string> nominal;
  // Words of titles and roles that start a speaker's description
  // ("secretary", "spokesperson", "professor"), lower case.
  std::unordered_set<std::string> titles;
  // The learned cue model, when one was loaded.
  std::optional<CueModel> cue_model;
};

// Calls fn(word, features) for each word of `doc` the cue model scores (a
// verb), with the features the model reads. REQUIRES: doc parsed.
void ForEachCueCandidate(const Document& doc, const Lexicon& lex,
                         const std::function<void(uint32_t, const std::vector<uint64_t>&)>& fn);

// Parses cues.txt: "lemma<TAB or spaces>class" per line, class one of
// speech, attribution, belief, or noun (a nominal cue, kept apart from the
// verbs); '#' starts a comment; blank lines are skipped.
Status ParseCues(std::string_view text, const std::string& name, Lexicon* lex);
// Parses titles.txt: one word per line, '#' comments.
Status ParseTitles(std::string_view text, const std::string& name, Lexicon* lex);

// A stretch of text between quotation marks, in one paragraph.
struct QuoteRegion {
  Span span;            // from the opening mark to after the closing mark
  Span inner;           // without the marks
  bool closed = false;  // false: the paragraph (or the next opening) ended it
  // Multi-paragraph quotation: this region continues into the next region
  // (its paragraph was left open and the next one reopens the quotation).
  bool continues = false;
  bool continuation = false;  // this region continues the previous one
  uint32_t paragraph = 0;
};

// Finds the quotation regions of `text` (top level only: quotation marks
// nested inside a quotation belong to it). `paragraphs` are the document's
// paragraph spans in order; text outside every paragraph is not scanned.
// Unbalanced marks never fail: an opening mark left open ends its region at
// the paragraph's end (or at the next opening mark), a stray closing mark is
// ignored. One pass over the text: O(text size).
std::vector<QuoteRegion> ScanQuoteMarks(std::string_view text, const std::vector<Span>& paragraphs);

}  // namespace dyad::quotes_internal

#endif  // DYAD_QUOTES_QUOTES_INTERNAL_H_
