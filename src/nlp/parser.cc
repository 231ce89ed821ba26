#include <algorithm>
#include <limits>

#include "dyad/nlp.h"
#include "nlp/parser_internal.h"
#include "nlp/tagger_internal.h"

namespace dyad {
namespace nlp_internal {

ParserWord DescribeParserWord(std::string_view form, std::string_view upos, std::string_view xpos,
                              const WordClusters* clusters) {
  ParserWord w;
  const std::string lower = AsciiLower(form);
  w.w = HashBytes(lower);
  w.s = HashBytes(std::string_view(lower).substr(lower.size() - std::min<size_t>(lower.size(), 3)));
  w.p = HashBytes(xpos);
  w.u = HashBytes(upos);
  if (clusters != nullptr) clusters->Lookup(w.w, w.c);
  return w;
}

ParseState::ParseState(int n_)
    : n(n_),
      head(n_, -1),
      label(n_, -1),
      lc1(n_, -1),
      lc2(n_, -1),
      rc1(n_, -1),
      rc2(n_, -1),
      nleft(n_, 0),
      nright(n_, 0),
      lset(n_, 0),
      rset(n_, 0) {
  stack.reserve(n_);
}

bool ParseState::Legal(int t) const {
  if (t == kShift) return b < n;
  const int s0 = S0();
  if (t == kReduce) return s0 >= 0 && head[s0] >= 0;
  if (s0 < 0 || b >= n) return false;
  if (IsLeft(t)) return head[s0] < 0;
  return true;  // RIGHT-ARC
}

void ParseState::AddArc(int h, int d, int l) {
  head[d] = h;
  label[d] = l;
  const uint64_t bit = uint64_t{1} << (l & 63);
  if (d < h) {
    ++nleft[h];
    lset[h] |= bit;
    if (lc1[h] < 0 || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] < 0 || d < lc2[h]) {
      lc2[h] = d;
    }
  } else {
    ++nright[h];
    rset[h] |= bit;
    if (rc1[h] < 0 || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] < 0 || d > rc2[h]) {
      rc2[h] = d;
    }
  }
}

void ParseState::Apply(int t) {
  if (t == kShift) {
    stack.push_back(b++);
  } else if (t == kReduce) {
    stack.pop_back();
  } else if (IsLeft(t)) {
    AddArc(b, stack.back(), LabelOf(t));
    stack.pop_back();
  } else {
    AddArc(stack.back(), b, LabelOf(t));
    stack.push_back(b++);
  }
}

int ExtractParserFeatures(const std::vector<ParserWord>& words, const ParseState& s,
                          uint64_t* out, bool clustered) {
  constexpr uint64_t kNone = 3;
  auto W = [&](int x) { return x >= 0 ? words[x].w : kNone; };
  auto P = [&](int x) { return x >= 0 ? words[x].p : kNone; };
  auto L = [&](int x) { return x >= 0 && s.label[x] >= 0 ? uint64_t(s.label[x] + 1) : 0; };
  const int sz = static_cast<int>(s.stack.size());
  const int s0 = sz > 0 ? s.stack[sz - 1] : -1;
  const int s1 = sz > 1 ? s.stack[sz - 2] : -1;
  const int n0 = s.b < s.n ? s.b : -1;
  const int n1 = s.b + 1 < s.n ? s.b + 1 : -1;
  const int n2 = s.b + 2 < s.n ? s.b + 2 : -1;
  const int s0h = s0 >= 0 ? s.head[s0] : -1;
  const int s0h2 = s0h >= 0 ? s.head[s0h] : -1;
  const int s0l = s0 >= 0 ? s.lc1[s0] : -1, s0l2 = s0 >= 0 ? s.lc2[s0] : -1;
  const int s0r = s0 >= 0 ? s.rc1[s0] : -1, s0r2 = s0 >= 0 ? s.rc2[s0] : -1;
  const int n0l = n0 >= 0 ? s.lc1[n0] : -1, n0l2 = n0 >= 0 ? s.lc2[n0] : -1;
  uint64_t dist = 0;
  if (s0 >= 0 && n0 >= 0) {
    int d = n0 - s0;
    dist = d <= 5 ? d : d <= 10 ? 6 : 7;
  }
  const uint64_t s0vl = s0 >= 0 ? s.nleft[s0] : 0, s0vr = s0 >= 0 ? s.nright[s0] : 0;
  const uint64_t n0vl = n0 >= 0 ? s.nleft[n0] : 0;
  const uint64_t s0sl = s0 >= 0 ? s.lset[s0] : 0, s0sr = s0 >= 0 ? s.rset[s0] : 0;
  const uint64_t n0sl = n0 >= 0 ? s.lset[n0] : 0;
  const uint64_t s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0);
  const uint64_t n1w = W(n1), n1p = P(n1), n2w = W(n2), n2p = P(n2);
  int k = 0;
  uint32_t t = 0;
  auto f1 = [&](uint64_t a) { out[k++] = Feat(++t, a); };
  auto f2 = [&](uint64_t a, uint64_t b) { out[k++] = Feat(++t, a, b); };
  auto f3 = [&](uint64_t a, uint64_t b, uint64_t c) { out[k++] = Feat(++t, a, b, c); };
  f1(0);  // bias
  // Single words.
  f2(s0w, s0p);
  f1(s0w);
  f1(s0p);
  f2(n0w, n0p);
  f1(n0w);
  f1(n0p);
  f2(n1w, n1p);
  f1(n1w);
  f1(n1p);
  f2(n2w, n2p);
  f1(n2w);
  f1(n2p);
  // Pairs.
  f3(s0w, s0p, Feat(0, n0w, n0p));
  f3(s0w, s0p, n0w);
  f3(s0w, n0w, n0p);
  f3(s0w, s0p, n0p);
  f3(s0p, n0w, n0p);
  f2(s0w, n0w);
  f2(s0p, n0p);
  f2(n0p, n1p);
  // Triples.
  f3(n0p, n1p, n2p);
  f3(s0p, n0p, n1p);
  f3(P(s0h), s0p, n0p);
  f3(s0p, P(s0l), n0p);
  f3(s0p, P(s0r), n0p);
  f3(s0p, n0p, P(n0l));
  // Distance.
  f2(s0w, dist);
  f2(s0p, dist);
  f2(n0w, dist);
  f2(n0p, dist);
  f3(s0w, n0w, dist);
  f3(s0p, n0p, dist);
  // Valency.
  f2(s0w, s0vr);
  f2(s0p, s0vr);
  f2(s0w, s0vl);
  f2(s0p, s0vl);
  f2(n0w, n0vl);
  f2(n0p, n0vl);
  // Unigrams of heads and children.
  f1(W(s0h));
  f1(P(s0h));
  f1(L(s0));
  f1(W(s0l));
  f1(P(s0l));
  f1(L(s0l));
  f1(W(s0r));
  f1(P(s0r));
  f1(L(s0r));
  f1(W(n0l));
  f1(P(n0l));
  f1(L(n0l));
  // Third order.
  f1(W(s0h2));
  f1(P(s0h2));
  f1(L(s0h));
  f1(W(s0l2));
  f1(P(s0l2));
  f1(L(s0l2));
  f1(W(s0r2));
  f1(P(s0r2));
  f1(L(s0r2));
  f1(W(n0l2));
  f1(P(n0l2));
  f1(L(n0l2));
  f3(s0p, P(s0l), P(s0l2));
  f3(s0p, P(s0r), P(s0r2));
  f3(s0p, P(s0h), P(s0h2));
  f3(n0p, P(n0l), P(n0l2));
  // Label sets.
  f2(s0w, s0sr);
  f2(s0p, s0sr);
  f2(s0w, s0sl);
  f2(s0p, s0sl);
  f2(n0w, n0sl);
  f2(n0p, n0sl);
  // Beyond Zhang & Nivre: the second stack item, whether S0 has a head, and
  // label-aware pairs.
  f2(W(s1), P(s1));
  f1(P(s1));
  f3(P(s1), s0p, n0p);
  f3(s0p, n0p, s0h >= 0 ? 1 : 0);
  f3(s0p, n0p, L(s0));
  f3(s0p, n0p, s0sr);
  f3(s0w, n0p, n1p);
  f3(s0p, n0w, n1p);
  f2(s0 >= 0 ? words[s0].u : kNone, n0 >= 0 ? words[n0].u : kNone);
  f3(s0p, n0p, s0 >= 0 && n0 >= 0 && s0 + 1 < n0 ? P(n0 - 1) : kNone);
  f3(s0p, n0p, s0 >= 0 && s0 + 1 < s.n ? P(s0 + 1) : kNone);
  // Suffixes and UPOS: a second opinion when a tag is wrong.
  auto S = [&](int x) { return x >= 0 ? words[x].s : kNone; };
  auto U = [&](int x) { return x >= 0 ? words[x].u : kNone; };
  f2(S(s0), s0p);
  f2(S(n0), n0p);
  f2(S(n0), s0p);
  f2(S(s0), n0p);
  f3(U(s0), U(n0), U(n1));
  f3(U(s1), U(s0), U(n0));
  if (clustered) {
    // Word clusters (Koo et al. 2008): levels 0, 1, 2, coarse to fine.
    auto C = [&](int x, int l) { return x >= 0 ? uint64_t(words[x].c[l]) : 2000; };
    f1(C(s0, 2));
    f1(C(n0, 2));
    f1(C(n1, 2));
    f2(C(s0, 1), n0p);
    f2(s0p, C(n0, 1));
    f2(C(s0, 1), C(n0, 1));
    f3(C(s0, 0), C(n0, 0), dist);
    f2(C(n0, 1), C(n1, 1));
    f3(s0p, n0p, C(n1, 0));
    f2(C(s0h, 1), s0p);
  }
  return k;
}

// Payload history:
//   1 — first version: deprel strings, index of "root", sparse weights over
//       2 + 2 * |deprels| transitions.
//   2 — the beam width (u32, 1 = greedy) after the index of "root".
//   3 — word clusters (WordClusters) at the end.
void ParserModel::Write(ModelWriter* w, uint32_t version) const {
  w->StringArray(deprels);
  w->U32(static_cast<uint32_t>(root_label));
  if (version >= 2) w->U32(static_cast<uint32_t>(beam));
  weights.Write(w);
  if (version >= 3) clusters.Write(w);
}

Status ParserModel::Read(ModelReader* r) {
  const uint32_t version = r->component_version();
  if (version < 1 || version > kParserVersion) {
    r->Fail("unsupported parser payload version " + std::to_string(version));
    return r->status();
  }
  uint32_t root = 0, width = 1;
  if (!r->StringArray(&deprels) || !r->U32(&root)) return r->status();
  if (version >= 2 && !r->U32(&width)) return r->status();
  if (deprels.empty() || deprels.size() > 64 || root >= deprels.size()) {
    r->Fail("parser: bad label list");
    return r->status();
  }
  if (width < 1 || width > kMaxBeam) {
    r->Fail("parser: bad beam width " + std::to_string(width));
    return r->status();
  }
  root_label = static_cast<int>(root);
  beam = static_cast<int>(width);
  if (!weights.Read(r, "parser weights")) return r->status();
  if (weights.num_classes() != 2 + 2 * deprels.size()) {
    r->Fail("parser: weights do not match the labels");
    return r->status();
  }
  if (version >= 3 && !clusters.Read(r, "parser word clusters")) return r->status();
  return r->Finish();
}

void TopCandidates(const ParseState& s, int item, double base, const float* scores,
                   uint32_t num_classes, int root_label, int k, std::vector<BeamCandidate>* out) {
  // A small sorted array of the best k (k <= kMaxBeam).
  BeamCandidate best[kMaxBeam];
  int m = 0;
  const AllowedTransitions allowed(s, root_label);
  for (uint32_t tu = 0; tu < num_classes; ++tu) {
    const int t = static_cast<int>(tu);
    if (m == k && scores[t] <= best[m - 1].score - base) continue;
    if (!allowed(t)) continue;
    BeamCandidate c{base + scores[t], item, t};
    int j;
    if (m < k) {
      j = m++;
    } else {
      if (!BetterCandidate(c, best[k - 1])) continue;
      j = k - 1;
    }
    while (j > 0 && BetterCandidate(c, best[j - 1])) {
      best[j] = best[j - 1];
      --j;
    }
    best[j] = c;
  }
  out->insert(out->end(), best, best + m);
}

namespace {

ParseState GreedyParse(const ParserModel& m, const std::vector<ParserWord>& words) {
  ParseState s(static_cast<int>(words.size()));
  const uint32_t nc = m.weights.num_classes();
  std::vector<float> scores(m.weights.score_size());
  uint64_t feats[kMaxParserFeatures];
  while (!s.Terminal()) {
    int nf = ExtractParserFeatures(words, s, feats, !m.clusters.empty());
    std::fill(scores.begin(), scores.end(), 0.0f);
    m.weights.Score(feats, static_cast<size_t>(nf), scores.data());
    int best = -1;
    float best_score = -std::numeric_limits<float>::infinity();
    const AllowedTransitions allowed(s, m.root_label);
    for (uint32_t t = 0; t < nc; ++t) {
      const int ti = static_cast<int>(t);
      if (scores[t] > best_score && allowed(ti)) {
        best = ti;
        best_score = scores[t];
      }
    }
    if (best < 0) best = kShift;  // always legal before the end
    s.Apply(best);
  }
  return s;
}

// Beam search: every item of the beam is extended by its allowed transitions
// and the `beam` best sequences are kept; a terminal item is carried over
// with its score until every item is terminal.
ParseState BeamParse(const ParserModel& m, const std::vector<ParserWord>& words) {
  const int n = static_cast<int>(words.size());
  const int k = m.beam;
  const uint32_t nc = m.weights.num_classes();
  std::vector<ParseState> cur, next;
  cur.reserve(k);
  next.reserve(k);
  cur.emplace_back(n);
  std::vector<double> cur_score{0.0}, next_score;
  std::vector<BeamCandidate> cands;
  std::vector<float> scores(m.weights.score_size());
  uint64_t feats[kMaxParserFeatures];
  for (;;) {
    cands.clear();
    bool done = true;
    for (size_t i = 0; i < cur.size(); ++i) {
      const ParseState& s = cur[i];
      if (s.Terminal()) {
        cands.push_back(BeamCandidate{cur_score[i], static_cast<int>(i), -1});
        continue;
      }
      done = false;
      const int nf = ExtractParserFeatures(words, s, feats, !m.clusters.empty());
      std::fill(scores.begin(), scores.end(), 0.0f);
      m.weights.Score(feats, static_cast<size_t>(nf), scores.data());
      TopCandidates(s, static_cast<int>(i), cur_score[i], scores.data(), nc, m.root_label, k,
                    &cands);
    }
    if (done) break;
    const size_t keep = std::min<size_t>(k, cands.size());
    std::partial_sort(cands.begin(), cands.begin() + keep, cands.end(), BetterCandidate);
    next_score.clear();
    for (size_t j = 0; j < keep; ++j) {
      const BeamCandidate& c = cands[j];
      if (j < next.size()) {
        next[j] = cur[c.item];
      } else {
        next.push_back(cur[c.item]);
      }
      if (c.t >= 0) next[j].Apply(c.t);
      next_score.push_back(c.score);
    }
    next.resize(keep, ParseState(0));
    std::swap(cur, next);
    std::swap(cur_score, next_score);
  }
  return std::move(cur[0]);
}

}  // namespace

ParseState RunParser(const ParserModel& model, const std::vector<ParserWord>& words) {
  if (model.beam > 1) return BeamParse(model, words);
  return GreedyParse(model, words);
}

}  // namespace nlp_internal

using nlp_internal::ParserModel;
using nlp_internal::ParserWord;
using nlp_internal::ParseState;

Parser::Parser(std::unique_ptr<ParserModel> m) : m_(std::move(m)) {}
Parser::~Parser() = default;

Result<std::unique_ptr<Parser>> Parser::FromBytes(std::string bytes, const std::string& name) {
  auto r = ModelReader::FromBytes(std::move(bytes), name, ModelComponent::kParser);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<ParserModel>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<Parser>(new Parser(std::move(m)));
}

Result<std::unique_ptr<Parser>> Parser::Load(const std::string& path) {
  auto r = ModelReader::Open(path, ModelComponent::kParser);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<ParserModel>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<Parser>(new Parser(std::move(m)));
}

void Parser::AnnotateSentence(Document* doc, uint32_t first, uint32_t count) const {
  if (count == 0) return;
  const int n = static_cast<int>(count);
  std::vector<ParserWord> words(count);
  for (uint32_t i = 0; i < count; ++i) {
    const Word& w = doc->words[first + i];
    words[i] = nlp_internal::DescribeParserWord(nlp_internal::WordText(*doc, w), w.upos, w.xpos,
                                                &m_->clusters);
  }
  const ParseState s = nlp_internal::RunParser(*m_, words);
  // Words left without a head: the first becomes the root, the others hang
  // from it.
  int root = -1;
  for (int i = 0; i < n; ++i) {
    if (s.head[i] < 0) {
      root = i;
      break;
    }
  }
  for (int i = 0; i < n; ++i) {
    Word& w = doc->words[first + i];
    if (i == root) {
      w.head = -1;
      w.deprel = m_->deprels[m_->root_label];
    } else if (s.head[i] < 0) {
      w.head = root;
      w.deprel = w.upos == "PUNCT" ? "punct" : "parataxis";
    } else {
      w.head = s.head[i];
      w.deprel = m_->deprels[s.label[i]];
    }
  }
}

void Parser::Annotate(Document* doc) const {
  for (const Sentence& s : doc->sentences) AnnotateSentence(doc, s.first_word, s.num_words);
}

void NlpModels::Annotate(Document* doc) const {
  for (const Sentence& s : doc->sentences) tagger->AnnotateSentence(doc, s.first_word, s.num_words);
  lemmatizer->Annotate(doc);
  for (const Sentence& s : doc->sentences) parser->AnnotateSentence(doc, s.first_word, s.num_words);
}

Result<std::unique_ptr<NlpModels>> LoadNlpModels(const std::string& models_dir) {
  auto m = std::make_unique<NlpModels>();
  auto t = Tagger::Load(models_dir + "/" + kTaggerFile);
  if (!t.ok()) return t.status();
  m->tagger = std::move(t.value());
  auto l = Lemmatizer::Load(models_dir + "/" + kLemmatizerFile);
  if (!l.ok()) return l.status();
  m->lemmatizer = std::move(l.value());
  auto p = Parser::Load(models_dir + "/" + kParserFile);
  if (!p.ok()) return p.status();
  m->parser = std::move(p.value());
  return m;
}

}  // namespace dyad
