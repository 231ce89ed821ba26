#include <cstring>

#include "actors/phrase_trie_internal.h"
#include "dyad/utf8.h"

namespace dyad::actors_internal {
namespace {

// FNV-1a: tokens are short, and this keeps the hash identical on every build
// (std::hash<string_view> is not specified).
uint32_t HashBytes(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

uint64_t Mix64(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr size_t kMinChunk = 64 * 1024;
constexpr std::string_view kCurlyApostrophe = "\xE2\x80\x99";

// Copies `t` into *out with every U+2019 replaced by '\''.
void Straighten(std::string_view t, std::string* out) {
  out->clear();
  for (size_t k = 0; k < t.size();) {
    if (t.compare(k, 3, kCurlyApostrophe) == 0) {
      *out += '\'';
      k += 3;
    } else {
      *out += t[k++];
    }
  }
}

}  // namespace

StringPool::StringPool() : slots_(1024, 0) {}

std::string_view StringPool::Store(std::string_view s) {
  if (s.empty()) return std::string_view();
  if (chunk_used_ + s.size() > chunk_size_) {
    chunk_size_ = s.size() > kMinChunk ? s.size() : kMinChunk;
    chunks_.push_back(std::make_unique<char[]>(chunk_size_));
    chunk_used_ = 0;
  }
  char* p = chunks_.back().get() + chunk_used_;
  std::memcpy(p, s.data(), s.size());
  chunk_used_ += s.size();
  return std::string_view(p, s.size());
}

void StringPool::Grow() {
  std::vector<uint32_t> slots(slots_.size() * 2, 0);
  size_t mask = slots.size() - 1;
  for (uint32_t id = 0; id < strings_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = id + 1;
  }
  slots_.swap(slots);
}

uint32_t StringPool::Find(std::string_view s) const {
  uint32_t h = HashBytes(s);
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t v = slots_[i];
    if (v == 0) return kNone;
    if (hashes_[v - 1] == h && strings_[v - 1] == s) return v - 1;
  }
}

uint32_t StringPool::Intern(std::string_view s) {
  uint32_t h = HashBytes(s);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    uint32_t v = slots_[i];
    if (v == 0) break;
    if (hashes_[v - 1] == h && strings_[v - 1] == s) return v - 1;
  }
  uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.push_back(Store(s));
  hashes_.push_back(h);
  slots_[i] = id + 1;
  if (strings_.size() * 2 > slots_.size()) Grow();  // load <= 1/2
  return id;
}

EdgeMap::EdgeMap() : slots_(1024, Slot{kEmpty, 0}) {}

uint32_t EdgeMap::Find(uint64_t key) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = Mix64(key) & mask;; i = (i + 1) & mask) {
    if (slots_[i].key == key) return slots_[i].value;
    if (slots_[i].key == kEmpty) return kNone;
  }
}

uint32_t EdgeMap::FindOrInsert(uint64_t key, uint32_t value) {
  size_t mask = slots_.size() - 1;
  size_t i = Mix64(key) & mask;
  for (;; i = (i + 1) & mask) {
    if (slots_[i].key == key) return slots_[i].value;
    if (slots_[i].key == kEmpty) break;
  }
  slots_[i] = Slot{key, value};
  ++size_;
  if (size_ * 2 > slots_.size()) Grow();
  return value;
}

void EdgeMap::Grow() {
  std::vector<Slot> slots(slots_.size() * 2, Slot{kEmpty, 0});
  size_t mask = slots.size() - 1;
  for (const Slot& s : slots_) {
    if (s.key == kEmpty) continue;
    size_t i = Mix64(s.key) & mask;
    while (slots[i].key != kEmpty) i = (i + 1) & mask;
    slots[i] = s;
  }
  slots_.swap(slots);
}

uint32_t PhraseTrie::AddRoot() {
  values_.push_back(kNone);
  return static_cast<uint32_t>(values_.size() - 1);
}

uint32_t PhraseTrie::Insert(uint32_t root, const std::vector<std::string>& tokens) {
  uint32_t node = root;
  for (const std::string& t : tokens) {
    uint32_t id = tokens_.Intern(t);
    uint32_t fresh = static_cast<uint32_t>(values_.size());
    uint32_t child = edges_.FindOrInsert(Key(node, id), fresh);
    if (child == fresh) values_.push_back(kNone);
    node = child;
  }
  return node;
}

uint32_t PhraseTrie::Child(uint32_t node, std::string_view token) const {
  uint32_t id = tokens_.Find(token);
  return id == kNone ? kNone : edges_.Find(Key(node, id));
}

PhraseMatch PhraseTrie::Longest(uint32_t root, const std::vector<std::string_view>& tokens,
                                size_t start) const {
  PhraseMatch best;
  uint32_t node = root;
  std::string straightened;  // only used for tokens with a curly apostrophe
  for (size_t i = start; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (t.find(kCurlyApostrophe) != std::string_view::npos) {
      Straighten(t, &straightened);
      t = straightened;
    }
    uint32_t child = Child(node, t);
    if (child == kNone) {
      // An unsplit possessive ends a name: "israel's" is "israel" + "'s".
      std::string_view stem;
      if (t.size() > 2 && t.substr(t.size() - 2) == "'s") {
        stem = t.substr(0, t.size() - 2);
      } else if (t.size() > 2 && t.back() == '\'' && t[t.size() - 2] == 's') {
        stem = t.substr(0, t.size() - 1);
      }
      if (!stem.empty()) {
        uint32_t c = Child(node, stem);
        if (c != kNone && values_[c] != kNone) {
          best.length = i - start + 1;
          best.entry = values_[c];
        }
      }
      break;
    }
    node = child;
    if (values_[node] != kNone) {
      best.length = i - start + 1;
      best.entry = values_[node];
    }
  }
  return best;
}

void PhraseTokens(std::string_view phrase, std::vector<std::string>* tokens) {
  tokens->clear();
  // Nearly every phrase is ASCII: lower it without the Unicode tables.
  bool ascii = true;
  for (unsigned char c : phrase) ascii &= c < 0x80;
  std::string lowered;
  if (ascii) {
    lowered.assign(phrase);
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    Straighten(utf8::ToLower(phrase), &lowered);
  }
  auto add_word = [tokens](std::string_view w) {
    // Commas are tokens of their own.
    size_t b = 0;
    while (b <= w.size()) {
      size_t c = w.find(',', b);
      std::string_view part = w.substr(b, c == std::string_view::npos ? w.npos : c - b);
      if (!part.empty()) {
        if (part.size() > 2 && part.substr(part.size() - 2) == "'s") {
          tokens->emplace_back(part.substr(0, part.size() - 2));
          tokens->emplace_back("'s");
        } else if (part.size() > 2 && part.back() == '\'' && part[part.size() - 2] == 's') {
          tokens->emplace_back(part.substr(0, part.size() - 1));
          tokens->emplace_back("'");
        } else {
          tokens->emplace_back(part);
        }
      }
      if (c == std::string_view::npos) break;
      tokens->emplace_back(",");
      b = c + 1;
    }
  };
  size_t b = 0;
  for (size_t i = 0; i <= lowered.size(); ++i) {
    if (i == lowered.size() || lowered[i] == '_' || lowered[i] == ' ' || lowered[i] == '\t' ||
        lowered[i] == '\r' || lowered[i] == '\n' || lowered[i] == '\v' || lowered[i] == '\f') {
      if (i > b) add_word(std::string_view(lowered).substr(b, i - b));
      b = i + 1;
    }
  }
}

bool HyphenSplitVariant(const std::vector<std::string>& tokens, std::vector<std::string>* split) {
  bool any = false;
  for (const std::string& t : tokens) {
    size_t h = t.find('-');
    if (h != std::string::npos && h > 0 && t.find_last_of('-') + 1 < t.size()) any = true;
  }
  if (!any) return false;
  split->clear();
  for (const std::string& t : tokens) {
    size_t h = t.find('-');
    if (h == std::string::npos || h == 0 || t.find_last_of('-') + 1 == t.size()) {
      split->push_back(t);
      continue;
    }
    size_t b = 0;
    for (size_t i = 0; i <= t.size(); ++i) {
      if (i == t.size() || t[i] == '-') {
        if (i > b) split->push_back(t.substr(b, i - b));
        if (i < t.size()) split->push_back("-");
        b = i + 1;
      }
    }
  }
  return true;
}

}  // namespace dyad::actors_internal
