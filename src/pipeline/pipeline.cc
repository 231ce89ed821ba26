#include "dyad/pipeline.h"

#include "dyad/resources.h"
#include "dyad/text.h"

namespace dyad {
namespace {

class PipelineImpl : public Pipeline {
 public:
  PipelineImpl(const PipelineOptions& options, std::unique_ptr<Cleaner> cleaner,
               std::unique_ptr<Segmenter> segmenter)
      : options_(options), cleaner_(std::move(cleaner)), segmenter_(std::move(segmenter)) {}

  Document Process(Article article) const override {
    Document doc;
    doc.article = std::move(article);
    if (!options_.raw) cleaner_->Clean(&doc);
    SegmentOptions seg;
    seg.raw = options_.raw;
    segmenter_->Segment(&doc, seg);
    return doc;
  }

 private:
  const PipelineOptions options_;
  const std::unique_ptr<Cleaner> cleaner_;
  const std::unique_ptr<Segmenter> segmenter_;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::string data_dir = options.data_dir;
  if (data_dir.empty()) {
    auto found = FindResource("data");
    if (!found.ok()) return found.status();
    data_dir = *found;
  }
  auto cleaner = Cleaner::Load(data_dir + "/cleaning.rules");
  if (!cleaner.ok()) return cleaner.status();
  auto segmenter = Segmenter::Create(data_dir);
  if (!segmenter.ok()) return segmenter.status();
  return std::unique_ptr<Pipeline>(
      new PipelineImpl(options, std::move(*cleaner), std::move(*segmenter)));
}

}  // namespace dyad
