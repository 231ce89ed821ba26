// A record's text and CoNLL-U parse as a dyad Document: UD v1 labels
// upgraded to v2, parse forms aligned to the record text.
#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>

#include "dyad/conllu.h"
#include "dyad/event_eval.h"
#include "dyad/events.h"

namespace dyad {
namespace {

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Ways the text may spell a parse form: Penn Treebank escapes, and straight
// quotes and apostrophes that the text writes curly.
std::vector<std::string> TextFormsOf(std::string_view form) {
  std::vector<std::string> out = {std::string(form)};
  if (form == "``" || form == "''" || form == "\"") {
    out.insert(out.end(), {"\"", "\u201c", "\u201d"});
  } else if (form == "`") {
    out.insert(out.end(), {"'", "\u2018"});
  } else if (form == "-LRB-") {
    out.push_back("(");
  } else if (form == "-RRB-") {
    out.push_back(")");
  } else if (form == "-LSB-") {
    out.push_back("[");
  } else if (form == "-RSB-") {
    out.push_back("]");
  } else if (form == "-LCB-") {
    out.push_back("{");
  } else if (form == "-RCB-") {
    out.push_back("}");
  } else if (form.find('\'') != std::string_view::npos) {
    for (const char* apostrophe : {"\u2019", "\u2018"}) {
      std::string curly;
      for (char c : form) {
        if (c == '\'') curly += apostrophe;
        else curly += c;
      }
      out.push_back(std::move(curly));
    }
  }
  return out;
}

// How far ahead of the current position a form is looked for when it is not
// next in the text: enough to step over a word the parse left out, not so far
// that a repeated word further on is taken.
constexpr size_t kAlignWindow = 48;

}  // namespace

void UpgradeUdV1(Document* doc) {
  for (const Sentence& s : doc->sentences) {
    Word* words = doc->words.data() + s.first_word;
    // Head UPOS as the v1 parse gave it (before VERB -> AUX), so that the
    // relation mapping sees the same tags the annotators did.
    std::vector<std::string> head_upos(s.num_words);
    for (uint32_t i = 0; i < s.num_words; ++i) {
      int32_t h = words[i].head;
      if (h >= 0 && static_cast<uint32_t>(h) < s.num_words) head_upos[i] = words[h].upos;
    }
    for (uint32_t i = 0; i < s.num_words; ++i) {
      Word& w = words[i];
      const std::string v1 = w.deprel;
      w.deprel = UdV2Deprel(v1, head_upos[i]);
      if (w.upos == "CONJ") w.upos = "CCONJ";
      if (w.upos == "VERB" && (v1 == "cop" || v1 == "aux" || v1 == "auxpass")) w.upos = "AUX";
      if (v1 == "neg" && w.feats.find("Polarity=Neg") == std::string::npos) {
        // FEATS are sorted by name; Polarity sorts among them.
        if (w.feats.empty()) {
          w.feats = "Polarity=Neg";
        } else {
          std::vector<std::string> items;
          std::string cur;
          for (char c : w.feats + "|") {
            if (c == '|') {
              if (!cur.empty()) items.push_back(cur);
              cur.clear();
            } else {
              cur += c;
            }
          }
          items.push_back("Polarity=Neg");
          std::sort(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
            std::string la, lb;
            for (char c : a) la += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (char c : b) lb += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return la < lb;
          });
          w.feats.clear();
          for (const std::string& it : items) {
            if (!w.feats.empty()) w.feats += '|';
            w.feats += it;
          }
        }
      }
    }
  }
}

Article RecordArticle(const EventRecord& record, const std::string& file_name) {
  Article a;
  a.id = record.id;
  a.text = record.text;
  const std::string& d = record.date;
  bool digits = d.size() == 8;
  for (char c : d) digits = digits && c >= '0' && c <= '9';
  if (digits) a.date = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  a.origin = file_name + ":" + std::to_string(record.line);
  return a;
}

Result<Document> RecordDocument(const EventRecord& record, const std::string& file_name,
                                size_t* unaligned) {
  if (record.parse.empty()) {
    return Status::InvalidArgument(file_name + ":" + std::to_string(record.line) + ": record " +
                                   record.id + ": no <Parse>");
  }
  // Blank lines before the parse make the CoNLL-U reader's line numbers the
  // file's (a blank line before any token is not a sentence).
  std::string padded(record.parse_line > 1 ? record.parse_line - 1 : 0, '\n');
  padded += record.parse;
  std::istringstream in(padded);
  Result<ConlluCorpus> read = ReadConllu(in, file_name);
  if (!read.ok()) return read.status();
  Document& parsed = read->doc;
  if (parsed.sentences.empty()) {
    return Status::InvalidArgument(file_name + ":" + std::to_string(record.parse_line) +
                                   ": record " + record.id + ": empty <Parse>");
  }
  UpgradeUdV1(&parsed);

  Document doc;
  doc.article = RecordArticle(record, file_name);
  const std::string& text = doc.article.text;

  // Align each parse token to the text, in order.
  const size_t n = parsed.tokens.size();
  std::vector<std::optional<Span>> found(n);
  size_t pos = 0;
  for (size_t t = 0; t < n; ++t) {
    std::string_view form = parsed.Text(parsed.tokens[t].span);
    size_t p = pos;
    while (p < text.size() && IsSpaceByte(text[p])) ++p;
    for (const std::string& cand : TextFormsOf(form)) {
      if (cand.empty()) continue;
      size_t at = text.compare(p, cand.size(), cand) == 0 ? p : text.find(cand, p);
      if (at != std::string::npos && at - p <= kAlignWindow) {
        found[t] = Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + cand.size())};
        pos = at + cand.size();
        break;
      }
    }
  }
  // A token not found spans the text between its aligned neighbours (the
  // first of a run takes the gap, the others are empty at its end).
  size_t missing = 0;
  uint32_t prev_end = 0;
  for (size_t t = 0; t < n; ++t) {
    if (found[t]) {
      prev_end = found[t]->end;
      continue;
    }
    ++missing;
    uint32_t next_start = static_cast<uint32_t>(text.size());
    for (size_t u = t + 1; u < n; ++u) {
      if (found[u]) {
        next_start = found[u]->start;
        break;
      }
    }
    uint32_t b = prev_end, e = std::max(prev_end, next_start);
    while (b < e && IsSpaceByte(text[b])) ++b;
    while (e > b && IsSpaceByte(text[e - 1])) --e;
    found[t] = Span{b, e};
    prev_end = e;
  }
  if (unaligned) *unaligned += missing;

  Paragraph para;
  for (const Sentence& ps : parsed.sentences) {
    Sentence s = ps;
    for (uint32_t t = ps.first_token; t < ps.first_token + ps.num_tokens; ++t) {
      const Token& pt = parsed.tokens[t];
      Token tok = pt;
      tok.span = *found[t];
      bool same_text = tok.span.size() == pt.span.size() &&
                       std::string_view(text).substr(tok.span.start, tok.span.size()) ==
                           parsed.Text(pt.span);
      for (uint32_t w = pt.first_word; w < pt.first_word + pt.num_words; ++w) {
        Word word = parsed.words[w];
        if (same_text && word.span.start >= pt.span.start && word.span.end <= pt.span.end) {
          word.span = {tok.span.start + (word.span.start - pt.span.start),
                       tok.span.start + (word.span.end - pt.span.start)};
        } else {
          word.span = tok.span;
        }
        doc.words.push_back(std::move(word));
      }
      tok.span = *found[t];
      doc.tokens.push_back(tok);
    }
    if (ps.num_tokens > 0) {
      s.span = {found[ps.first_token]->start, found[ps.first_token + ps.num_tokens - 1]->end};
      if (s.span.end < s.span.start) s.span.end = s.span.start;
    }
    doc.sentences.push_back(s);
  }
  para.first_sentence = 0;
  para.num_sentences = static_cast<uint32_t>(doc.sentences.size());
  para.span = {doc.sentences.front().span.start, doc.sentences.back().span.end};
  doc.paragraphs.push_back(para);
  return doc;
}

}  // namespace dyad
