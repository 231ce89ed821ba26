// IOB files (Universal NER IOB2, CoNLL IOB1) in and out.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "dyad/ner.h"

namespace dyad {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t at = line.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, at - start));
    start = at + 1;
  }
}

bool LooksLikeTag(std::string_view t) {
  return t == "O" || (t.size() > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-');
}

// Builds one sentence: words, tags -> document layers and mentions.
class Builder {
 public:
  Builder(const IobReadOptions& options, IobCorpus* corpus) : options_(options), c_(corpus) {}

  void AddWord(std::string_view form, std::string_view tag) {
    forms_.emplace_back(form);
    tags_.emplace_back(tag);
  }
  bool Empty() const { return forms_.empty(); }

  void EndSentence() {
    if (forms_.empty()) {
      pending_comments_.clear();
      return;
    }
    Document& d = c_->doc;
    std::string& text = d.article.text;
    if (!text.empty()) text.push_back('\n');
    Sentence s;
    s.first_token = static_cast<uint32_t>(d.tokens.size());
    s.first_word = static_cast<uint32_t>(d.words.size());
    s.span.start = static_cast<uint32_t>(text.size());
    const uint32_t si = static_cast<uint32_t>(d.sentences.size());
    bool open = false;  // a mention of type open_name is open
    std::string open_name;
    for (size_t i = 0; i < forms_.size(); ++i) {
      if (i > 0) text.push_back(' ');
      Word w;
      w.span.start = static_cast<uint32_t>(text.size());
      text += forms_[i];
      w.span.end = static_cast<uint32_t>(text.size());
      w.form = forms_[i];
      w.token = static_cast<uint32_t>(d.tokens.size());
      Token t;
      t.span = w.span;
      t.first_word = static_cast<uint32_t>(d.words.size());
      t.num_words = 1;
      d.tokens.push_back(t);
      d.words.push_back(std::move(w));

      // The tag: B-X / I-X / O, with unknown or unwanted types read as O.
      const std::string& tag = tags_[i];
      char bio = 'O';
      std::string type;
      if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
        bio = tag[0];
        type = tag.substr(2);
        const bool keep =
            type != "O" && (options_.types.empty() ||
                            std::find(options_.types.begin(), options_.types.end(), type) !=
                                options_.types.end());
        if (!keep) bio = 'O';
      }
      const bool continues = bio == 'I' && open && open_name == type;
      if (bio == 'O' || !continues) {
        open = false;
      }
      if (bio != 'O' && !continues) {
        Mention m;
        m.type = type;
        m.sentence = si;
        m.first_word = static_cast<uint32_t>(d.words.size() - 1);
        m.num_words = 1;
        m.span = d.words.back().span;
        d.mentions.push_back(std::move(m));
        open = true;
        open_name = type;
      } else if (continues) {
        Mention& m = d.mentions.back();
        ++m.num_words;
        m.span.end = d.words.back().span.end;
      }
    }
    if (c_->documents.empty() || new_document_) c_->documents.push_back(si);
    new_document_ = false;
    s.span.end = static_cast<uint32_t>(text.size());
    s.num_tokens = static_cast<uint32_t>(d.tokens.size()) - s.first_token;
    s.num_words = static_cast<uint32_t>(d.words.size()) - s.first_word;
    d.sentences.push_back(s);
    c_->comments.push_back(std::move(pending_comments_));
    pending_comments_.clear();
    forms_.clear();
    tags_.clear();
  }

  void AddComment(std::string_view c) {
    if (c.substr(0, 6) == "newdoc") new_document_ = true;
    pending_comments_.emplace_back(c);
  }
  void NewDocument() { new_document_ = true; }

 private:
  const IobReadOptions& options_;
  IobCorpus* c_;
  std::vector<std::string> forms_, tags_, pending_comments_;
  bool new_document_ = false;
};

}  // namespace

Result<IobCorpus> ReadIob(std::istream& in, const std::string& name,
                          const IobReadOptions& options) {
  IobCorpus corpus;
  Builder b(options, &corpus);
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view l(line);
    if (l.find_first_not_of(" \t") == std::string_view::npos) {
      b.EndSentence();
      continue;
    }
    const std::string where = name + ":" + std::to_string(lineno);
    if (l.find('\t') != std::string_view::npos) {
      std::vector<std::string_view> cols = Split(l, '\t');
      if (AllDigits(cols[0])) {
        if (cols.size() < 3) return Status::Corruption(where + ": needs ID, FORM and TAG columns");
        if (cols[1].empty()) return Status::Corruption(where + ": empty FORM");
        if (!LooksLikeTag(cols[2]))
          return Status::Corruption(where + ": '" + std::string(cols[2]) + "' is not an IOB tag");
        b.AddWord(cols[1], cols[2]);
        continue;
      }
      if (l[0] == '#' && b.Empty()) {
        std::string_view c = l.substr(1);
        if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
        b.AddComment(c);
        continue;
      }
      if (cols.size() < 2 || cols[0].empty() || !LooksLikeTag(cols.back()))
        return Status::Corruption(where + ": not FORM<TAB>TAG");
      b.AddWord(cols[0], cols.back());
      continue;
    }
    std::vector<std::string_view> cols = Split(l, ' ');
    cols.erase(std::remove(cols.begin(), cols.end(), std::string_view()), cols.end());
    if (cols.size() >= 1 && cols[0] == "-DOCSTART-") {
      b.EndSentence();
      b.NewDocument();
      continue;
    }
    if (l[0] == '#' && b.Empty() && (cols.size() < 2 || !LooksLikeTag(cols.back()))) {
      b.AddComment(l.substr(l.size() > 1 && l[1] == ' ' ? 2 : 1));
      continue;
    }
    if (cols.size() < 2 || !LooksLikeTag(cols.back()))
      return Status::Corruption(where + ": not FORM TAG");
    b.AddWord(cols[0], cols.back());
  }
  if (in.bad()) return Status::IOError(name + ": read error");
  b.EndSentence();
  Document& d = corpus.doc;
  d.article.id = name;
  d.article.origin = name;
  if (!d.sentences.empty()) {
    Paragraph p;
    p.span = Span{0, static_cast<uint32_t>(d.article.text.size())};
    p.first_sentence = 0;
    p.num_sentences = static_cast<uint32_t>(d.sentences.size());
    d.paragraphs.push_back(p);
  }
  return corpus;
}

Result<IobCorpus> ReadIobFile(const std::string& path, const IobReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  return ReadIob(in, path, options);
}

std::vector<std::string> MentionTags(const Document& doc) {
  std::vector<std::string> tags(doc.words.size(), "O");
  for (const Mention& m : doc.mentions) {
    for (uint32_t k = 0; k < m.num_words && m.first_word + k < tags.size(); ++k) {
      tags[m.first_word + k] = (k == 0 ? "B-" : "I-") + m.type;
    }
  }
  return tags;
}

void WriteIob(const Document& doc, std::ostream& out,
              const std::vector<std::vector<std::string>>* comments) {
  const std::vector<std::string> tags = MentionTags(doc);
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (comments != nullptr && si < comments->size()) {
      for (const std::string& c : (*comments)[si]) out << "# " << c << '\n';
    }
    for (uint32_t i = 0; i < s.num_words; ++i) {
      const Word& w = doc.words[s.first_word + i];
      std::string form = w.form.empty() ? std::string(doc.Text(w.span)) : w.form;
      for (char& c : form) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      }
      out << (i + 1) << '\t' << form << '\t' << tags[s.first_word + i] << '\n';
    }
    out << '\n';
  }
}

}  // namespace dyad
