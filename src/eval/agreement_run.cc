// Coding the same articles with two dictionary sets: the evaluated set runs
// through the pipeline runner (reading, batching, threads); each processed
// batch is then coded with the reference set on the same threads and
// compared article by article.
#include <algorithm>
#include <atomic>
#include <thread>

#include "dyad/agreement_eval.h"

namespace dyad {

Result<DictionaryOptions> ReferenceDictionaries(const std::string& dir, const std::string& verbs) {
  DictionaryOptions options;
  options.dict_dir = dir;
  options.verbs = verbs;
  // The folder must exist and hold a verb dictionary, unless one is named.
  auto files = ResolveDictionaries(options);
  if (!files.ok()) return files.status();
  return options;
}

Result<AgreementTally> RunAgreement(const std::vector<InputSource>& inputs,
                                    const AgreementOptions& options,
                                    const Diagnostics& diagnostics) {
  auto create = [&](const DictionaryOptions& dictionaries) {
    PipelineOptions po;
    po.extract = true;
    po.data_dir = options.data_dir;
    po.models_dir = options.models_dir;
    po.dictionaries = dictionaries;
    return Pipeline::Create(po);
  };
  auto dyad = create(options.dyad);
  if (!dyad.ok()) return dyad.status();
  auto reference = create(options.reference);
  if (!reference.ok()) return reference.status();
  const Pipeline& ref = **reference;

  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);

  AgreementTally tally;
  tally.sample_size = options.disagreements;
  tally.seed = options.seed;
  DocumentSink sink;
  sink.write = [&](std::vector<Document>& batch) -> Status {
    std::vector<Document> coded(batch.size());
    std::atomic<size_t> next{0};
    auto work = [&]() {
      for (size_t i = next++; i < batch.size(); i = next++)
        coded[i] = ref.Process(batch[i].article);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads && static_cast<size_t>(t) < batch.size(); ++t)
      pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (size_t i = 0; i < batch.size(); ++i) CompareCodings(batch[i], coded[i], &tally);
    return Status::OK();
  };
  RunOptions run;
  run.read = options.read;
  run.threads = threads;
  RunStats stats;
  Status s = RunDocuments(**dyad, inputs, run, diagnostics, sink, &stats);
  if (!s.ok()) return s;
  return tally;
}

}  // namespace dyad
