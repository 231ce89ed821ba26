// dyad/dictionary_files.h: the dictionary files one run codes with, sorted
// by kind. Chosen by ResolveDictionaries (dyad/pipeline.h); read by the
// actors and events stages.
#ifndef DYAD_DICTIONARY_FILES_H_
#define DYAD_DICTIONARY_FILES_H_

#include <string>
#include <vector>

namespace dyad {

struct DictionaryFiles {
  std::vector<std::string> actors;  // later files override earlier ones
  std::string agents;
  std::vector<std::string> verbs;   // verb pattern files
  // Noun pattern files (event nouns: "trip to", "talks between"). Kept apart
  // from the verb files: the event coder looks their words up on nouns only,
  // so that they never compete with verbs of the same spelling.
  std::vector<std::string> nouns;
  std::string discards, issues;
  std::string ontology;  // PETRARCH2 internal coding ontology, if any
};

}  // namespace dyad

#endif  // DYAD_DICTIONARY_FILES_H_
