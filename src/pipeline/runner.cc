#include <algorithm>
#include <atomic>
#include <thread>

#include "dyad/pipeline.h"

namespace dyad {
namespace {

// A batch stops growing at this many bytes of article text, so that memory
// stays bounded even when articles are large.
constexpr size_t kBatchBytes = 64u << 20;

// Processes articles[i] and hands the Document to emit(i, doc), on `threads`
// threads (the calling thread is one of them).
template <typename Emit>
void ProcessBatch(const Pipeline& pipeline, std::vector<Article>& articles, int threads,
                  const Emit& emit) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < articles.size();) {
      emit(i, pipeline.Process(std::move(articles[i])));
    }
  };
  int helpers = std::min<int>(threads - 1, static_cast<int>(articles.size()) - 1);
  std::vector<std::thread> pool;
  for (int t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// The reading and batching that Run and RunDocuments share: reads every
// source in order, drops what `skip` says, and hands each batch of articles
// to `flush` (which processes it on `threads` threads and writes it). Stops
// at the first error from `flush`.
template <typename Flush>
Status ReadInBatches(const std::vector<InputSource>& sources, const RunOptions& options,
                     const Diagnostics& diagnostics, const std::function<bool(const Article&)>& skip,
                     const Flush& flush, RunStats* stats) {
  std::vector<Article> batch;
  size_t batch_bytes = 0;
  auto flush_batch = [&]() -> Status {
    if (batch.empty()) return Status::OK();
    Status s = flush(batch);
    stats->articles += batch.size();
    batch.clear();
    batch_bytes = 0;
    return s;
  };
  for (const InputSource& source : sources) {
    auto reader = OpenReader(source, options.read, &diagnostics);
    if (!reader.ok()) {
      // Sources were checked before the run; one that vanished since is an
      // error for that source only.
      ++stats->errors;
      if (diagnostics.error) diagnostics.error(reader.status().message());
      continue;
    }
    Article article;
    while ((*reader)->Next(&article)) {
      if (skip && skip(article)) {
        article = Article();
        continue;
      }
      batch_bytes += article.text.size();
      batch.push_back(std::move(article));
      article = Article();
      if (batch.size() >= options.batch_articles || batch_bytes >= kBatchBytes) {
        DYAD_RETURN_IF_ERROR(flush_batch());
      }
    }
  }
  return flush_batch();
}

int Threads(const RunOptions& options) {
  return options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Status Run(const Pipeline& pipeline, const std::vector<InputSource>& sources,
           const RunOptions& options, const Diagnostics& diagnostics, std::ostream& out,
           RunStats* stats) {
  const int threads = Threads(options);
  std::vector<std::string> outputs;
  auto flush = [&](std::vector<Article>& batch) -> Status {
    outputs.assign(batch.size(), std::string());
    ProcessBatch(pipeline, batch, threads, [&](size_t i, const Document& doc) {
      outputs[i] = FormatDocument(doc, options.output);
    });
    for (const auto& o : outputs) out.write(o.data(), static_cast<std::streamsize>(o.size()));
    out.flush();
    if (!out) return Status::IOError("cannot write the output");
    return Status::OK();
  };
  return ReadInBatches(sources, options, diagnostics, nullptr, flush, stats);
}

Status RunDocuments(const Pipeline& pipeline, const std::vector<InputSource>& sources,
                    const RunOptions& options, const Diagnostics& diagnostics,
                    const DocumentSink& sink, RunStats* stats) {
  const int threads = Threads(options);
  std::vector<Document> docs;
  auto flush = [&](std::vector<Article>& batch) -> Status {
    docs.clear();
    docs.resize(batch.size());
    ProcessBatch(pipeline, batch, threads, [&](size_t i, Document doc) { docs[i] = std::move(doc); });
    return sink.write ? sink.write(docs) : Status::OK();
  };
  return ReadInBatches(sources, options, diagnostics, sink.skip, flush, stats);
}

}  // namespace dyad
