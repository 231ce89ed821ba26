#include "dyad/conllu.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace dyad {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cols;
}

bool ParseInt(std::string_view s, int* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::string Field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

bool HasSpaceAfterNo(std::string_view misc) {
  size_t start = 0;
  while (start <= misc.size()) {
    size_t bar = misc.find('|', start);
    std::string_view item = misc.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (item == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return false;
}

// Builds one corpus sentence by sentence.
class Builder {
 public:
  explicit Builder(std::string name) : name_(std::move(name)) {}

  Status Line(std::string_view line, int lineno) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return EndSentence(lineno);
    if (line[0] == '#') {
      std::string_view c = line.substr(1);
      if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
      if (c.substr(0, 6) == "newdoc") pending_newdoc_ = true;
      if (c.substr(0, 6) == "newpar") pending_newpar_ = true;
      comments_.emplace_back(c);
      return Status::OK();
    }
    auto cols = SplitTabs(line);
    if (cols.size() != 10) {
      return Status::Corruption(Where(lineno) + "expected 10 tab-separated columns, found " +
                                std::to_string(cols.size()));
    }
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) return Status::OK();  // empty node
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      int a, b;
      if (!ParseInt(id.substr(0, dash), &a) || !ParseInt(id.substr(dash + 1), &b) || b < a) {
        return Status::Corruption(Where(lineno) + "bad multi-word token range '" + std::string(id) + "'");
      }
      if (a != static_cast<int>(words_.size()) + 1) {
        return Status::Corruption(Where(lineno) + "multi-word token " + std::string(id) + " out of sequence");
      }
      mwt_end_ = b;
      AddToken(cols[1], HasSpaceAfterNo(cols[9]));
      return Status::OK();
    }
    int n;
    if (!ParseInt(id, &n) || n != static_cast<int>(words_.size() + mwt_words_.size()) + 1) {
      return Status::Corruption(Where(lineno) + "word id '" + std::string(id) + "' out of sequence");
    }
    Word w;
    w.form = std::string(cols[1]);
    w.lemma = Field(cols[2]);
    w.upos = Field(cols[3]);
    w.xpos = Field(cols[4]);
    w.feats = Field(cols[5]);
    int head = -1;
    if (cols[6] != "_") {
      if (!ParseInt(cols[6], &head) || head < 0) {
        return Status::Corruption(Where(lineno) + "bad head '" + std::string(cols[6]) + "'");
      }
      head -= 1;
    }
    w.head = head;
    w.deprel = Field(cols[7]);
    if (n <= mwt_end_) {
      mwt_words_.push_back(std::move(w));
      if (n == mwt_end_) FinishMwt();
    } else {
      AddToken(cols[1], HasSpaceAfterNo(cols[9]));
      words_.push_back(std::move(w));
      words_.back().span = tokens_.back().span;
      words_.back().token = static_cast<uint32_t>(tokens_.size() - 1);
    }
    return Status::OK();
  }

  Status EndSentence(int lineno) {
    if (mwt_end_ > static_cast<int>(words_.size())) {
      return Status::Corruption(Where(lineno) + "sentence ends inside a multi-word token");
    }
    if (tokens_.empty()) {
      // Comments without tokens (e.g. a trailing "# newdoc") wait for the next sentence.
      return Status::OK();
    }
    for (const Word& w : words_) {
      if (w.head >= static_cast<int>(words_.size())) {
        return Status::Corruption(Where(lineno) + "head points past the end of the sentence");
      }
    }
    Document& doc = corpus_.doc;
    std::string& text = doc.article.text;
    bool newdoc = pending_newdoc_ || corpus_.newdoc.empty();
    bool newpar = pending_newpar_ || newdoc;
    if (!text.empty()) text += newpar ? "\n" : " ";
    Sentence s;
    s.first_token = static_cast<uint32_t>(doc.tokens.size());
    s.first_word = static_cast<uint32_t>(doc.words.size());
    s.num_tokens = static_cast<uint32_t>(tokens_.size());
    s.num_words = static_cast<uint32_t>(words_.size());
    if (!sentence_text_.empty() && sentence_text_.back() == ' ') sentence_text_.pop_back();
    uint32_t base = static_cast<uint32_t>(text.size());
    text += sentence_text_;
    s.span = {base, static_cast<uint32_t>(text.size())};
    for (Token t : tokens_) {
      t.span.start += base;
      t.span.end += base;
      t.first_word += s.first_word;
      doc.tokens.push_back(t);
    }
    for (Word w : words_) {
      w.span.start += base;
      w.span.end += base;
      w.token += s.first_token;
      doc.words.push_back(std::move(w));
    }
    if (newpar) {
      Paragraph p;
      p.first_sentence = static_cast<uint32_t>(doc.sentences.size());
      p.span = s.span;
      doc.paragraphs.push_back(p);
    }
    doc.paragraphs.back().num_sentences++;
    doc.paragraphs.back().span.end = s.span.end;
    doc.sentences.push_back(s);
    corpus_.comments.push_back(std::move(comments_));
    corpus_.newdoc.push_back(newdoc);
    corpus_.newpar.push_back(newpar);
    comments_.clear();
    tokens_.clear();
    words_.clear();
    sentence_text_.clear();
    pending_newdoc_ = pending_newpar_ = false;
    mwt_end_ = 0;
    return Status::OK();
  }

  ConlluCorpus Take() { return std::move(corpus_); }

 private:
  std::string Where(int lineno) const { return name_ + ":" + std::to_string(lineno) + ": "; }

  void AddToken(std::string_view form, bool no_space_after) {
    Token t;
    uint32_t start = static_cast<uint32_t>(sentence_text_.size());
    sentence_text_ += form;
    t.span = {start, static_cast<uint32_t>(sentence_text_.size())};
    t.first_word = static_cast<uint32_t>(words_.size());
    t.num_words = 1;
    t.space_after = !no_space_after;
    if (t.space_after) sentence_text_ += ' ';
    tokens_.push_back(t);
  }

  // Gives the words of a multi-word token sub-spans of the token when their
  // forms spell it out ("do" + "n't"), else the whole token span.
  void FinishMwt() {
    Token& t = tokens_.back();
    t.num_words = static_cast<uint32_t>(mwt_words_.size());
    std::string_view surface = std::string_view(sentence_text_).substr(t.span.start, t.span.size());
    std::string joined;
    for (const Word& w : mwt_words_) joined += w.form;
    uint32_t pos = t.span.start;
    for (Word& w : mwt_words_) {
      w.token = static_cast<uint32_t>(tokens_.size() - 1);
      if (joined == surface) {
        w.span = {pos, pos + static_cast<uint32_t>(w.form.size())};
        pos = w.span.end;
      } else {
        w.span = t.span;
      }
      words_.push_back(std::move(w));
    }
    mwt_words_.clear();
  }

  std::string name_;
  ConlluCorpus corpus_;
  std::vector<std::string> comments_;
  std::vector<Token> tokens_;  // spans relative to sentence_text_
  std::vector<Word> words_;
  std::vector<Word> mwt_words_;
  std::string sentence_text_;
  int mwt_end_ = 0;
  bool pending_newdoc_ = false, pending_newpar_ = false;
};

}  // namespace

Result<ConlluCorpus> ReadConllu(std::istream& in, const std::string& name) {
  Builder b(name);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    DYAD_RETURN_IF_ERROR(b.Line(line, lineno));
  }
  if (in.bad()) return Status::IOError(name + ": read error");
  DYAD_RETURN_IF_ERROR(b.EndSentence(lineno + 1));
  return b.Take();
}

Result<ConlluCorpus> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  return ReadConllu(in, path);
}

std::string ConlluRawText(const ConlluCorpus& corpus) {
  std::string out;
  const Document& doc = corpus.doc;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    std::string_view text = doc.Text(doc.sentences[si].span);
    for (const std::string& c : corpus.comments[si]) {
      if (c.rfind("text = ", 0) == 0) text = std::string_view(c).substr(7);
    }
    if (si > 0) out += corpus.newpar[si] ? "\n\n" : " ";
    out += text;
  }
  if (!out.empty()) out += "\n";
  return out;
}

namespace {

std::string_view Col(const std::string& s) { return s.empty() ? std::string_view("_") : std::string_view(s); }

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace

void WriteConllu(const Document& doc, std::ostream& out, const ConlluWriteOptions& options) {
  const std::string& id = doc.article.id;
  size_t par = 0;
  // MISC NER=B-PER, NER=I-PER, ... for the words of doc.mentions (ner stage).
  std::vector<std::string> ner(doc.mentions.empty() ? 0 : doc.words.size());
  for (const Mention& m : doc.mentions) {
    for (uint32_t k = 0; k < m.num_words && m.first_word + k < ner.size(); ++k)
      ner[m.first_word + k] = (k == 0 ? "NER=B-" : "NER=I-") + m.type;
  }
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    const bool have_comments = options.comments && si < options.comments->size();
    if (have_comments) {
      for (const std::string& c : (*options.comments)[si]) out << "# " << c << '\n';
    } else {
      if (si == 0) out << "# newdoc id = " << (id.empty() ? "doc" : id) << '\n';
      while (par < doc.paragraphs.size() &&
             doc.paragraphs[par].first_sentence + doc.paragraphs[par].num_sentences <= si)
        ++par;
      if (par < doc.paragraphs.size() && doc.paragraphs[par].first_sentence == si) out << "# newpar\n";
      out << "# sent_id = " << (id.empty() ? "doc" : id) << '-' << (si + 1) << '\n';
      out << "# text = " << OneLine(doc.Text(s.span)) << '\n';
    }
    for (uint32_t ti = s.first_token; ti < s.first_token + s.num_tokens; ++ti) {
      const Token& t = doc.tokens[ti];
      const uint32_t w0 = t.first_word - s.first_word + 1;
      std::string_view misc = t.space_after ? "_" : "SpaceAfter=No";
      if (t.num_words > 1) {
        out << w0 << '-' << (w0 + t.num_words - 1) << '\t' << OneLine(doc.Text(t.span))
            << "\t_\t_\t_\t_\t_\t_\t_\t" << misc << '\n';
      }
      for (uint32_t k = 0; k < t.num_words; ++k) {
        const Word& w = doc.words[t.first_word + k];
        const std::string form = w.form.empty() ? OneLine(doc.Text(w.span)) : OneLine(w.form);
        out << (w0 + k) << '\t' << form << '\t' << Col(w.lemma) << '\t' << Col(w.upos) << '\t'
            << Col(w.xpos) << '\t' << Col(w.feats) << '\t';
        if (w.deprel.empty()) out << '_';
        else out << (w.head + 1);
        const std::string_view word_misc = t.num_words > 1 ? std::string_view("_") : misc;
        out << '\t' << Col(w.deprel) << "\t_\t";
        if (!ner.empty() && !ner[t.first_word + k].empty()) {
          out << ner[t.first_word + k];
          if (word_misc != "_") out << '|' << word_misc;
        } else {
          out << word_misc;
        }
        out << '\n';
      }
    }
    out << '\n';
  }
}

}  // namespace dyad
