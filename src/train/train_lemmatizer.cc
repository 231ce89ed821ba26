// Lemmatizer training: counts over the gold (form, XPOS, lemma) triples.
#include <chrono>
#include <map>

#include "dyad/model_file.h"
#include "dyad/nlp.h"
#include "dyad/train.h"
#include "nlp/lemmatizer_internal.h"
#include "train/train_internal.h"

namespace dyad {

using nlp_internal::LemmaRule;
using nlp_internal::LemmatizerModel;

namespace {

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

// The rule that turns `form` into `lemma`.
LemmaRule RuleFor(std::string_view form, std::string_view lemma) {
  LemmaRule r;
  r.lowercase = !HasUpper(lemma);
  const std::string base = r.lowercase ? nlp_internal::AsciiLower(form) : std::string(form);
  size_t lcp = 0;
  while (lcp < base.size() && lcp < lemma.size() && base[lcp] == lemma[lcp]) ++lcp;
  // Keep UTF-8 sequences whole.
  while (lcp > 0 && lcp < base.size() && (static_cast<unsigned char>(base[lcp]) & 0xC0) == 0x80)
    --lcp;
  r.strip = static_cast<uint32_t>(base.size() - lcp);
  r.append = std::string(lemma.substr(lcp));
  return r;
}

template <typename K, typename V>
K MostFrequentKey(const std::map<K, V>& counts) {
  K best{};
  V n{};
  bool first = true;
  for (const auto& [k, c] : counts) {
    if (first || c > n) {
      best = k;
      n = c;
      first = false;
    }
  }
  return best;
}

}  // namespace

Status TrainLemmatizer(const TrainOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto train = train_internal::ReadTreebank(options.train_path, options.max_sentences);
  if (!train.ok()) return train.status();
  const Document& doc = train->doc;

  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> exact, lower;
  for (const Word& w : doc.words) {
    const std::string form(nlp_internal::WordText(doc, w));
    if (w.lemma.empty()) continue;
    ++exact[{form, w.xpos}][w.lemma];
    ++lower[{nlp_internal::AsciiLower(form), w.xpos}][w.lemma];
  }

  LemmatizerModel model;
  std::map<std::string, uint32_t> lemma_ids;
  auto lemma_id = [&](const std::string& l) {
    auto [it, inserted] = lemma_ids.emplace(l, static_cast<uint32_t>(model.lemmas.size()));
    if (inserted) model.lemmas.push_back(l);
    return it->second;
  };
  {
    std::vector<uint64_t> keys;
    std::vector<uint32_t> values;
    for (const auto& [k, counts] : exact) {
      keys.push_back(nlp_internal::ExactLemmaKey(k.first, k.second));
      values.push_back(lemma_id(MostFrequentKey(counts)));
    }
    model.exact.Build(keys, values);
    keys.clear();
    values.clear();
    for (const auto& [k, counts] : lower) {
      keys.push_back(nlp_internal::LowerLemmaKey(k.first, k.second));
      values.push_back(lemma_id(MostFrequentKey(counts)));
    }
    model.lower_exact.Build(keys, values);
  }

  // Suffix rules, counted over word types so that a few frequent irregular
  // words do not dominate. A rule is keyed on suffixes at least as long as
  // what it strips.
  std::map<std::pair<std::string, std::string>, std::map<std::pair<uint32_t, std::string>, int>>
      suffix_counts;
  std::map<std::pair<uint32_t, std::string>, uint32_t> rule_ids;
  for (const auto& [k, counts] : exact) {
    const std::string& form = k.first;
    const std::string& lemma = MostFrequentKey(counts);
    const LemmaRule r = RuleFor(form, lemma);
    const uint32_t code = (r.strip << 1) | (r.lowercase ? 1 : 0);
    const std::string low = nlp_internal::AsciiLower(form);
    for (size_t len = r.strip; len <= std::min<size_t>(low.size(), nlp_internal::kMaxLemmaSuffix);
         ++len) {
      ++suffix_counts[{k.second, low.substr(low.size() - len)}][{code, r.append}];
    }
  }
  {
    std::vector<uint64_t> keys;
    std::vector<uint32_t> values;
    for (const auto& [k, counts] : suffix_counts) {
      const auto best = MostFrequentKey(counts);
      auto [it, inserted] = rule_ids.emplace(best, static_cast<uint32_t>(model.rules.size()));
      if (inserted)
        model.rules.push_back(LemmaRule{(best.first & 1) != 0, best.first >> 1, best.second});
      keys.push_back(nlp_internal::SuffixRuleKey(k.first, k.second));
      values.push_back(it->second);
    }
    model.suffix_rules.Build(keys, values);
  }

  ModelWriter w(ModelComponent::kLemmatizer, nlp_internal::kLemmatizerVersion);
  model.Write(&w);
  DYAD_RETURN_IF_ERROR(w.WriteTo(options.output_path));
  if (options.log != nullptr) {
    *options.log << "lemmatizer: " << model.lemmas.size() << " lemmas, " << model.rules.size()
                 << " rules, " << model.suffix_rules.size() << " suffix keys";
    if (!options.dev_path.empty()) {
      auto dev = ReadConlluFile(options.dev_path);
      if (!dev.ok()) return dev.status();
      Document sys = dev->doc;
      for (Word& x : sys.words)
        x.lemma = model.Lemmatize(nlp_internal::WordText(sys, x), x.xpos, x.upos);
      *options.log << "; dev (gold tags) " << train_internal::ScoreLine(dev->doc, sys, {"Lemmas"});
    }
    *options.log << "; written to " << options.output_path << " ("
                 << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                 << " s)" << std::endl;
  }
  return Status::OK();
}

}  // namespace dyad
