// dyad/pipeline.h: one article through every stage, and the runner that
// streams many articles through it on all cores with output in input order.
#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/dictionary_files.h"
#include "dyad/document.h"
#include "dyad/io.h"
#include "dyad/status.h"

namespace dyad {

// Which dictionaries code actors and events. Empty fields take dyad's
// defaults (the `dictionaries/` folder found with FindResource); a given
// field replaces the default of its kind for the run. Files may be in the
// PETRARCH / Phoenix formats or in dyad's own (detected from the content).
struct DictionaryOptions {
  // A folder holding a whole set; its files are sorted by name: *actors*,
  // *agents*, *verbs*, *nouns*, *discard*, *issue* (case-insensitive).
  std::string dict_dir;
  std::vector<std::string> actors;  // actor files, later ones override earlier
  std::string agents, verbs, discards, issues;
};

struct PipelineOptions {
  // Raw mode: no title, no cleaning, the text segmented exactly as it is
  // (how text is scored against a treebank).
  bool raw = false;
  // Folder with cleaning rules and segmenter data; empty = found with
  // FindResource("data").
  std::string data_dir;
  // Tag, lemmatize and parse the sentences (the models in models_dir).
  bool annotate = false;
  // Folder with the trained models; empty = found with FindResource("models").
  std::string models_dir;
  // Find entities, actors, quotations and events (implies annotate).
  bool extract = false;
  DictionaryOptions dictionaries;
};

// The files `options` selects: the folder's (options.dict_dir, else dyad's
// default `dictionaries/`), with each kind named explicitly replacing the
// folder's. NotFound when a named folder does not exist. Files are not read.
Result<DictionaryFiles> ResolveDictionaries(const DictionaryOptions& options);

// The stages, loaded once. Immutable and shareable across threads.
class Pipeline {
 public:
  virtual ~Pipeline() = default;
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);
  // Runs every stage over one article. Thread-safe.
  virtual Document Process(Article article) const = 0;
};

// kTsv: one event per line (TsvHeader() first), for pandas, R and
// spreadsheets; articles without events write nothing.
enum class OutputFormat { kJsonl, kConllu, kTsv };

struct OutputOptions {
  OutputFormat format = OutputFormat::kJsonl;
  bool sentences = false;  // dyad/1 "sentences" spans
  bool text = false;       // the input text itself, as "text"
};

// Serialises one processed article: a dyad/1 JSON line (with '\n'), a
// CoNLL-U block, or its events as TSV lines.
std::string FormatDocument(const Document& doc, const OutputOptions& options);

// The header line of the TSV format (with '\n').
std::string TsvHeader();

struct RunOptions {
  ReadOptions read;
  OutputOptions output;
  int threads = 0;  // 0 = all cores
  // Articles read ahead and processed together; bounds memory.
  size_t batch_articles = 256;
};

struct RunStats {
  std::atomic<size_t> articles{0};
  std::atomic<size_t> errors{0};    // records lost (bad line, bad record, oversized)
  std::atomic<size_t> warnings{0};  // input repaired, nothing lost
};

// Reads every source in order, processes articles on `threads` threads, and
// writes their output to `out` in input order, streaming in batches. Problems
// with single records go to `diagnostics` (and are counted in `stats`); the
// run goes on. Returns an error only if a source cannot be opened or the
// output cannot be written.
Status Run(const Pipeline& pipeline, const std::vector<InputSource>& sources,
           const RunOptions& options, const Diagnostics& diagnostics, std::ostream& out,
           RunStats* stats);

// Where RunDocuments hands processed articles instead of formatting them.
struct DocumentSink {
  // Called on the calling thread for each article read, before it is
  // processed: true drops it (not processed, not counted). May be empty.
  std::function<bool(const Article&)> skip;
  // Called on the calling thread with each processed batch, in input order;
  // it may move from the documents. An error stops the run and is returned.
  std::function<Status(std::vector<Document>& batch)> write;
};

// Run with the same reading, batching and threads, handing Documents to
// `sink.write` (e.g. a database) instead of writing formatted text.
Status RunDocuments(const Pipeline& pipeline, const std::vector<InputSource>& sources,
                    const RunOptions& options, const Diagnostics& diagnostics,
                    const DocumentSink& sink, RunStats* stats);

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_
