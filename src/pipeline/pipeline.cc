#include "dyad/pipeline.h"

#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"

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

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  auto data_dir = ResourceDir(options.data_dir, "data");
  if (!data_dir.ok()) return data_dir.status();
  auto cleaner = Cleaner::Load(*data_dir + "/cleaning.rules");
  if (!cleaner.ok()) return cleaner.status();
  auto segmenter = Segmenter::Create(*data_dir);
  if (!segmenter.ok()) return segmenter.status();
  std::unique_ptr<NlpModels> nlp;
  if (options.annotate) {
    auto models_dir = ResourceDir(options.models_dir, "models");
    if (!models_dir.ok()) return models_dir.status();
    auto loaded = LoadNlpModels(*models_dir);
    if (!loaded.ok()) return loaded.status();
    nlp = std::move(*loaded);
  }
  return std::unique_ptr<Pipeline>(
      new PipelineImpl(options, std::move(*cleaner), std::move(*segmenter), std::move(nlp)));
}

}  // namespace dyad
