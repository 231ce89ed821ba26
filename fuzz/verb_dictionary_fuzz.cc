// libFuzzer target for the event dictionary readers: the input is read as a
// verb / noun pattern file, a discard list, an issue list and a coding
// ontology at once, and the loaded coder then codes a small parsed sentence
// made of the input's own words. Seeds: fuzz/corpus/verb_dictionary/.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dyad/events.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> problems;
  dyad::DictionarySource verbs{"fuzz.verbs", text};
  dyad::DictionarySource other{"fuzz.other", text};
  auto coder = dyad::EventCoder::LoadFromSources({verbs}, &other, &other, &other, nullptr, &problems);
  if (!coder.ok()) return 0;  // only the CAMEO table lookup can fail
  // A sentence of the input's first words, parsed as a chain.
  dyad::Document doc;
  dyad::Sentence s;
  size_t b = 0;
  const char* tags[] = {"PROPN", "VERB", "NOUN", "ADP", "ADJ"};
  const char* rels[] = {"nsubj", "root", "obj", "case", "obl"};
  for (size_t i = 0; i <= text.size() && doc.words.size() < 40; ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c == ' ' || c == '\n' || c == '_' || c == '\t') {
      if (i > b) {
        dyad::Word w;
        w.form = text.substr(b, i - b);
        w.lemma = w.form;
        size_t k = doc.words.size();
        w.upos = tags[k % 5];
        w.deprel = rels[k % 5];
        w.head = k % 5 == 1 ? -1 : static_cast<int32_t>(k % 7);
        w.span = dyad::Span{static_cast<uint32_t>(b), static_cast<uint32_t>(i)};
        doc.words.push_back(w);
      }
      b = i + 1;
    }
  }
  doc.article.text = text;
  s.num_words = static_cast<uint32_t>(doc.words.size());
  doc.sentences.push_back(s);
  (*coder)->Code(&doc);
  return 0;
}
