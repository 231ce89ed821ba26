// dyad/document.h: the article and the layers that the stages add to it.
//
// Inside the library every span is a pair of BYTE offsets into Article::text
// (UTF-8, end exclusive). The output layer converts them to Unicode code
// points, which is what dyad/1 promises (see utf8.h: CodePointIndex).
// A stage reads the layers the earlier stages made and adds its own; it never
// rewrites an earlier layer.
#ifndef DYAD_DOCUMENT_H_
#define DYAD_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dyad {

struct Span {
  uint32_t start = 0;  // byte offset, inclusive
  uint32_t end = 0;    // byte offset, exclusive
  uint32_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  friend bool operator==(const Span&, const Span&) = default;
};

// One article as the readers deliver it. `text` is valid UTF-8 (readers repair
// it) and is "the input text" that all offsets refer to.
struct Article {
  std::string id;                  // from the input, else a stable content hash
  std::optional<std::string> url;
  std::optional<std::string> source;
  std::optional<std::string> date;  // YYYY-MM-DD
  std::optional<std::string> title;
  std::string text;
  // Where the body starts in `text`: for plain text, after the title line;
  // 0 when the title came separately (JSONL, HTML).
  uint32_t body_start = 0;
  // The title's span in `text` when the title is part of it (plain text).
  std::optional<Span> title_span;
  // Fields of a JSON Lines record that dyad does not know, as a serialized
  // JSON object ("{...}") to carry through to the output untouched; empty if
  // none.
  std::string extra_json;
  // Where it came from, for messages: "file.jsonl:12", "crawl.warc.gz#record 7".
  std::string origin;
};

// A line taken out of the article text by the cleaner.
struct Removed {
  Span span;
  std::string reason;  // "boilerplate", "caption", "blank", ...
};

// A syntactic word (a UD word line). Most tokens are one word; a multi-word
// token ("don't" -> "do" "n't") has several.
struct Word {
  // User-provided so that emplace_back() does not zero the whole struct
  // before constructing it (value-initialisation): the segmenter makes one
  // Word per token, and that zeroing showed in its profile.
  Word() {}
  Span span;             // part of the token's span that the word covers
  std::string form;      // may differ from the text for some multi-word tokens
  uint32_t token = 0;    // index of its token in Document::tokens
  // Filled by the nlp stage; empty before.
  std::string lemma, upos, xpos, feats, deprel;
  int32_t head = -1;     // index in the sentence's words (0-based), -1 = root
};

struct Token {
  Span span;
  uint32_t first_word = 0, num_words = 1;  // into Document::words
  bool space_after = true;                 // UD SpaceAfter (false: SpaceAfter=No)
};

struct Sentence {
  Span span;
  uint32_t first_token = 0, num_tokens = 0;  // into Document::tokens
  uint32_t first_word = 0, num_words = 0;    // into Document::words
};

struct Paragraph {
  Span span;
  uint32_t first_sentence = 0, num_sentences = 0;  // into Document::sentences
};

// A run of words that names something: found by the ner stage (type PER,
// ORG, LOC, ...) or by the actors stage (a dictionary phrase, a demonym, a
// metonym such as "Seoul" or "the North").
struct Mention {
  Span span;
  std::string type;                      // "PER", "ORG", "LOC", ...
  uint32_t sentence = 0;                 // index in Document::sentences
  uint32_t first_word = 0, num_words = 0;  // into Document::words
};

// One real-world entity of the article and every place it is named.
struct Entity {
  std::string canonical;  // the longest full form in the article
  std::string type;       // "PER", "ORG", "LOC", ...
  // The CAMEO actor code valid on the article's date, if one applies.
  std::optional<std::string> actor;
  // Where the code came from ("Phoenix.Countries.actors.txt:1234", or a note
  // such as "title: secretary of state"), for "why was this coded?".
  std::string actor_rule;
  std::vector<Mention> mentions;  // in text order
};

// A quotation or reported statement.
struct Quote {
  std::string kind;           // "direct", "indirect" or "mixed"
  std::vector<Span> content;  // its pieces in text order; several when interrupted
  std::optional<Span> cue;    // "said", "according to", ...
  std::optional<Span> speaker;  // the words naming the speaker here ("he", "Pompeo")
  int32_t speaker_entity = -1;  // index in Document::entities, -1 when unlinked
  std::optional<std::string> speaker_actor;  // from the entity or the speaker's words
  std::optional<Span> description;  // title or apposition: "U.S. Secretary of State"
  uint32_t sentence = 0;      // the sentence where the content starts
};

// One side of an event: the words and the actor code they resolve to.
struct EventActor {
  Span span;
  std::optional<std::string> actor;
  int32_t entity = -1;  // index in Document::entities, -1 when none
};

// A coded CAMEO event.
struct Event {
  std::string code;            // "051"
  std::string root;            // "05"
  int quad_class = 0;          // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0;
  std::string plover;          // PLOVER category
  std::optional<EventActor> source, target;
  uint32_t sentence = 0;
  std::optional<std::string> date;  // YYYY-MM-DD, YYYY-MM or YYYY
  bool negated = false;
  Span trigger;                // the words that carried the event
  std::string rule;            // the dictionary entry that matched, as "file:line: text"
  std::vector<std::string> issues;  // issue codes of the sentence
};

struct Document {
  Article article;
  std::vector<Removed> removed;
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Word> words;
  // Added by the ner stage: name mentions in text order.
  std::vector<Mention> mentions;
  // Added by the actors stage.
  std::vector<Entity> entities;
  // Added by the quotes stage.
  std::vector<Quote> quotes;
  // Added by the events stage.
  std::vector<Event> events;

  std::string_view Text(Span s) const {
    return std::string_view(article.text).substr(s.start, s.end - s.start);
  }
};

}  // namespace dyad

#endif  // DYAD_DOCUMENT_H_
