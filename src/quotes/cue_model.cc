// The learned cue model: reading and writing it (src/train/train_quotes.cc
// trains it). Its features are read from the parse in quote_finder.cc
// (Scratch::CueFeatures).
#include <cmath>

#include "dyad/model_file.h"
#include "quotes/quotes_internal.h"

namespace dyad {
namespace quotes_internal {

uint64_t CueFeatureHash(std::initializer_list<std::string_view> pieces) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (std::string_view piece : pieces) {
    for (unsigned char c : piece) h = (h ^ c) * 0x100000001B3ull;
  }
  return h;
}

Result<CueModel> CueModel::Load(const std::string& path) {
  auto r = ModelReader::Open(path, ModelComponent::kQuoteCues);
  if (!r.ok()) return r.status();
  ModelReader& in = *r;
  if (in.component_version() != kVersion) {
    return Status::Corruption(path + ": cue model version " + std::to_string(in.component_version()) +
                              ", expected " + std::to_string(kVersion));
  }
  CueModel m;
  in.U32(&m.bits);
  in.F32(&m.threshold);
  in.F32(&m.veto);
  if (in.status().ok() && (m.bits < 8 || m.bits > 24)) {
    return Status::Corruption(path + ": bad feature table size");
  }
  in.SparseF32Table(size_t{1} << m.bits, &m.weights);
  DYAD_RETURN_IF_ERROR(in.Finish());
  if (!std::isfinite(m.threshold) || std::isnan(m.veto)) return Status::Corruption(path + ": bad threshold");
  return m;
}

Status CueModel::Save(const std::string& path) const {
  ModelWriter out(ModelComponent::kQuoteCues, kVersion);
  out.U32(bits);
  out.F32(threshold);
  out.F32(veto);
  out.SparseF32Table(weights);
  return out.WriteTo(path);
}

}  // namespace quotes_internal

Status QuoteFinder::LoadCueModel(const std::string& path) {
  auto m = quotes_internal::CueModel::Load(path);
  if (!m.ok()) return m.status();
  lex_->cue_model = std::move(*m);
  return Status::OK();
}

bool QuoteFinder::has_cue_model() const { return lex_->cue_model.has_value(); }

}  // namespace dyad
