// Coding the records with the event coder and scoring them.
#include <filesystem>
#include <memory>

#include "dyad/actors.h"
#include "dyad/event_eval.h"
#include "dyad/events.h"
#include "dyad/pipeline.h"

namespace dyad {

Result<EventEvalReport> EvaluateEventRecords(const EventRecords& records,
                                             const EventEvalOptions& options,
                                             std::vector<std::string>* dictionary_problems) {
  std::string dir = options.dict_dir;
  if (dir.empty()) dir = std::filesystem::path(records.name).parent_path().string();
  DictionaryFiles files = RecordDictionaryFiles(records.environment, dir);
  if (!options.verbs.empty()) files.verbs = options.verbs;

  auto actors = ActorDictionary::Load(files.actors, files.agents, dictionary_problems);
  if (!actors.ok()) return actors.status();
  std::shared_ptr<const ActorDictionary> shared_actors(std::move(actors).value());
  auto coder = EventCoder::Load(files, shared_actors, dictionary_problems);
  if (!coder.ok()) return coder.status();

  std::unique_ptr<Pipeline> pipeline;
  if (options.parse == RecordParse::kOwn) {
    PipelineOptions po;
    po.raw = true;  // the record text is one clean sentence: no title, no cleaning
    po.annotate = true;
    po.data_dir = options.data_dir;
    po.models_dir = options.models_dir;
    auto created = Pipeline::Create(po);
    if (!created.ok()) return created.status();
    pipeline = std::move(created).value();
  }

  EventEvalReport report;
  for (const EventRecord& record : records.records) {
    if (!IsEvaluated(record, records.environment)) {
      ++report.skipped;
      continue;
    }
    std::vector<CodedEvent> coded;
    Document doc;
    bool have_doc = true;
    if (options.parse == RecordParse::kGiven) {
      Result<Document> built = RecordDocument(record, records.name, &report.unaligned);
      if (built.ok()) {
        doc = std::move(built).value();
      } else {
        report.problems.push_back(built.status().message());
        have_doc = false;
      }
    } else {
      doc = pipeline->Process(RecordArticle(record, records.name));
    }
    if (have_doc) {
      (*coder)->Code(&doc);
      for (const Event& e : doc.events) coded.push_back(CodedEventOf(e));
    }
    report.records.push_back(ScoreRecord(record, coded, options.score));
  }
  Summarize(&report);
  return report;
}

}  // namespace dyad
