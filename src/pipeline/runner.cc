#include <algorithm>
#include <atomic>
#include <thread>

#include "dyad/pipeline.h"

namespace dyad {
namespace {

// A batch stops growing at this many bytes of article text, so that memory
// stays bounded even when articles are large.
constexpr size_t kBatchBytes = 64u << 20;

// Processes articles[i] into outputs[i] on `threads` threads (the calling
// thread is one of them).
void ProcessBatch(const Pipeline& pipeline, std::vector<Article>& articles,
                  std::vector<std::string>& outputs, const OutputOptions& output, int threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < articles.size();) {
      Document doc = pipeline.Process(std::move(articles[i]));
      outputs[i] = FormatDocument(doc, output);
    }
  };
  int helpers = std::min<int>(threads - 1, static_cast<int>(articles.size()) - 1);
  std::vector<std::thread> pool;
  for (int t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace

Status Run(const Pipeline& pipeline, const std::vector<InputSource>& sources,
           const RunOptions& options, const Diagnostics& diagnostics, std::ostream& out,
           RunStats* stats) {
  int threads = options.threads > 0 ? options.threads
                                    : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Article> batch;
  std::vector<std::string> outputs;
  size_t batch_bytes = 0;
  Status write_status;
  auto flush = [&]() {
    if (batch.empty()) return;
    outputs.assign(batch.size(), std::string());
    ProcessBatch(pipeline, batch, outputs, options.output, threads);
    for (const auto& o : outputs) out.write(o.data(), static_cast<std::streamsize>(o.size()));
    out.flush();
    if (!out && write_status.ok()) write_status = Status::IOError("cannot write the output");
    stats->articles += batch.size();
    batch.clear();
    batch_bytes = 0;
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
      batch_bytes += article.text.size();
      batch.push_back(std::move(article));
      article = Article();
      if (batch.size() >= options.batch_articles || batch_bytes >= kBatchBytes) flush();
      if (!write_status.ok()) return write_status;
    }
  }
  flush();
  return write_status;
}

}  // namespace dyad
