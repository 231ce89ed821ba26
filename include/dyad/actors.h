// dyad/actors.h: the PETRARCH / Phoenix ACTOR and AGENT dictionaries, read as
// they are, and the lookups the actor stage needs over them: the longest
// dictionary phrase at a token, the code an actor holds on a date, the agent
// code of a generic noun, and the CAMEO composition of the two.
//
// How the formats are read, and dyad's decisions where they are ambiguous:
// docs/formats/dictionaries.md.
#ifndef DYAD_ACTORS_H_
#define DYAD_ACTORS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

namespace actors_internal {
struct DictionaryRep;  // src/actors/actor_dictionary_internal.h
}  // namespace actors_internal

// One dictionary file's name (used in problem messages and evidence) and its
// text, for dictionaries that do not come from disk (tests, fuzzing, embedding).
struct DictionarySource {
  std::string name;
  std::string text;
};

// Where an agent code goes when it is composed with an actor code: "~GOV" is a
// suffix (KOR + GOV -> KORGOV), "NGO~" a prefix (NGO + USA -> NGOUSA).
enum class AgentSide { kSuffix, kPrefix };

struct AgentCode {
  std::string_view code;  // without the '~', e.g. "GOVMED"
  AgentSide side = AgentSide::kSuffix;
};

// The result of a longest-phrase lookup: `length` tokens from `start` form the
// phrase of entry `entry`. length == 0 means no phrase starts there.
struct PhraseMatch {
  size_t length = 0;
  uint32_t entry = 0;
  explicit operator bool() const { return length > 0; }
};

// One code line of an actor entry: `code` holds from `from` to `to` inclusive
// (dates as YYYYMMDD integers). An unrestricted (default) code has
// from == kNoDateLimitLow and to == kNoDateLimitHigh.
struct DatedCode {
  std::string_view code;  // "---" is the format's null code (no actor)
  int32_t from = 0;
  int32_t to = 0;
  bool unrestricted = false;
};
inline constexpr int32_t kNoDateLimitLow = 0;
inline constexpr int32_t kNoDateLimitHigh = 99991231;

// The actor and agent dictionaries, loaded once and then immutable.
// Thread-safety: every const method may be called from any number of threads
// at once without locking (no mutable state after Load). Every string_view
// it returns points into the dictionary and lives as long as it does.
class ActorDictionary {
 public:
  ~ActorDictionary();
  ActorDictionary(const ActorDictionary&) = delete;
  ActorDictionary& operator=(const ActorDictionary&) = delete;

  // Reads the actor files in order (a phrase defined twice with different
  // codes keeps the later definition, as in PETRARCH, so a user's file listed
  // after the Phoenix ones overrides them) and the agent file (empty: none).
  // A malformed line is skipped and described in *problems as
  // "file:line: what is wrong"; everything else loads. `problems` may be null
  // (problems are then dropped). Fails only when a file cannot be read
  // (NotFound / IOError naming the file).
  static Result<std::unique_ptr<ActorDictionary>> Load(const std::vector<std::string>& actor_files,
                                                       const std::string& agent_file,
                                                       std::vector<std::string>* problems);
  // As Load, from text in memory. `agents` may be null.
  static Result<std::unique_ptr<ActorDictionary>> LoadFromSources(
      const std::vector<DictionarySource>& actors, const DictionarySource* agents,
      std::vector<std::string>* problems);

  // Longest actor phrase that starts at tokens[start].
  // REQUIRES: each token lower-cased with utf8::ToLower (the dictionary is
  // case-insensitive through this contract); start <= tokens.size().
  // Tokens follow the text stage's conventions: "Kim's" is "kim" + "'s",
  // "al-Qaeda" may be one token or "al" "-" "qaeda" (both are matched). A last
  // token with an unsplit possessive ("israel's") matches "israel" and counts
  // as part of the phrase. Curly apostrophes match straight ones.
  PhraseMatch LongestActorMatch(const std::vector<std::string_view>& lowered_tokens,
                                size_t start) const;
  // As above over the agent phrases, including generated plurals and
  // substitution-set expansions ("policemen", "ministries of ...").
  PhraseMatch LongestAgentMatch(const std::vector<std::string_view>& lowered_tokens,
                                size_t start) const;

  size_t actor_count() const;
  size_t agent_count() const;

  // The code actor `entry` holds on `yyyymmdd` (e.g. 20190108): the first of
  // its dated codes, in file order, whose range holds the date (limits
  // included); else its unrestricted code; else nullopt. The null code "---"
  // gives nullopt too (the format's "not an actor on that date").
  // REQUIRES: entry < actor_count().
  std::optional<std::string> CodeOn(uint32_t entry, int32_t yyyymmdd) const;
  // Every code line of `entry`, in file order, for evidence and for callers
  // without a date. REQUIRES: entry < actor_count().
  std::vector<DatedCode> Codes(uint32_t entry) const;
  // The primary phrase as written in the file ("MOHAMMAD_ZAHIR_SHAH_") and
  // "file:line" of its record, for "why was this coded?".
  // REQUIRES: entry < actor_count().
  std::string_view ActorName(uint32_t entry) const;
  std::string ActorSource(uint32_t entry) const;

  // The agent code of agent `entry`. REQUIRES: entry < agent_count().
  AgentCode Agent(uint32_t entry) const;
  // The phrase as written in the agents file (before plural / substitution
  // expansion) and "file:line". REQUIRES: entry < agent_count().
  std::string_view AgentName(uint32_t entry) const;
  std::string AgentSource(uint32_t entry) const;

 private:
  explicit ActorDictionary(std::unique_ptr<actors_internal::DictionaryRep> rep);
  std::unique_ptr<actors_internal::DictionaryRep> rep_;
};

// Composes an actor code with an agent code the CAMEO way, on 3-letter
// segments: a suffix agent is appended (KOR + ~GOV -> KORGOV, CHN + ~EDU ->
// CHNEDU), a prefix agent put in front (USA + NGO~ -> NGOUSA); segments the
// actor code already ends with (suffix) or starts with (prefix) are not
// repeated (USAGOV + ~GOVMED -> USAGOVMED, KORGOV + ~GOV -> KORGOV). An empty
// actor code gives the agent code alone ("police said" -> COP); the null code
// "---" stays "---". Compound codes "A/B" are composed part by part.
std::string ComposeActorAgent(std::string_view actor_code, const AgentCode& agent);

// Parses a dictionary date, YYYYMMDD or YYMMDD (YY 00-30 is 20YY, else 19YY,
// the KEDS/TABARI convention), into YYYYMMDD; nullopt when it is not a real
// calendar date in one of those forms.
std::optional<int32_t> ParseDictionaryDate(std::string_view text);

// Reads every file as `dyad dict check` does (a file is an agents file when
// its name contains "agent", case-insensitive, or its first code is written
// "~CODE" / "CODE~"; otherwise an actors file) and appends every problem to
// *problems. OK when there is none; InvalidArgument saying how many otherwise;
// NotFound / IOError when a file cannot be read.
Status CheckDictionaries(const std::vector<std::string>& files, std::vector<std::string>* problems);

}  // namespace dyad

#endif  // DYAD_ACTORS_H_
