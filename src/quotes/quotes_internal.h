// src/quotes/quotes_internal.h: the pieces of the quotes stage that its tests
// see: the lexicons and the quotation-mark scanner.
#ifndef DYAD_QUOTES_QUOTES_INTERNAL_H_
#define DYAD_QUOTES_QUOTES_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dyad/document.h"
#include "dyad/quotes.h"
#include "dyad/status.h"

namespace dyad::quotes_internal {

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
};

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
