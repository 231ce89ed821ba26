// The NER model's tables learned from unlabelled text (word clusters,
// capitalisation statistics) and its gazetteer.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>

#include "dyad/text.h"
#include "train/perceptron_trainer.h"
#include "train/train_ner_internal.h"

namespace dyad::train_internal {

using nlp_internal::AsciiLower;
using nlp_internal::HashBytes;

Status ReadUnlabelledText(const std::vector<std::string>& paths, const std::string& data_dir,
                          WordSentences* out) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
      }
      if (ec) return Status::IOError("cannot list " + p + ": " + ec.message());
    } else if (std::filesystem::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      return Status::NotFound("unlabelled text " + p + " does not exist");
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return Status::OK();
  auto segmenter = Segmenter::Create(data_dir);
  if (!segmenter.ok()) return segmenter.status();
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IOError("cannot read " + f);
    std::stringstream ss;
    ss << in.rdbuf();
    Document doc;
    doc.article.text = ss.str();
    doc.article.origin = f;
    (*segmenter)->Segment(&doc, SegmentOptions{.raw = true});
    for (const Sentence& s : doc.sentences) {
      std::vector<std::string> words;
      for (uint32_t i = 0; i < s.num_words; ++i) {
        const Word& w = doc.words[s.first_word + i];
        words.emplace_back(w.form.empty() ? doc.Text(w.span) : std::string_view(w.form));
      }
      out->push_back(std::move(words));
    }
  }
  return Status::OK();
}

namespace {

// A word's context vector: sorted (dimension, weight) pairs, unit length.
struct SparseVector {
  std::vector<std::pair<uint32_t, float>> entries;
};

// Spherical k-means: `k` clusters of `vectors`; returns each vector's cluster.
std::vector<uint32_t> KMeans(const std::vector<SparseVector>& vectors, uint32_t dims, uint32_t k,
                             size_t init_pool, uint32_t seed, int iterations) {
  const size_t n = vectors.size();
  std::vector<uint32_t> assign(n, 0);
  if (n == 0 || k == 0) return assign;
  k = static_cast<uint32_t>(std::min<size_t>(k, n));
  // Initial centroids: k distinct words drawn from the most frequent ones.
  std::vector<uint32_t> pool(std::min(n, std::max<size_t>(init_pool, k)));
  for (uint32_t i = 0; i < pool.size(); ++i) pool[i] = i;
  std::mt19937 rng(seed);
  Shuffle(&pool, &rng);
  // Centroids stored dimension-major: centroid c of dimension d at [d * k + c].
  std::vector<float> cent(static_cast<size_t>(dims) * k, 0.0f);
  for (uint32_t c = 0; c < k; ++c) {
    for (const auto& [d, v] : vectors[pool[c]].entries) cent[size_t(d) * k + c] = v;
  }
  std::vector<float> scores(k);
  for (int it = 0; it < iterations; ++it) {
    size_t changed = 0;
    for (size_t i = 0; i < n; ++i) {
      std::fill(scores.begin(), scores.end(), 0.0f);
      for (const auto& [d, v] : vectors[i].entries) {
        const float* row = &cent[size_t(d) * k];
        for (uint32_t c = 0; c < k; ++c) scores[c] += v * row[c];
      }
      const uint32_t best =
          static_cast<uint32_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      if (best != assign[i] || it == 0) ++changed;
      assign[i] = best;
    }
    if (changed == 0) break;
    // New centroids: the normalised sums of their members; an empty cluster
    // keeps its centroid.
    std::vector<float> sum(cent.size(), 0.0f);
    std::vector<uint32_t> members(k, 0);
    for (size_t i = 0; i < n; ++i) {
      ++members[assign[i]];
      for (const auto& [d, v] : vectors[i].entries) sum[size_t(d) * k + assign[i]] += v;
    }
    std::vector<double> norm(k, 0.0);
    for (uint32_t d = 0; d < dims; ++d) {
      for (uint32_t c = 0; c < k; ++c) norm[c] += double(sum[size_t(d) * k + c]) * sum[size_t(d) * k + c];
    }
    for (uint32_t d = 0; d < dims; ++d) {
      for (uint32_t c = 0; c < k; ++c) {
        if (members[c] == 0 || norm[c] == 0) continue;
        cent[size_t(d) * k + c] = static_cast<float>(sum[size_t(d) * k + c] / std::sqrt(norm[c]));
      }
    }
  }
  return assign;
}

bool SentencePunct(std::string_view w) {
  return w == "." || w == "!" || w == "?" || w == ":" || w == "\"" || w == "``" || w == "''" ||
         w == "\xe2\x80\x9c" || w == "\xe2\x80\x9d" || w == "(" || w == "-" || w == "--" ||
         w == "..." || w == ";" || w == "*" || w == ">";
}

}  // namespace

void BuildClusters(const WordSentences& text, const std::vector<uint32_t>& sizes, int min_count,
                   uint32_t seed, ner_internal::Lexicon* lexicon, std::ostream* log) {
  const auto start = std::chrono::steady_clock::now();
  std::unordered_map<std::string, uint32_t> counts;
  for (const auto& s : text) {
    for (const std::string& w : s) ++counts[AsciiLower(w)];
  }
  // Vocabulary by falling count, then by spelling: ids do not depend on the
  // hash table's order.
  std::vector<std::pair<std::string, uint32_t>> vocab;
  for (const auto& [w, c] : counts) {
    if (c >= static_cast<uint32_t>(min_count)) vocab.emplace_back(w, c);
  }
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string, uint32_t> id;
  for (uint32_t i = 0; i < vocab.size(); ++i) id[vocab[i].first] = i;
  // Context dimensions: the kContext most frequent words on the left and on
  // the right, and the sentence edges.
  constexpr uint32_t kContext = 1000;
  const uint32_t nctx = std::min<uint32_t>(kContext, static_cast<uint32_t>(vocab.size()));
  const uint32_t edge = nctx, dims = 2 * (nctx + 1);
  std::vector<std::map<uint32_t, float>> ctx(vocab.size());
  std::vector<uint32_t> ids;
  for (const auto& s : text) {
    ids.assign(s.size(), UINT32_MAX);
    for (size_t i = 0; i < s.size(); ++i) {
      auto it = id.find(AsciiLower(s[i]));
      if (it != id.end()) ids[i] = it->second;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      if (ids[i] == UINT32_MAX) continue;
      const uint32_t left = i == 0 ? edge : ids[i - 1];
      const uint32_t right = i + 1 == s.size() ? edge : ids[i + 1];
      if (left <= edge) ctx[ids[i]][left] += 1.0f;
      if (right <= edge) ctx[ids[i]][nctx + 1 + right] += 1.0f;
    }
  }
  std::vector<SparseVector> vectors(vocab.size());
  for (size_t i = 0; i < vocab.size(); ++i) {
    double norm = 0;
    for (const auto& [d, c] : ctx[i]) norm += c;  // sqrt weights: sum of squares = sum
    for (const auto& [d, c] : ctx[i]) {
      vectors[i].entries.emplace_back(d, static_cast<float>(std::sqrt(c / norm)));
    }
  }
  ctx.clear();
  std::vector<uint32_t> packed(vocab.size(), 0);
  lexicon->cluster_sizes.clear();
  for (size_t l = 0; l < sizes.size(); ++l) {
    const std::vector<uint32_t> assign =
        KMeans(vectors, dims, sizes[l], 5000, seed + 31 * static_cast<uint32_t>(l), 12);
    for (size_t i = 0; i < vocab.size(); ++i) packed[i] |= (assign[i] & 1023) << (10 * l);
    lexicon->cluster_sizes.push_back(sizes[l]);
  }
  std::vector<uint64_t> keys;
  for (const auto& [w, c] : vocab) keys.push_back(HashBytes(w));
  lexicon->clusters.Build(keys, packed);
  if (log != nullptr) {
    *log << "ner clusters: " << vocab.size() << " words, "
         << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
         << " s" << std::endl;
  }
}

void BuildCapTable(const WordSentences& text, int min_count, ner_internal::Lexicon* lexicon) {
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> counts;  // capitalised, all
  for (const auto& s : text) {
    for (size_t i = 1; i < s.size(); ++i) {
      const std::string& w = s[i];
      if (SentencePunct(s[i - 1])) continue;
      const bool letter = !w.empty() && ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'));
      if (!letter) continue;
      auto& c = counts[AsciiLower(w)];
      if (w[0] >= 'A' && w[0] <= 'Z') ++c.first;
      ++c.second;
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>> rows;
  for (const auto& [w, c] : counts) {
    if (c.second < static_cast<uint32_t>(min_count)) continue;
    const double r = double(c.first) / c.second;
    const uint32_t bucket = r < 0.05 ? 1 : r < 0.3 ? 2 : r < 0.7 ? 3 : r < 0.95 ? 4 : 5;
    rows.emplace_back(HashBytes(w), bucket);
  }
  std::sort(rows.begin(), rows.end());
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  for (const auto& [k, v] : rows) {
    if (!keys.empty() && keys.back() == k) continue;
    keys.push_back(k);
    values.push_back(v);
  }
  lexicon->caps.Build(keys, values);
}

Status ReadGazetteer(const std::string& path, ner_internal::Lexicon* lexicon) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open gazetteer " + path);
  std::map<uint64_t, uint32_t> masks;
  std::string line;
  size_t lineno = 0;
  uint32_t max_words = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 >= line.size()) {
      return Status::InvalidArgument(path + ":" + std::to_string(lineno) +
                                     ": expected TYPE<TAB>name");
    }
    const std::string type = line.substr(0, tab);
    auto it = std::find(lexicon->gaz_types.begin(), lexicon->gaz_types.end(), type);
    uint32_t t = static_cast<uint32_t>(it - lexicon->gaz_types.begin());
    if (it == lexicon->gaz_types.end()) {
      if (lexicon->gaz_types.size() >= ner_internal::kMaxGazTypes) {
        return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": more than " +
                                       std::to_string(ner_internal::kMaxGazTypes) + " types");
      }
      lexicon->gaz_types.push_back(type);
    }
    std::string key;
    uint32_t words = 1;
    for (char c : line.substr(tab + 1)) {
      if (c == ' ') {
        ++words;
        continue;
      }
      key.push_back(c);
    }
    key = AsciiLower(key);
    // Hyphens and periods may be tokens of their own: allow for them.
    uint32_t pieces = words;
    for (char c : key) pieces += c == '-' || c == '.' || c == '\'';
    max_words = std::max(max_words, std::min(pieces, ner_internal::kMaxGazWords));
    masks[HashBytes(key)] |= 1u << t;
  }
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  for (const auto& [k, m] : masks) {
    keys.push_back(k);
    values.push_back(m);
  }
  lexicon->gazetteer.Build(keys, values);
  lexicon->gaz_max_words = max_words;
  return Status::OK();
}

}  // namespace dyad::train_internal
