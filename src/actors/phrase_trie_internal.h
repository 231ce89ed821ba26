// Internal to src/actors: string interning and the word trie that the actor
// and agent phrases are stored in.
//
// Memory layout, chosen so that the three Phoenix actor files and the agents
// file (about 100k phrases) load in a few tens of milliseconds and tens of MB:
// strings live once in chunked arenas (a string_view into them never moves),
// trie nodes are plain integers, and the edges of all nodes are one
// open-addressing hash table keyed by (parent node, token id). No node owns a
// container, so there is no per-node allocation.
#ifndef DYAD_SRC_ACTORS_PHRASE_TRIE_INTERNAL_H_
#define DYAD_SRC_ACTORS_PHRASE_TRIE_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/actors.h"

namespace dyad::actors_internal {

inline constexpr uint32_t kNone = 0xFFFFFFFFu;

// Interns strings: equal strings get the same dense id (0, 1, 2, ...).
// Not thread-safe while interning; Find and Get are const and safe to share.
class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  uint32_t Intern(std::string_view s);
  // kNone when `s` was never interned.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  std::string_view Store(std::string_view s);
  void Grow();

  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = 0;
  size_t chunk_size_ = 0;
  std::vector<std::string_view> strings_;
  std::vector<uint32_t> hashes_;  // per id, so that Grow does not rehash strings
  std::vector<uint32_t> slots_;   // id + 1; 0 is empty. Size is a power of two.
};

// (uint64 key -> uint32 value) with linear probing; the edge table of the trie.
class EdgeMap {
 public:
  EdgeMap();
  uint32_t Find(uint64_t key) const;
  // Returns the value stored for `key`, inserting `value` first when absent.
  uint32_t FindOrInsert(uint64_t key, uint32_t value);
  size_t size() const { return size_; }

 private:
  void Grow();
  struct Slot {
    uint64_t key;
    uint32_t value;
  };
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// A trie over lower-cased word tokens, with several roots (one per phrase
// kind) sharing the token pool and edge table. Each node holds one value
// (an entry id) or kNone.
class PhraseTrie {
 public:
  PhraseTrie() = default;
  PhraseTrie(const PhraseTrie&) = delete;
  PhraseTrie& operator=(const PhraseTrie&) = delete;

  uint32_t AddRoot();
  // The node that `tokens` lead to from `root`, created as needed.
  // REQUIRES: !tokens.empty().
  uint32_t Insert(uint32_t root, const std::vector<std::string>& tokens);
  uint32_t value(uint32_t node) const { return values_[node]; }
  void set_value(uint32_t node, uint32_t v) { values_[node] = v; }

  // The longest phrase from `root` that starts at tokens[start]; see
  // ActorDictionary::LongestActorMatch for the token contract.
  PhraseMatch Longest(uint32_t root, const std::vector<std::string_view>& tokens,
                      size_t start) const;

  size_t node_count() const { return values_.size(); }

 private:
  uint32_t Child(uint32_t node, std::string_view token) const;
  static uint64_t Key(uint32_t node, uint32_t token) {
    return (static_cast<uint64_t>(node) << 32) | token;
  }

  StringPool tokens_;
  EdgeMap edges_;
  std::vector<uint32_t> values_;
};

// The dictionary's tokens of a phrase as written in a file ("PEOPLE'S_BANK",
// "!MINIST! FOR_AGRICULTURE,_FISHERIES"): lower-cased, split at '_' and
// blanks, with the text stage's conventions applied so that the phrase meets
// the tokens a caller has: "'s" and a plural possessive "'" split off, commas
// separate tokens, curly apostrophes straightened.
void PhraseTokens(std::string_view phrase, std::vector<std::string>* tokens);

// The same tokens with every inner hyphen split off ("al-qaeda" -> "al" "-"
// "qaeda"), as the tokenizer does for most hyphens. Returns false (and leaves
// *split alone) when no token has an inner hyphen.
bool HyphenSplitVariant(const std::vector<std::string>& tokens, std::vector<std::string>* split);

}  // namespace dyad::actors_internal

#endif  // DYAD_SRC_ACTORS_PHRASE_TRIE_INTERNAL_H_
