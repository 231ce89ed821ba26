// Comparing two codings of the same article at the level of (source country,
// target country, CAMEO root), and formatting the result.
#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "dyad/agreement_eval.h"

namespace dyad {
namespace {

std::string Country(const std::optional<EventActor>& a) {
  if (!a || !a->actor || a->actor->size() < 3) return "";
  return a->actor->substr(0, 3);
}

uint64_t NextRandom(uint64_t* state) {  // splitmix64
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::string SpanText(const Document& doc, Span s) {
  const std::string& t = doc.article.text;
  if (s.start >= t.size() || s.empty()) return "";
  return t.substr(s.start, std::min<size_t>(s.size(), t.size() - s.start));
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

std::string Describe(const Document& doc, const Event& e) {
  auto actor = [&](const std::optional<EventActor>& a) -> std::string {
    if (!a) return "-";
    std::string code = a->actor ? *a->actor : "?";
    return code + " \"" + OneLine(SpanText(doc, a->span)) + "\"";
  };
  std::string out = actor(e.source) + " -> " + actor(e.target) + " " + e.code + " [" +
                    OneLine(SpanText(doc, e.trigger)) + "]";
  if (!e.rule.empty()) out += "  " + OneLine(e.rule);
  return out;
}

std::vector<std::string> SentenceEvents(const Document& doc, uint32_t sentence) {
  std::vector<std::string> out;
  for (const Event& e : doc.events) {
    if (e.sentence == sentence) out.push_back(Describe(doc, e));
  }
  return out;
}

double Ratio(size_t a, size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

}  // namespace

double AgreementCounts::Agreement() const { return Ratio(both, both + only_dyad + only_reference); }
double AgreementCounts::DyadInReference() const { return Ratio(both, both + only_dyad); }
double AgreementCounts::ReferenceInDyad() const { return Ratio(both, both + only_reference); }

std::vector<std::pair<uint32_t, AgreementKey>> AgreementKeys(const Document& doc) {
  std::vector<std::pair<uint32_t, AgreementKey>> keys;
  for (const Event& e : doc.events) {
    AgreementKey k{Country(e.source), Country(e.target), e.root};
    if (k.source.empty() || k.target.empty() || k.root.empty()) continue;
    keys.emplace_back(e.sentence, std::move(k));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void CompareCodings(const Document& dyad, const Document& reference, AgreementTally* tally) {
  ++tally->articles;
  tally->dyad_events += dyad.events.size();
  tally->reference_events += reference.events.size();
  const auto a = AgreementKeys(dyad);
  const auto b = AgreementKeys(reference);
  tally->dyad_keys += a.size();
  tally->reference_keys += b.size();
  std::set<uint32_t> differing;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      ++tally->overall.only_dyad;
      ++tally->by_root[a[i].second.root].only_dyad;
      differing.insert(a[i].first);
      ++i;
    } else if (i == a.size() || b[j] < a[i]) {
      ++tally->overall.only_reference;
      ++tally->by_root[b[j].second.root].only_reference;
      differing.insert(b[j].first);
      ++j;
    } else {
      ++tally->overall.both;
      ++tally->by_root[a[i].second.root].both;
      ++i;
      ++j;
    }
  }
  for (uint32_t s : differing) {
    ++tally->disagreeing_sentences;
    if (tally->sample_size == 0) continue;
    size_t slot = tally->disagreements.size();
    if (slot >= tally->sample_size) {
      slot = NextRandom(&tally->seed) % tally->disagreeing_sentences;
      if (slot >= tally->sample_size) continue;
    }
    Disagreement d;
    d.article = dyad.article.id;
    d.sentence = s;
    if (s < dyad.sentences.size()) d.text = OneLine(SpanText(dyad, dyad.sentences[s].span));
    d.dyad = SentenceEvents(dyad, s);
    d.reference = SentenceEvents(reference, s);
    if (slot == tally->disagreements.size()) {
      tally->disagreements.push_back(std::move(d));
    } else {
      tally->disagreements[slot] = std::move(d);
    }
  }
}

std::string FormatAgreement(const AgreementTally& t) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "articles %zu; events: dyad %zu, reference %zu; "
                "(source, target, root) keys: dyad %zu, reference %zu\n",
                t.articles, t.dyad_events, t.reference_events, t.dyad_keys, t.reference_keys);
  out += buf;
  out += "root   both  only-dyad  only-ref  agreement  dyad-in-ref  ref-in-dyad\n";
  auto row = [&](const std::string& name, const AgreementCounts& c) {
    std::snprintf(buf, sizeof buf, "%-5s %5zu %10zu %9zu %9.1f%% %11.1f%% %11.1f%%\n", name.c_str(),
                  c.both, c.only_dyad, c.only_reference, 100 * c.Agreement(),
                  100 * c.DyadInReference(), 100 * c.ReferenceInDyad());
    out += buf;
  };
  for (const auto& [root, c] : t.by_root) row(root, c);
  row("all", t.overall);
  std::snprintf(buf, sizeof buf, "sentences where the codings differ: %zu\n",
                t.disagreeing_sentences);
  out += buf;
  return out;
}

std::string FormatDisagreements(const AgreementTally& t) {
  std::vector<const Disagreement*> order;
  for (const Disagreement& d : t.disagreements) order.push_back(&d);
  std::sort(order.begin(), order.end(), [](const Disagreement* x, const Disagreement* y) {
    return std::tie(x->article, x->sentence) < std::tie(y->article, y->sentence);
  });
  std::string out;
  int n = 0;
  for (const Disagreement* d : order) {
    out += "#" + std::to_string(++n) + " " + d->article + " sentence " +
           std::to_string(d->sentence) + "\n";
    out += "  text: " + d->text + "\n";
    if (d->dyad.empty()) out += "  dyad: (none)\n";
    for (const std::string& e : d->dyad) out += "  dyad: " + e + "\n";
    if (d->reference.empty()) out += "  ref:  (none)\n";
    for (const std::string& e : d->reference) out += "  ref:  " + e + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace dyad
