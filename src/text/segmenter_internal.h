// Construction of the Segmenter (dyad/text.h) from its parts.
#ifndef DYAD_TEXT_SEGMENTER_INTERNAL_H_
#define DYAD_TEXT_SEGMENTER_INTERNAL_H_

#include <memory>
#include <string>

#include "dyad/status.h"
#include "dyad/text.h"
#include "text/sentence_splitter_internal.h"

namespace dyad::text_internal {

// See Segmenter::Create. An empty `model_path` means rules only.
Result<std::unique_ptr<Segmenter>> CreateSegmenter(const std::string& data_dir,
                                                   const std::string& model_path);
// With a model in memory (training measures each epoch with it).
Result<std::unique_ptr<Segmenter>> CreateSegmenterWithModel(const std::string& data_dir,
                                                            BoundaryModel model);

}  // namespace dyad::text_internal

#endif  // DYAD_TEXT_SEGMENTER_INTERNAL_H_
