#include <algorithm>

#include "dyad/nlp.h"
#include "nlp/lemmatizer_internal.h"
#include "nlp/tagger_internal.h"

namespace dyad {
namespace nlp_internal {

bool ApplyLemmaRule(const LemmaRule& rule, std::string_view form, std::string* out) {
  if (rule.strip > form.size()) return false;
  const size_t cut = form.size() - rule.strip;
  // Never cut inside a UTF-8 sequence.
  if (cut < form.size() && (static_cast<unsigned char>(form[cut]) & 0xC0) == 0x80) return false;
  if (rule.lowercase) {
    *out = AsciiLower(form.substr(0, cut));
  } else {
    out->assign(form.substr(0, cut));
  }
  out->append(rule.append);
  return !out->empty();
}

std::string LemmatizerModel::Lemmatize(std::string_view form, std::string_view xpos,
                                       std::string_view upos) const {
  uint32_t v = exact.Find(ExactLemmaKey(form, xpos));
  if (v != HashIndex::kMissing) return lemmas[v];
  const std::string lower = AsciiLower(form);
  v = lower_exact.Find(LowerLemmaKey(lower, xpos));
  if (v != HashIndex::kMissing) return lemmas[v];
  std::string out;
  for (size_t k = std::min<size_t>(lower.size(), kMaxLemmaSuffix) + 1; k-- > 0;) {
    v = suffix_rules.Find(SuffixRuleKey(xpos, std::string_view(lower).substr(lower.size() - k)));
    if (v != HashIndex::kMissing && ApplyLemmaRule(rules[v], form, &out)) return out;
  }
  return upos == "PROPN" ? std::string(form) : lower;
}

// Payload history:
//   1 — first version: lemma strings, exact and lower-cased (form, XPOS)
//       tables, suffix rules keyed on (XPOS, suffix).
void LemmatizerModel::Write(ModelWriter* w) const {
  w->StringArray(lemmas);
  exact.Write(w);
  lower_exact.Write(w);
  std::vector<uint32_t> flags;
  std::vector<std::string> appends;
  for (const LemmaRule& r : rules) {
    flags.push_back((r.strip << 1) | (r.lowercase ? 1u : 0u));
    appends.push_back(r.append);
  }
  w->U32Array(flags);
  w->StringArray(appends);
  suffix_rules.Write(w);
}

Status LemmatizerModel::Read(ModelReader* r) {
  if (r->component_version() != kLemmatizerVersion) {
    r->Fail("unsupported lemmatizer payload version " + std::to_string(r->component_version()));
    return r->status();
  }
  if (!r->StringArray(&lemmas)) return r->status();
  const uint32_t nl = static_cast<uint32_t>(lemmas.size());
  if (!exact.Read(r, nl, "exact lemma table") ||
      !lower_exact.Read(r, nl, "lower-case lemma table")) {
    return r->status();
  }
  std::vector<uint32_t> flags;
  std::vector<std::string> appends;
  if (!r->U32Array(&flags) || !r->StringArray(&appends)) return r->status();
  if (flags.size() != appends.size()) {
    r->Fail("lemmatizer: rule arrays differ in length");
    return r->status();
  }
  rules.resize(flags.size());
  for (size_t k = 0; k < flags.size(); ++k) {
    rules[k].lowercase = flags[k] & 1;
    rules[k].strip = flags[k] >> 1;
    rules[k].append = appends[k];
  }
  if (!suffix_rules.Read(r, static_cast<uint32_t>(rules.size()), "suffix rules"))
    return r->status();
  return r->Finish();
}

}  // namespace nlp_internal

using nlp_internal::LemmatizerModel;

Lemmatizer::Lemmatizer(std::unique_ptr<LemmatizerModel> m) : m_(std::move(m)) {}
Lemmatizer::~Lemmatizer() = default;

Result<std::unique_ptr<Lemmatizer>> Lemmatizer::FromBytes(std::string bytes,
                                                          const std::string& name) {
  auto r = ModelReader::FromBytes(std::move(bytes), name, ModelComponent::kLemmatizer);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<LemmatizerModel>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<Lemmatizer>(new Lemmatizer(std::move(m)));
}

Result<std::unique_ptr<Lemmatizer>> Lemmatizer::Load(const std::string& path) {
  auto r = ModelReader::Open(path, ModelComponent::kLemmatizer);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<LemmatizerModel>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<Lemmatizer>(new Lemmatizer(std::move(m)));
}

std::string Lemmatizer::Lemmatize(std::string_view form, std::string_view xpos,
                                  std::string_view upos) const {
  return m_->Lemmatize(form, xpos, upos);
}

void Lemmatizer::Annotate(Document* doc) const {
  for (Word& w : doc->words)
    w.lemma = m_->Lemmatize(nlp_internal::WordText(*doc, w), w.xpos, w.upos);
}

}  // namespace dyad
