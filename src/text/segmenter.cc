// Segmenter: paragraphs -> tokens -> sentences, written into the Document.
//
// Paragraphs are blocks of lines separated by blank lines (lines of nothing
// but whitespace, no-break spaces included) or by lines the cleaner removed.
// A single line break inside a block is whitespace, except that it ends the
// sentence when the next line does not start in lower case (see
// WalkBoundaries).
#include <algorithm>
#include <cstring>

#include "dyad/resources.h"
#include "dyad/text.h"
#include "text/char_class_internal.h"
#include "text/segmenter_internal.h"
#include "text/sentence_splitter_internal.h"
#include "text/tokenizer_internal.h"

namespace dyad {
namespace text_internal {
namespace {

bool IsBlank(std::string_view text, uint32_t begin, uint32_t end) {
  size_t len;
  for (uint32_t k = begin; k < end; k += static_cast<uint32_t>(len)) {
    if (Classify(PeekAt(text, k, &len)) != CharClass::kSpace) return false;
  }
  return true;
}

class SegmenterImpl : public Segmenter {
 public:
  SegmenterImpl(Lexicon lexicon, BoundaryModel model)
      : lexicon_(std::move(lexicon)), model_(std::move(model)), tokenizer_(&lexicon_) {}

  void Segment(Document* doc, const SegmentOptions& options) const override {
    const std::string_view text = doc->article.text;
    const uint32_t size = static_cast<uint32_t>(text.size());
    uint32_t begin = options.raw ? 0 : std::min(doc->article.body_start, size);
    std::vector<Span> removed;
    if (!options.raw) {
      for (const Removed& r : doc->removed) removed.push_back(r.span);
      std::sort(removed.begin(), removed.end(),
                [](const Span& a, const Span& b) { return a.start < b.start; });
    }
    // About one token per five bytes of English; growing the vectors
    // token by token would copy them many times.
    doc->tokens.reserve(doc->tokens.size() + (size - begin) / 4);
    doc->words.reserve(doc->words.size() + (size - begin) / 4);
    Scratch scratch;
    size_t next_removed = 0;
    uint32_t para_start = 0, para_end = 0;
    bool in_para = false;
    for (uint32_t line = begin; line < size;) {
      const char* nl = static_cast<const char*>(std::memchr(text.data() + line, '\n', size - line));
      uint32_t line_end = nl ? static_cast<uint32_t>(nl - text.data()) : size;
      while (next_removed < removed.size() && removed[next_removed].end <= line) ++next_removed;
      bool is_removed = next_removed < removed.size() && removed[next_removed].start < line_end &&
                        removed[next_removed].end > line;
      if (is_removed || IsBlank(text, line, line_end)) {
        if (in_para) AddParagraph(doc, para_start, para_end, &scratch);
        in_para = false;
      } else {
        if (!in_para) para_start = line;
        para_end = line_end;
        in_para = true;
      }
      line = line_end + 1;
    }
    if (in_para) AddParagraph(doc, para_start, para_end, &scratch);
  }

 private:
  struct Scratch {
    std::vector<RawToken> tokens;
    BoundaryScratch boundaries;
    std::vector<uint8_t> ends;
  };

  void AddParagraph(Document* doc, uint32_t begin, uint32_t end, Scratch* s) const {
    const std::string_view text = doc->article.text;
    s->tokens.clear();
    tokenizer_.Tokenize(text, begin, end, &s->tokens);
    if (s->tokens.empty()) return;
    if (std::memchr(text.data() + begin, '\n', end - begin) != nullptr) MarkSoftWraps(text, s);
    SplitSentences(text, s->tokens, &model_, &s->boundaries, &s->ends);
    Paragraph para;
    para.span = {s->tokens.front().start, s->tokens.back().end};
    para.first_sentence = static_cast<uint32_t>(doc->sentences.size());
    Sentence sent;
    bool open = false;
    for (size_t k = 0; k < s->tokens.size(); ++k) {
      const RawToken& rt = s->tokens[k];
      if (!open) {
        sent = Sentence();
        sent.span.start = rt.start;
        sent.first_token = static_cast<uint32_t>(doc->tokens.size());
        sent.first_word = static_cast<uint32_t>(doc->words.size());
        open = true;
      }
      // EWT splits the period off an abbreviation that ends a sentence: it is
      // the sentence's final punctuation ("etc" "."), and "U.S." elsewhere.
      if (s->ends[k] && rt.abbreviation && rt.end - rt.start > 1) {
        RawToken word = rt, period = rt;
        word.end = rt.end - 1;
        word.space_after = false;
        period.start = rt.end - 1;
        AddToken(doc, word);
        AddToken(doc, period);
      } else {
        AddToken(doc, rt);
      }
      if (s->ends[k]) {
        sent.span.end = rt.end;
        sent.num_tokens = static_cast<uint32_t>(doc->tokens.size()) - sent.first_token;
        sent.num_words = static_cast<uint32_t>(doc->words.size()) - sent.first_word;
        doc->sentences.push_back(sent);
        open = false;
      }
    }
    para.num_sentences = static_cast<uint32_t>(doc->sentences.size()) - para.first_sentence;
    doc->paragraphs.push_back(para);
  }

  // A line break ends the sentence when the next line does not start in
  // lower case (a headline, a list item), unless the text is hard-wrapped:
  // a line that reaches nearly the width of the paragraph's longest line
  // ended only because the line was full. Clears newline_before there.
  static void MarkSoftWraps(std::string_view text, Scratch* s) {
    const uint32_t begin = s->tokens.front().start, end = s->tokens.back().end;
    uint32_t longest = 0, lines = 0;
    for (uint32_t k = begin; k <= end;) {
      const char* nl = static_cast<const char*>(std::memchr(text.data() + k, '\n', end - k));
      uint32_t e = nl ? static_cast<uint32_t>(nl - text.data()) : end;
      longest = std::max(longest, static_cast<uint32_t>(utf8::Length(text.substr(k, e - k))));
      ++lines;
      k = e + 1;
    }
    if (lines < 3) return;  // a headline and its text, not wrapping
    for (RawToken& t : s->tokens) {
      if (!t.newline_before) continue;
      size_t line_end = text.rfind('\n', t.start);
      size_t line_start = text.rfind('\n', line_end - 1);
      line_start =
          line_start == std::string_view::npos || line_start < begin ? begin : line_start + 1;
      size_t width = utf8::Length(text.substr(line_start, line_end - line_start));
      if (width * 4 >= longest * 3) t.newline_before = false;
    }
  }

  static void AddToken(Document* doc, const RawToken& rt) {
    const uint32_t token_index = static_cast<uint32_t>(doc->tokens.size());
    Token& tok = doc->tokens.emplace_back();
    tok.span = {rt.start, rt.end};
    tok.first_word = static_cast<uint32_t>(doc->words.size());
    tok.num_words = rt.num_words;
    tok.space_after = rt.space_after;
    // Word boundaries: the token's ends and its split points.
    uint32_t cuts[4];
    uint32_t nb = 0;
    cuts[nb++] = rt.start;
    for (int w = 0; w + 1 < rt.num_words; ++w) cuts[nb++] = rt.split[w];
    cuts[nb++] = rt.end;
    for (uint32_t w = 0; w + 1 < nb; ++w) {
      // Built in place: a Word is large (seven strings) and moving it costs.
      Word& word = doc->words.emplace_back();
      word.span = {cuts[w], cuts[w + 1]};
      word.form.assign(doc->Text(word.span));
      word.token = token_index;
    }
  }

  const Lexicon lexicon_;
  const BoundaryModel model_;
  const Tokenizer tokenizer_;
};

}  // namespace

Result<std::unique_ptr<Segmenter>> CreateSegmenterWithModel(const std::string& data_dir,
                                                            BoundaryModel model) {
  Result<Lexicon> lexicon = Lexicon::Load(data_dir + "/text");
  if (!lexicon.ok()) return lexicon.status();
  return std::unique_ptr<Segmenter>(new SegmenterImpl(std::move(*lexicon), std::move(model)));
}

Result<std::unique_ptr<Segmenter>> CreateSegmenter(const std::string& data_dir,
                                                   const std::string& model_path) {
  BoundaryModel model;
  if (!model_path.empty()) {
    Result<BoundaryModel> loaded = BoundaryModel::Load(model_path);
    if (!loaded.ok()) return loaded.status();
    model = std::move(*loaded);
  }
  return CreateSegmenterWithModel(data_dir, std::move(model));
}

}  // namespace text_internal

Result<std::unique_ptr<Segmenter>> Segmenter::Create(const std::string& data_dir) {
  Result<std::string> model = FindResource("models/segmenter.dyad");
  if (!model.ok()) return model.status();
  return text_internal::CreateSegmenter(data_dir, *model);
}

Result<std::unique_ptr<Segmenter>> Segmenter::Create(const std::string& data_dir,
                                                     const std::string& model_path) {
  return text_internal::CreateSegmenter(data_dir, model_path);
}

}  // namespace dyad
