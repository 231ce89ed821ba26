// dyad/quotes.h: the quotes stage. Finds direct, indirect and mixed
// quotations in a parsed document and attributes each to its speaker, with
// the cue ("said", "according to") and the content pieces as spans.
//
// How it works (docs/quotes.md): one linear scan of the text finds the
// quotation marks (curly, straight, doubled apostrophes, single and nested
// marks, the news convention for quotes running over several paragraphs);
// the dependency parse then links each quotation to a cue verb of the
// lexicon (data/quotes/cues.txt) and the cue to its subject. Reported speech
// without marks comes from the clausal complement of a cue verb ("X said on
// Tuesday that ..."), from "according to X", and from "..., X said".
// Quotation paragraphs without a cue of their own take the speaker of the
// previous attributed quotation. A learned cue model (models/en_quote_cues.dyad,
// trained on PolNeAR by `dyad train quotes`: TrainCueModel in dyad/train.h)
// adds the verbs that attribute in their context though the lexicon lacks
// them, and drops lexicon verbs that do not.
#ifndef DYAD_QUOTES_H_
#define DYAD_QUOTES_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

namespace quotes_internal {
struct Lexicon;  // src/quotes/quotes_internal.h
}  // namespace quotes_internal

// What a cue says about its content: words said or written (speech:
// "said", "told", "according to"), a stance taken or reported (attribution:
// "praised", "accused", "reported"), or an inner state (belief: "thinks",
// "hopes", "fears").
enum class CueClass { kSpeech, kAttribution, kBelief };

const char* CueClassName(CueClass c);

// The file names read from the data folder.
inline constexpr const char* kCueLexiconFile = "quotes/cues.txt";
inline constexpr const char* kTitleLexiconFile = "quotes/titles.txt";
// The learned cue model's file name in the models folder.
inline constexpr const char* kCueModelFile = "en_quote_cues.dyad";

class QuoteFinder {
 public:
  ~QuoteFinder();
  QuoteFinder(const QuoteFinder&) = delete;
  QuoteFinder& operator=(const QuoteFinder&) = delete;

  // Reads <data_dir>/quotes/cues.txt and <data_dir>/quotes/titles.txt.
  // NotFound/IOError when a file cannot be read; InvalidArgument naming
  // "file:line" for a malformed line.
  static Result<std::unique_ptr<QuoteFinder>> Load(const std::string& data_dir);
  // Same, from the files' texts (tests, embedding); names are for messages.
  static Result<std::unique_ptr<QuoteFinder>> FromText(std::string_view cues,
                                                       std::string_view titles,
                                                       const std::string& cues_name = "cues.txt",
                                                       const std::string& titles_name = "titles.txt");

  // Fills doc->quotes (replacing what was there), in text order of content.
  // REQUIRES: doc is segmented, tagged, lemmatized and parsed (Word::head,
  // deprel, lemma, upos). Uses doc->entities when filled (speaker_entity,
  // speaker_actor, pronoun and surname speakers); works without them.
  // Linear in the text's length plus the words' count (no quadratic case,
  // whatever the quotation marks). Thread-safe.
  void Find(Document* doc) const;

  // Reads a learned cue model (kCueModelFile). NotFound when absent,
  // Corruption naming the file when damaged. Call before Find; without a
  // model the lexicon alone decides.
  Status LoadCueModel(const std::string& path);
  bool has_cue_model() const;

  // The class of a cue given its lemma ("say") or a multi-word cue in lower
  // case ("according to"); nullopt when it is not in the lexicon.
  std::optional<CueClass> ClassOf(std::string_view lemma) const;
  // The class of the quote's cue (by the lemmas of the cue's words).
  std::optional<CueClass> ClassOfCue(const Document& doc, const Quote& q) const;

 private:
  explicit QuoteFinder(std::unique_ptr<quotes_internal::Lexicon> lex);
  std::unique_ptr<quotes_internal::Lexicon> lex_;
};

}  // namespace dyad

#endif  // DYAD_QUOTES_H_
