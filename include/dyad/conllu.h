// dyad/conllu.h: CoNLL-U in and out (https://universaldependencies.org/format.html).
//
// Reading builds Documents whose text is rebuilt from the token forms and
// SpaceAfter, so that a treebank can be fed to the same code that handles raw
// articles (training, --pretokenized parsing, evaluation).
#ifndef DYAD_CONLLU_H_
#define DYAD_CONLLU_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// A treebank file read into one Document. Sentences follow each other in the
// text separated by one space (a newline at a paragraph or document break);
// gold columns are in Document::words. Per-sentence comment lines are kept so
// that a rewritten file keeps its sent_id and text.
struct ConlluCorpus {
  Document doc;
  std::vector<std::vector<std::string>> comments;  // per sentence, without "# "
  // Per sentence: whether the sentence starts a new document / paragraph.
  std::vector<bool> newdoc, newpar;
};

// Reads CoNLL-U. Empty nodes (ID "x.y") are skipped. Errors name
// `name`:line. Multi-word token ranges become one Token with several Words.
Result<ConlluCorpus> ReadConllu(std::istream& in, const std::string& name);
Result<ConlluCorpus> ReadConlluFile(const std::string& path);

// The raw text of a treebank as the CoNLL 2018 shared task gives it to
// systems: the "# text" of the sentences of a paragraph joined by one space,
// paragraphs and documents separated by a blank line. Sentences without
// "# text" use their tokens' text.
std::string ConlluRawText(const ConlluCorpus& corpus);

struct ConlluWriteOptions {
  // Sentence ids are "<doc id>-<n>" unless the document came with comments.
  const std::vector<std::vector<std::string>>* comments = nullptr;
  const std::vector<bool>* newdoc = nullptr;
  const std::vector<bool>* newpar = nullptr;
};

// Writes the document's sentences as CoNLL-U: "# newdoc id", "# newpar",
// "# sent_id", "# text", multi-word token lines, SpaceAfter=No. Columns not
// filled yet are written as "_".
void WriteConllu(const Document& doc, std::ostream& out, const ConlluWriteOptions& options = {});

}  // namespace dyad

#endif  // DYAD_CONLLU_H_
