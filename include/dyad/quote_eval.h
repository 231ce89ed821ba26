// dyad/quote_eval.h: scoring quotations against attribution annotations in
// brat standoff (PolNeAR: Source, Cue and Content text-bound annotations
// joined by Attribution relations; offsets in code points; discontinuous
// spans allowed).
//
// Every role (source, cue, content) is scored on its own, over the
// attributions that have it:
//   strict  - the same pieces exactly, after trimming whitespace at the ends
//             of pieces and joining pieces separated only by whitespace;
//   overlap - one-to-one matching of pieces that share a non-space character.
// Subsets: "direct" (content holding a quotation mark) and "speech" (cue of
// the speech class). Speaker match: of the gold direct quotations with a
// source, the share for which a system quotation overlapping the content has
// a speaker overlapping the source.
#ifndef DYAD_QUOTE_EVAL_H_
#define DYAD_QUOTE_EVAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/document.h"
#include "dyad/eval.h"
#include "dyad/status.h"

namespace dyad {

// [start, end) in code points.
using CodePointRange = std::pair<uint32_t, uint32_t>;

// One attribution (gold) or quotation (system), code point spans.
struct Attribution {
  std::vector<CodePointRange> source, cue, content;  // empty when absent
  bool speech = false;  // the cue is of the speech class
};

// Reads the Attribution relations of a .ann file's text. Lines that are not
// text-bound annotations or relations are skipped; a malformed one is
// described in *problems as "name:line: ..." (may be null) and skipped.
std::vector<Attribution> ReadBratAttributions(std::string_view ann, const std::string& name,
                                              std::vector<std::string>* problems);

// The quotations of a processed document as attributions (code points).
// A quotation without a cue whose speaker was carried over from the
// previous quotation joins it as further content pieces, as attribution
// annotation does. `speech` says, per quote, whether its cue is speech-like.
std::vector<Attribution> AttributionsFromQuotes(const Document& doc,
                                                const std::vector<bool>& speech);

// Accumulates counts over articles.
class QuoteScorer {
 public:
  // `text` is the article text (UTF-8) the code point spans refer to.
  void Add(std::string_view text, const std::vector<Attribution>& gold,
           const std::vector<Attribution>& system);

  // Scores named "<subset> <role> <match>", e.g. "all content strict",
  // "direct source overlap"; subsets all, direct, speech; roles source,
  // cue, content; matches strict, overlap.
  std::vector<Score> Scores() const;
  // Gold direct quotations with a source, and those whose speaker matched.
  size_t speaker_total() const { return speaker_total_; }
  size_t speaker_matched() const { return speaker_matched_; }
  size_t speaker_found() const { return speaker_found_; }  // content found at all

 private:
  std::vector<Score> scores_;
  size_t speaker_total_ = 0, speaker_matched_ = 0, speaker_found_ = 0;
};

// The table: subset, role, then P/R/F1 strict and overlap; then the
// speaker match line.
std::string FormatQuoteScores(const QuoteScorer& scorer);

}  // namespace dyad

#endif  // DYAD_QUOTE_EVAL_H_
