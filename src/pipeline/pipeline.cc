#include "dyad/pipeline.h"

#include <algorithm>
#include <filesystem>

#include "dyad/entities.h"
#include "dyad/events.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/quotes.h"
#include "dyad/resources.h"
#include "dyad/text.h"
#include "dyad/time.h"
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
    // --- ner stage: doc.mentions (for parse too: CoNLL-U MISC NER=...)
    if (ner_) ner_->Annotate(&doc);
    if (!options_.extract) return doc;
    // --- actors stage: doc.entities
    if (entities_) entities_->Annotate(&doc);
    // --- quotes stage: doc.quotes
    if (quotes_) quotes_->Find(&doc);
    // --- events stage: doc.events
    if (events_) events_->Code(&doc);
    // --- time stage: each event's date from its clause
    DateEvents(&doc);
    return doc;
  }

 private:
  const PipelineOptions options_;
  const std::unique_ptr<Cleaner> cleaner_;
  const std::unique_ptr<Segmenter> segmenter_;
  const std::unique_ptr<NlpModels> nlp_;  // null unless options.annotate

 public:
  // --- ner stage: set once by Create; null unless options.annotate or extract.
  std::unique_ptr<const NerModel> ner_;
  // --- actors stage: set once by Create, before the pipeline is shared.
  std::unique_ptr<const EntityLinker> entities_;  // null unless options.extract
  // --- quotes stage: set once by Create; null unless options.extract.
  std::unique_ptr<const QuoteFinder> quotes_;
  // --- events stage: set once by Create; null without verb dictionaries.
  std::unique_ptr<const EventCoder> events_;
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
    std::string cameo;  // PETRARCH's verb dictionary: CAMEO.<version>.txt, the newest
    for (const std::string& name : names) {
      const std::string lower = AsciiLower(name);
      const std::string path = dir + "/" + name;
      if (name.empty() || name[0] == '.' || lower.find("readme") != std::string::npos) continue;
      if (lower.find("agent") != std::string::npos) files.agents = path;
      else if (lower.find("actor") != std::string::npos) files.actors.push_back(path);
      else if (lower.find("verb") != std::string::npos) files.verbs.push_back(path);
      else if (lower.find("noun") != std::string::npos) files.nouns.push_back(path);
      else if (lower.find("discard") != std::string::npos) files.discards = path;
      else if (lower.find("issue") != std::string::npos) files.issues = path;
      else if (lower.find("ontology") != std::string::npos) files.ontology = path;
      else if (lower.rfind("cameo", 0) == 0 && lower.ends_with(".txt")) cameo = path;
    }
    if (files.verbs.empty() && !cameo.empty()) files.verbs.push_back(cameo);
    if (files.verbs.empty() && files.nouns.empty() && options.verbs.empty() &&
        !options.dict_dir.empty()) {
      return Status::InvalidArgument("dictionary folder " + dir +
                                     " has no verb dictionary (a *verb* or CAMEO*.txt file); "
                                     "name one with --verbs");
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
  std::unique_ptr<const NerModel> ner;  // --- ner stage
  if (options.annotate || options.extract) {
    auto models_dir = ResourceDir(options.models_dir, "models");
    if (!models_dir.ok()) return models_dir.status();
    auto loaded = LoadNlpModels(*models_dir);
    if (!loaded.ok()) return loaded.status();
    nlp = std::move(*loaded);
    // --- ner stage: load the model (NotFound naming the file if missing)
    auto ner_model = NerModel::Load(*models_dir + "/" + kNerFile);
    if (!ner_model.ok()) return ner_model.status();
    ner = std::move(*ner_model);
  }
  std::unique_ptr<const EntityLinker> entities;
  std::unique_ptr<const EventCoder> events;
  std::unique_ptr<const QuoteFinder> quotes;  // --- quotes stage
  if (options.extract) {
    auto dictionaries = ResolveDictionaries(options.dictionaries);
    if (!dictionaries.ok()) return dictionaries.status();
    // --- actors stage: load dictionaries->actors, dictionaries->agents
    // (the built-in countries when there is no actor file). Malformed lines
    // do not stop the load; `dyad dict check` lists them.
    std::vector<std::string> dictionary_problems;
    auto linker = EntityLinker::Create(*dictionaries, &dictionary_problems);
    if (!linker.ok()) return linker.status();
    entities = std::move(*linker);
    // --- quotes stage: load the cue lexicon and the learned cue model
    auto finder = QuoteFinder::Load(*data_dir);
    if (!finder.ok()) return finder.status();
    auto models_dir = ResourceDir(options.models_dir, "models");
    if (!models_dir.ok()) return models_dir.status();
    DYAD_RETURN_IF_ERROR((*finder)->LoadCueModel(*models_dir + "/" + kCueModelFile));
    quotes = std::move(*finder);
    // --- events stage: load dictionaries->verbs, discards, issues (sharing
    // the actors stage's dictionary). Malformed lines do not stop the load.
    if (!dictionaries->verbs.empty()) {
      auto coder = EventCoder::Load(*dictionaries, entities->dictionary(), &dictionary_problems);
      if (!coder.ok()) return coder.status();
      events = std::move(*coder);
    }
  }
  auto pipeline = std::make_unique<PipelineImpl>(options, std::move(*cleaner),
                                                 std::move(*segmenter), std::move(nlp));
  pipeline->ner_ = std::move(ner);            // --- ner stage
  pipeline->entities_ = std::move(entities);  // --- actors stage
  pipeline->quotes_ = std::move(quotes);      // --- quotes stage
  pipeline->events_ = std::move(events);      // --- events stage
  return std::unique_ptr<Pipeline>(std::move(pipeline));
}

}  // namespace dyad
