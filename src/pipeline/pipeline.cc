#include "dyad/pipeline.h"

#include <algorithm>
#include <filesystem>

#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"
#include "util/ascii.h"

namespace dyad {
namespace {

class PipelineImpl : public Pipeline {
 public:
  PipelineImpl(const PipelineOptions& options, std::unique_ptr<Cleaner> cleaner,
               std::unique_ptr<Segmenter> segmenter, std::unique_ptr<NlpModels> nlp)
      : options_(options),
        cleaner_(std::move(cleaner)),
        segmenter_(std::move(segmenter)),
        nlp_(std::move(nlp)) {}

  Document Process(Article article) const override {
    Document doc;
    doc.article = std::move(article);
    if (!options_.raw) cleaner_->Clean(&doc);
    SegmentOptions seg;
    seg.raw = options_.raw;
    segmenter_->Segment(&doc, seg);
    if (nlp_) nlp_->Annotate(&doc);
    if (!options_.extract) return doc;
    // --- ner stage: doc.mentions
    // --- actors stage: doc.entities
    // --- quotes stage: doc.quotes
    // --- events stage: doc.events
    return doc;
  }

 private:
  const PipelineOptions options_;
  const std::unique_ptr<Cleaner> cleaner_;
  const std::unique_ptr<Segmenter> segmenter_;
  const std::unique_ptr<NlpModels> nlp_;  // null unless options.annotate
};

Result<std::string> ResourceDir(const std::string& given, const char* name) {
  if (!given.empty()) return given;
  return FindResource(name);
}

}  // namespace

Result<DictionaryFiles> ResolveDictionaries(const DictionaryOptions& options) {
  DictionaryFiles files;
  std::string dir = options.dict_dir;
  if (dir.empty()) {
    auto found = FindResource("dictionaries");
    if (found.ok()) dir = *found;
  }
  if (!dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      return Status::NotFound("dictionary folder " + dir + " does not exist");
    }
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.is_regular_file()) names.push_back(e.path().filename().string());
    }
    if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string lower = AsciiLower(name);
      const std::string path = dir + "/" + name;
      if (name.empty() || name[0] == '.' || lower.find("readme") != std::string::npos) continue;
      if (lower.find("agent") != std::string::npos) files.agents = path;
      else if (lower.find("actor") != std::string::npos) files.actors.push_back(path);
      else if (lower.find("verb") != std::string::npos) files.verbs.push_back(path);
      else if (lower.find("noun") != std::string::npos) files.verbs.push_back(path);
      else if (lower.find("discard") != std::string::npos) files.discards = path;
      else if (lower.find("issue") != std::string::npos) files.issues = path;
      else if (lower.find("ontology") != std::string::npos) files.ontology = path;
    }
  }
  // Files named on the command line replace the folder's of their kind.
  if (!options.actors.empty()) files.actors = options.actors;
  if (!options.agents.empty()) files.agents = options.agents;
  if (!options.verbs.empty()) files.verbs = {options.verbs};
  if (!options.discards.empty()) files.discards = options.discards;
  if (!options.issues.empty()) files.issues = options.issues;
  return files;
}

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  auto data_dir = ResourceDir(options.data_dir, "data");
  if (!data_dir.ok()) return data_dir.status();
  auto cleaner = Cleaner::Load(*data_dir + "/cleaning.rules");
  if (!cleaner.ok()) return cleaner.status();
  auto segmenter = Segmenter::Create(*data_dir);
  if (!segmenter.ok()) return segmenter.status();
  std::unique_ptr<NlpModels> nlp;
  if (options.annotate || options.extract) {
    auto models_dir = ResourceDir(options.models_dir, "models");
    if (!models_dir.ok()) return models_dir.status();
    auto loaded = LoadNlpModels(*models_dir);
    if (!loaded.ok()) return loaded.status();
    nlp = std::move(*loaded);
  }
  if (options.extract) {
    auto dictionaries = ResolveDictionaries(options.dictionaries);
    if (!dictionaries.ok()) return dictionaries.status();
    // --- ner stage: load the model
    // --- actors stage: load dictionaries->actors, dictionaries->agents
    // --- quotes stage: load the cue lexicon
    // --- events stage: load dictionaries->verbs, discards, issues
  }
  return std::unique_ptr<Pipeline>(
      new PipelineImpl(options, std::move(*cleaner), std::move(*segmenter), std::move(nlp)));
}

}  // namespace dyad
