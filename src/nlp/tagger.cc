#include <algorithm>
#include <cstring>

#include "dyad/nlp.h"
#include "nlp/tagger_internal.h"

namespace dyad {
namespace nlp_internal {

void DescribeWord(std::string_view form, TaggerWord* out) {
  const std::string lower = AsciiLower(form);
  out->form = HashBytes(form);
  out->lower = HashBytes(lower);
  out->shape = HashBytes(WordShape(form));
  for (int k = 0; k < 3; ++k) out->prefix[k] = HashBytes(std::string_view(lower).substr(0, k + 1));
  for (int k = 0; k < 5; ++k) {
    size_t n = std::min<size_t>(lower.size(), k + 1);
    out->suffix[k] = HashBytes(std::string_view(lower).substr(lower.size() - n));
  }
  const size_t hyphen = lower.rfind('-');
  out->after_hyphen = hyphen != std::string::npos && hyphen > 0 && hyphen + 1 < lower.size()
                          ? HashBytes(std::string_view(lower).substr(hyphen + 1))
                          : 0;
  uint32_t f = 0;
  bool all_upper = !form.empty();
  for (unsigned char c : form) {
    if (c >= 'a' && c <= 'z') all_upper = false;
    if (c >= '0' && c <= '9') f |= 4;
    if (c == '-') f |= 8;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) f |= 16;
  }
  if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') f |= 1;
  if (all_upper && (f & 16)) f |= 2;
  out->flags = f;
  out->frequent_class = -1;
  out->sure_class = -1;
  for (uint32_t& c : out->cluster) c = 0;
  out->clustered = false;
}

void TaggerModel::Describe(std::string_view form, TaggerWord* out) const {
  DescribeWord(form, out);
  uint32_t v = tag_dict.Find(out->lower);
  if (v != HashIndex::kMissing) {
    out->frequent_class = static_cast<int32_t>(v >> 1);
    if (v & 1) out->sure_class = out->frequent_class;
  }
  v = form_dict.Find(out->form);
  out->form_class = v == HashIndex::kMissing ? -1 : static_cast<int32_t>(v);
  clusters.Lookup(out->lower, out->cluster);
  out->clustered = !clusters.empty();
}

void TaggerModel::DescribeSentence(const std::vector<std::string_view>& forms,
                                   std::vector<TaggerWord>* out) const {
  out->resize(forms.size());
  int letters = 0, caps = 0;
  for (size_t i = 0; i < forms.size(); ++i) {
    Describe(forms[i], &(*out)[i]);
    const uint32_t f = (*out)[i].flags;
    if (f & 16) {
      ++letters;
      if (f & 1) ++caps;
    }
  }
  const uint32_t bucket = letters < 3               ? 0
                          : caps * 10 < letters * 3 ? 1
                          : caps * 10 < letters * 6 ? 2
                                                    : 3;
  for (TaggerWord& w : *out) w.sentence_caps = bucket;
}

void TaggerModel::Tag(const std::vector<TaggerWord>& words, std::vector<int>* cls,
                      float* scores) const {
  const uint32_t nc = weights.num_classes();
  uint64_t feats[kMaxTaggerFeatures];
  cls->resize(words.size());
  int p1 = -1, p2 = -1;
  for (size_t i = 0; i < words.size(); ++i) {
    int best = words[i].sure_class;
    if (best < 0) {
      const int n = ExtractTaggerFeatures(words, static_cast<int>(i), p1, p2, feats);
      std::fill(scores, scores + weights.score_size(), 0.0f);
      weights.Score(feats, static_cast<size_t>(n), scores);
      best = static_cast<int>(std::max_element(scores, scores + nc) - scores);
    }
    (*cls)[i] = best;
    p2 = p1;
    p1 = best;
  }
  TakeAFiniteVerb(words, cls, scores);
}

void TaggerModel::SetVerbClasses() {
  class_kind.assign(upos.size(), 0);
  past = participle = -1;
  for (size_t c = 0; c < upos.size(); ++c) {
    const std::string& x = xpos[c];
    uint8_t& k = class_kind[c];
    if (x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD") k |= kFinite;
    if (upos[c] == "AUX") k |= kAux;
    if (upos[c] == "ADP") k |= kAdp;
    if (Nominal(static_cast<int>(c))) k |= kNominal;
    if (upos[c] == "VERB" && x == "VBD") past = static_cast<int>(c);
    if (upos[c] == "VERB" && x == "VBN") participle = static_cast<int>(c);
  }
}

// News prose almost always has a finite verb where EWT's web text often has
// none ("Food served cold."), and a tagger trained on EWT reads "Police
// arrested 40 people." as such a fragment. The past tense must have been the
// tagger's second choice: a participle that cannot be a past tense stays.
bool TaggerModel::TakeAFiniteVerb(const std::vector<TaggerWord>& words, std::vector<int>* cls,
                                  float* scores) const {
  const int n = static_cast<int>(words.size());
  if (past < 0 || participle < 0 || n < 3) return false;
  int first_finite = n;
  for (int i = 0; i < n && first_finite == n; ++i) {
    if (class_kind[(*cls)[i]] & kFinite) first_finite = i;
  }
  if (first_finite < 2) return false;
  // A finite verb after the participle must be set off by a comma after it
  // ("Gunmen killed 12 villagers, police said"): the last comma before it.
  const uint64_t comma = HashBytes(",");
  int last_comma = -1;
  for (int j = 0; j < first_finite; ++j) {
    if (words[j].lower == comma) last_comma = j;
  }
  const uint32_t nc = weights.num_classes();
  uint64_t feats[kMaxTaggerFeatures];
  auto score_at = [&](int i) {
    const int p1 = i >= 1 ? (*cls)[i - 1] : -1, p2 = i >= 2 ? (*cls)[i - 2] : -1;
    const int k = ExtractTaggerFeatures(words, i, p1, p2, feats);
    std::fill(scores, scores + weights.score_size(), 0.0f);
    weights.Score(feats, static_cast<size_t>(k), scores);
  };
  int chosen = -1;
  float least = 0;
  bool aux = false;      // an auxiliary before: "having visited", "is ... seen"
  bool subject = false;  // a nominal before, no comma since: not "Highly recommended."
  bool pp = false;       // in a prepositional phrase: "In a statement issued Tuesday, ..."
  for (int i = 0; i < first_finite; ++i) {
    const int c = (*cls)[i];
    const uint8_t kind = class_kind[c];
    const bool was_subject = subject;
    aux = aux || (kind & kAux);
    if (words[i].lower == comma) subject = pp = false;
    if (kind & kAdp) pp = true;
    if ((kind & kNominal) && !pp) subject = true;
    if (c != participle || words[i].sure_class >= 0 || aux || !was_subject) continue;
    if (first_finite < n && last_comma <= i) continue;
    score_at(i);
    int second = -1;
    for (uint32_t c = 0; c < nc; ++c) {
      if (static_cast<int>(c) == participle) continue;
      if (second < 0 || scores[c] > scores[second]) second = static_cast<int>(c);
    }
    if (second != past) continue;
    const float margin = scores[participle] - scores[past];
    if (chosen < 0 || margin < least) {
      chosen = i;
      least = margin;
    }
  }
  if (chosen < 0) return false;
  (*cls)[chosen] = past;
  for (int i = chosen + 1; i < n; ++i) {
    if (words[i].sure_class >= 0) continue;
    score_at(i);
    (*cls)[i] = static_cast<int>(std::max_element(scores, scores + nc) - scores);
  }
  return true;
}

int TaggerModel::TableFeats(const TaggerWord& w, int cls) const {
  const uint32_t v = word_feats.Find(Feat(0, w.lower, static_cast<uint64_t>(cls)));
  if (v != HashIndex::kMissing) return (v & 1) ? -1 : static_cast<int>(v >> 1);
  // An unknown word: the class decides unless it has several FEATS.
  const uint32_t a = class_cand_start[cls], b = class_cand_start[cls + 1];
  return b - a == 1 ? static_cast<int>(class_cands[a]) : -1;
}

int TaggerModel::PredictFeats(const std::vector<TaggerWord>& words, const std::vector<int>& cls,
                              int i, float* scores) const {
  const int c = cls[i];
  const int fixed = TableFeats(words[i], c);
  if (fixed >= 0) return fixed;
  uint64_t f[kMaxFeatsFeatures];
  const int n = ExtractFeatsFeatures(*this, words, cls, i, f);
  const uint32_t a = class_cand_start[c], b = class_cand_start[c + 1];
  std::fill(scores, scores + feats_weights.score_size(), 0.0f);
  feats_weights.Score(f, static_cast<size_t>(n), scores);
  int best = static_cast<int>(class_cands[a]);
  for (uint32_t k = a + 1; k < b; ++k) {
    if (scores[class_cands[k]] > scores[best]) best = static_cast<int>(class_cands[k]);
  }
  return best;
}

int ExtractFeatsFeatures(const TaggerModel& model, const std::vector<TaggerWord>& words,
                         const std::vector<int>& cls, int i, uint64_t* out) {
  const int n = static_cast<int>(words.size());
  const uint64_t c = static_cast<uint64_t>(cls[i]);
  auto cl = [&](int j) { return j >= 0 && j < n ? static_cast<uint64_t>(cls[j] + 2) : 0; };
  auto lw = [&](int j) { return j >= 0 && j < n ? words[j].lower : 0; };
  // The nearest nominal before the word (the subject, for a verb).
  int subj = -1;
  for (int j = i - 1; j >= 0 && j >= i - 8; --j) {
    if (model.Nominal(cls[j])) {
      subj = j;
      break;
    }
  }
  const bool question = n > 0 && words[n - 1].lower == HashBytes("?");
  int k = 0;
  out[k++] = Feat(101, c);
  out[k++] = Feat(102, c, words[i].lower);
  out[k++] = Feat(103, c, words[i].suffix[2]);
  out[k++] = Feat(104, c, cl(i - 1));
  out[k++] = Feat(105, c, cl(i + 1));
  out[k++] = Feat(106, c, lw(i - 1));
  out[k++] = Feat(107, c, lw(i + 1));
  out[k++] = Feat(108, c, i == 0 ? 1 : 0);
  out[k++] = Feat(109, c, cl(i - 2), cl(i - 1));
  out[k++] = Feat(110, c, cl(i + 1), cl(i + 2));
  out[k++] = Feat(111, c, subj >= 0 ? words[subj].lower : 1);
  out[k++] = Feat(112, c, subj >= 0 ? static_cast<uint64_t>(cls[subj] + 2) : 1);
  out[k++] = Feat(113, c, words[i].lower, question ? 1 : 0);
  out[k++] = Feat(114, c, words[i].lower, cl(i - 1));
  out[k++] = Feat(115, c, words[i].lower, cl(i + 1));
  out[k++] = Feat(116, c, subj >= 0 ? words[subj].lower : 1, words[i].lower);
  out[k++] = Feat(117, c, words[i].flags & 1, i == 0 ? 1 : 0);
  return k;
}

int ExtractTaggerFeatures(const std::vector<TaggerWord>& words, int i, int p1, int p2,
                          uint64_t* out) {
  const int n = static_cast<int>(words.size());
  static const TaggerWord kPad = [] {
    TaggerWord w;
    DescribeWord("<pad>", &w);
    w.form = w.lower = 7;
    return w;
  }();
  auto at = [&](int j) -> const TaggerWord& { return j >= 0 && j < n ? words[j] : kPad; };
  const TaggerWord& w = words[i];
  const TaggerWord& wp = at(i - 1);
  const TaggerWord& wpp = at(i - 2);
  const TaggerWord& wn = at(i + 1);
  const TaggerWord& wnn = at(i + 2);
  const uint64_t t1 = static_cast<uint64_t>(p1 + 2), t2 = static_cast<uint64_t>(p2 + 2);
  auto fc = [](const TaggerWord& x) { return static_cast<uint64_t>(x.frequent_class + 2); };
  int k = 0;
  out[k++] = Feat(1, 0);  // bias
  out[k++] = Feat(2, w.lower);
  out[k++] = Feat(3, w.form);
  for (int j = 0; j < 4; ++j) out[k++] = Feat(4 + j, w.suffix[j]);
  for (int j = 0; j < 3; ++j) out[k++] = Feat(8 + j, w.prefix[j]);
  out[k++] = Feat(11, w.shape);
  out[k++] = Feat(12, w.flags);
  out[k++] = Feat(13, t1);
  out[k++] = Feat(14, t2);
  out[k++] = Feat(15, t1, t2);
  out[k++] = Feat(16, t1, w.lower);
  out[k++] = Feat(17, wp.lower);
  out[k++] = Feat(18, wp.suffix[2]);
  out[k++] = Feat(19, wpp.lower);
  out[k++] = Feat(20, wn.lower);
  out[k++] = Feat(21, wn.suffix[2]);
  out[k++] = Feat(22, wnn.lower);
  out[k++] = Feat(23, wp.lower, w.lower);
  out[k++] = Feat(24, w.lower, wn.lower);
  out[k++] = Feat(25, fc(w));
  out[k++] = Feat(26, fc(wn));
  out[k++] = Feat(27, fc(wnn));
  out[k++] = Feat(28, fc(wn), fc(wnn));
  out[k++] = Feat(29, t1, fc(wn));
  out[k++] = Feat(30, wn.shape);
  out[k++] = Feat(31, wp.shape);
  out[k++] = Feat(32, t1, w.suffix[2]);
  out[k++] = Feat(33, wn.suffix[0]);
  out[k++] = Feat(34, w.flags, i == 0 ? 1 : 0);
  out[k++] = Feat(35, w.suffix[1], wn.lower);
  out[k++] = Feat(36, wp.lower, t1, w.suffix[2]);
  out[k++] = Feat(37, fc(w), t1);
  out[k++] = Feat(38, fc(w), fc(wn));
  out[k++] = Feat(39, t1, w.shape);
  out[k++] = Feat(40, w.suffix[4]);
  if (w.after_hyphen != 0) out[k++] = Feat(41, w.after_hyphen);
  out[k++] = Feat(42, wn.lower, wnn.lower);
  out[k++] = Feat(43, wp.lower, wn.lower);
  out[k++] = Feat(44, t1, wn.lower);
  out[k++] = Feat(45, t2, t1, fc(w));
  out[k++] = Feat(46, wn.prefix[0], wn.flags);
  auto fcf = [](const TaggerWord& x) { return static_cast<uint64_t>(x.form_class + 2); };
  out[k++] = Feat(47, fcf(w));
  out[k++] = Feat(48, fcf(w), fc(w));
  out[k++] = Feat(49, w.sentence_caps, w.flags);
  out[k++] = Feat(50, w.sentence_caps, fcf(w), fc(w));
  out[k++] = Feat(51, w.sentence_caps, w.flags, i == 0 ? 1 : 0);
  // Word clusters (levels 0, 1, 2: coarse to fine); nothing for a model
  // without clusters.
  if (w.clustered) {
    out[k++] = Feat(52, w.cluster[2]);
    out[k++] = Feat(53, w.cluster[1]);
    out[k++] = Feat(54, w.cluster[0]);
    out[k++] = Feat(55, wp.cluster[2]);
    out[k++] = Feat(56, wn.cluster[2]);
    out[k++] = Feat(57, t1, w.cluster[1]);
    out[k++] = Feat(58, w.cluster[1], wn.cluster[1]);
    out[k++] = Feat(59, wp.cluster[1], w.cluster[1]);
    out[k++] = Feat(60, w.cluster[2], w.flags);
    out[k++] = Feat(61, wnn.cluster[1]);
    out[k++] = Feat(62, w.cluster[0], w.suffix[2]);
  }
  return k;
}

// Payload history:
//   1 — first version: classes, sparse weights, tag dictionaries (lower-cased
//       and exact forms), FEATS tables and FEATS classifier.
//   2 — word clusters (WordClusters) at the end.
void TaggerModel::Write(ModelWriter* w, uint32_t version) const {
  w->StringArray(upos);
  w->StringArray(xpos);
  weights.Write(w);
  tag_dict.Write(w);
  form_dict.Write(w);
  w->StringArray(feats);
  word_feats.Write(w);
  w->U32Array(class_cand_start);
  w->U32Array(class_cands);
  feats_weights.Write(w);
  if (version >= 2) clusters.Write(w);
}

Status TaggerModel::Read(ModelReader* r) {
  const uint32_t version = r->component_version();
  if (version != 1 && version != kTaggerVersion) {
    r->Fail("unsupported tagger payload version " + std::to_string(r->component_version()));
    return r->status();
  }
  if (!r->StringArray(&upos) || !r->StringArray(&xpos)) return r->status();
  if (upos.empty() || upos.size() != xpos.size() || upos.size() > 30000) {
    r->Fail("tagger: bad class list");
    return r->status();
  }
  const uint32_t nc = static_cast<uint32_t>(upos.size());
  if (!weights.Read(r, "tagger weights")) return r->status();
  if (weights.num_classes() != nc) {
    r->Fail("tagger: weights and classes differ in number");
    return r->status();
  }
  if (!tag_dict.Read(r, 2 * nc, "tag dictionary")) return r->status();
  if (!form_dict.Read(r, nc, "form dictionary")) return r->status();
  if (!r->StringArray(&feats)) return r->status();
  if (feats.empty()) {
    r->Fail("tagger: no FEATS strings");
    return r->status();
  }
  if (!word_feats.Read(r, 2 * static_cast<uint32_t>(feats.size()), "word FEATS"))
    return r->status();
  if (!r->U32Array(&class_cand_start) || !r->U32Array(&class_cands)) return r->status();
  if (class_cand_start.size() != nc + 1 || class_cand_start[0] != 0 ||
      class_cand_start.back() != class_cands.size()) {
    r->Fail("tagger: FEATS candidate table has the wrong size");
    return r->status();
  }
  for (uint32_t c = 0; c < nc; ++c) {
    if (class_cand_start[c + 1] <= class_cand_start[c]) {
      r->Fail("tagger: a class without FEATS candidates");
      return r->status();
    }
  }
  for (uint32_t v : class_cands) {
    if (v >= feats.size()) {
      r->Fail("tagger: FEATS candidate out of range");
      return r->status();
    }
  }
  if (!feats_weights.Read(r, "FEATS weights")) return r->status();
  if (feats_weights.num_classes() != feats.size()) {
    r->Fail("tagger: FEATS weights and FEATS strings differ in number");
    return r->status();
  }
  if (version >= 2 && !clusters.Read(r, "tagger word clusters")) return r->status();
  SetVerbClasses();
  return r->Finish();
}

}  // namespace nlp_internal

using nlp_internal::TaggerModel;
using nlp_internal::TaggerWord;

Tagger::Tagger(std::unique_ptr<TaggerModel> m) : m_(std::move(m)) {}
Tagger::~Tagger() = default;

Result<std::unique_ptr<Tagger>> Tagger::FromBytes(std::string bytes, const std::string& name) {
  auto r = ModelReader::FromBytes(std::move(bytes), name, ModelComponent::kTagger);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<TaggerModel>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<Tagger>(new Tagger(std::move(m)));
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  auto r = ModelReader::Open(path, ModelComponent::kTagger);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<TaggerModel>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<Tagger>(new Tagger(std::move(m)));
}

void Tagger::AnnotateSentence(Document* doc, uint32_t first, uint32_t count) const {
  std::vector<std::string_view> forms(count);
  for (uint32_t i = 0; i < count; ++i)
    forms[i] = nlp_internal::WordText(*doc, doc->words[first + i]);
  std::vector<TaggerWord> words;
  m_->DescribeSentence(forms, &words);
  std::vector<float> scores(std::max(m_->weights.score_size(), m_->feats_weights.score_size()));
  std::vector<int> cls;
  m_->Tag(words, &cls, scores.data());
  for (uint32_t i = 0; i < count; ++i) {
    Word& w = doc->words[first + i];
    w.upos = m_->upos[cls[i]];
    w.xpos = m_->xpos[cls[i]];
  }
  for (uint32_t i = 0; i < count; ++i) {
    doc->words[first + i].feats =
        m_->feats[m_->PredictFeats(words, cls, static_cast<int>(i), scores.data())];
  }
}

void Tagger::Annotate(Document* doc) const {
  for (const Sentence& s : doc->sentences) AnnotateSentence(doc, s.first_word, s.num_words);
}

}  // namespace dyad
