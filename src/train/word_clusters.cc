#include "train/word_clusters.h"

#include "dyad/resources.h"
#include "train/train_ner_internal.h"

namespace dyad::train_internal {

Status LearnWordClusters(const Document& treebank, const std::vector<std::string>& paths,
                         const std::string& data_dir, uint32_t seed,
                         nlp_internal::WordClusters* out, std::ostream* log) {
  WordSentences text;
  for (const Sentence& s : treebank.sentences) {
    std::vector<std::string> words;
    for (uint32_t i = 0; i < s.num_words; ++i) {
      const Word& w = treebank.words[s.first_word + i];
      words.emplace_back(w.form.empty() ? treebank.Text(w.span) : std::string_view(w.form));
    }
    text.push_back(std::move(words));
  }
  if (!paths.empty()) {
    std::string dir = data_dir;
    if (dir.empty()) {
      auto found = FindResource("data");
      if (!found.ok()) return found.status();
      dir = *found;
    }
    DYAD_RETURN_IF_ERROR(ReadUnlabelledText(paths, dir, &text));
  }
  if (log != nullptr) {
    size_t words = 0;
    for (const auto& s : text) words += s.size();
    *log << "word clusters: " << text.size() << " sentences, " << words << " words of text"
         << std::endl;
  }
  ner_internal::Lexicon lexicon;
  BuildClusters(text, kWordClusterSizes, kWordClusterMinCount, seed, &lexicon, log);
  out->sizes = lexicon.cluster_sizes;
  out->index = std::move(lexicon.clusters);
  return Status::OK();
}

}  // namespace dyad::train_internal
