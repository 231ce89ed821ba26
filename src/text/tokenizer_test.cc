#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "text/tokenizer_internal.h"

namespace dyad::text_internal {
namespace {

const Lexicon& TestLexicon() {
  static const Lexicon* lexicon = [] {
    auto lex = Lexicon::Load(std::string(DYAD_SOURCE_DIR) + "/data/text");
    EXPECT_TRUE(lex.ok()) << lex.status().ToString();
    return new Lexicon(lex.ok() ? std::move(*lex) : Lexicon());
  }();
  return *lexicon;
}

// The tokens of `text`, space-separated; the words of a multi-word token are
// joined by '|' ("do|n't").
std::string Tok(const std::string& text) {
  Tokenizer tokenizer(&TestLexicon());
  std::vector<RawToken> tokens;
  tokenizer.Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  std::string out;
  for (const RawToken& t : tokens) {
    if (!out.empty()) out += ' ';
    uint32_t cuts[4] = {t.start, t.split[0], t.split[1], t.end};
    uint32_t prev = t.start;
    for (int w = 1; w < t.num_words; ++w) {
      out += text.substr(prev, cuts[w] - prev) + "|";
      prev = cuts[w];
    }
    out += text.substr(prev, t.end - prev);
  }
  return out;
}

TEST(TokenizerTest, Clitics) {
  EXPECT_EQ(Tok("I don't know"), "I do|n't know");
  EXPECT_EQ(Tok("We can't, we won't."), "We ca|n't , we wo|n't .");
  EXPECT_EQ(Tok("Kim’s trip"), "Kim|’s trip");
  EXPECT_EQ(Tok("Kim's trip"), "Kim|'s trip");
  EXPECT_EQ(Tok("I'm sure it's they're we've I'll he'd"),
            "I|'m sure it|'s they|'re we|'ve I|'ll he|'d");
  EXPECT_EQ(Tok("didn’t"), "did|n’t");
  EXPECT_EQ(Tok("DON'T"), "DO|N'T");
  EXPECT_EQ(Tok("O'Brien's"), "O'Brien|'s");
}

TEST(TokenizerTest, FusedForms) {
  EXPECT_EQ(Tok("I cannot go"), "I can|not go");
  EXPECT_EQ(Tok("gonna wanna gotta"), "gon|na wan|na got|ta");
  EXPECT_EQ(Tok("i dont know im sure"), "i do|nt know i|m sure");
  EXPECT_EQ(Tok("Cannot"), "Can|not");
}

TEST(TokenizerTest, ItsMeaningItIs) {
  EXPECT_EQ(Tok("its not its fault, its a dog"), "it|s not its fault , it|s a dog");
  EXPECT_EQ(Tok("Its in the box"), "It|s in the box");
  EXPECT_EQ(Tok("its own"), "its own");
}

TEST(TokenizerTest, PluralPossessive) {
  EXPECT_EQ(Tok("the parents' house"), "the parents|' house");
  // A quote opened with a single quote closes with one.
  EXPECT_EQ(Tok("'the parents' house"), "' the parents ' house");
}

TEST(TokenizerTest, Decades) { EXPECT_EQ(Tok("the 60's and '72"), "the 60's and '72"); }

TEST(TokenizerTest, QuotesAndPunctuation) {
  EXPECT_EQ(Tok("“stepping stone”"), "“ stepping stone ”");
  EXPECT_EQ(Tok("\"Hi,\" he said."), "\" Hi , \" he said .");
  EXPECT_EQ(Tok("‘yes’ «non»"), "‘ yes ’ « non »");
  EXPECT_EQ(Tok("(see above)"), "( see above )");
  EXPECT_EQ(Tok("Really?! Wait... no -- yes"), "Really ?! Wait ... no -- yes");
  EXPECT_EQ(Tok("$5 and 10%"), "$ 5 and 10 %");
}

TEST(TokenizerTest, Abbreviations) {
  EXPECT_EQ(Tok("Dr. Smith met Gen. Lee on Jan. 5"), "Dr. Smith met Gen. Lee on Jan. 5");
  EXPECT_EQ(Tok("the U.S. and U.K."), "the U.S. and U.K.");
  EXPECT_EQ(Tok("at 9 a.m. today"), "at 9 a.m. today");
  EXPECT_EQ(Tok("George W. Bush"), "George W. Bush");
  EXPECT_EQ(Tok("apples, pears, etc. are"), "apples , pears , etc. are");
  // Not an abbreviation: the period is a token.
  EXPECT_EQ(Tok("He was ill."), "He was ill .");
  EXPECT_EQ(Tok("No. 5 but not no."), "No. 5 but not no .");
  // States in news style that are also words: only as written.
  EXPECT_EQ(Tok("Cambridge, Mass., said"), "Cambridge , Mass. , said");
  EXPECT_EQ(Tok("they said mass."), "they said mass .");
}

TEST(TokenizerTest, Hyphens) {
  EXPECT_EQ(Tok("a Trump-Kim summit"), "a Trump - Kim summit");
  EXPECT_EQ(Tok("U.S.-China trade"), "U.S. - China trade");
  EXPECT_EQ(Tok("e-mail co-workers non-human"), "e-mail co-workers non-human");
  EXPECT_EQ(Tok("Kim Eui-kyeom"), "Kim Eui - kyeom");
  EXPECT_EQ(Tok("call 713-853-3989 or 646-8420"), "call 713-853-3989 or 646-8420");
  EXPECT_EQ(Tok("pages 13-17"), "pages 13 - 17");
}

TEST(TokenizerTest, Numbers) {
  EXPECT_EQ(Tok("1,000.50 dollars"), "1,000.50 dollars");
  EXPECT_EQ(Tok("at 3:30 on 11/28/2000"), "at 3:30 on 11/28/2000");
  EXPECT_EQ(Tok("at 5pm, 7:30PM"), "at 5 pm , 7:30 PM");
  EXPECT_EQ(Tok("the 4th in the 1990s"), "the 4th in the 1990s");
  EXPECT_EQ(Tok("a 1/2 cup"), "a 1 / 2 cup");
  EXPECT_EQ(Tok("1,000."), "1,000 .");
}

TEST(TokenizerTest, UrlsAndEmails) {
  EXPECT_EQ(Tok("see http://example.com/a?b=c."), "see http://example.com/a?b=c .");
  EXPECT_EQ(Tok("(www.example.org)"), "( www.example.org )");
  EXPECT_EQ(Tok("mail carol.st.clair@enron.com, now"), "mail carol.st.clair@enron.com , now");
  EXPECT_EQ(Tok("at \"https://x.org/y\""), "at \" https://x.org/y \"");
}

TEST(TokenizerTest, Emoticons) {
  EXPECT_EQ(Tok("great :) thanks :-("), "great :) thanks :-(");
  EXPECT_EQ(Tok("yes;) ok ^_^"), "yes ;) ok ^_^");
  // A colon before a word is not a face.
  EXPECT_EQ(Tok("Note:Do it"), "Note : Do it");
}

TEST(TokenizerTest, HashtagsAndSymbols) {
  EXPECT_EQ(Tok("#audiobooks rock"), "#audiobooks rock");
  EXPECT_EQ(Tok("AT&T and b/c"), "AT&T and b/c");
}

TEST(TokenizerTest, OffsetsAndSpaceAfter) {
  std::string text = "Hi,  \u00a0you.";
  Tokenizer tokenizer(&TestLexicon());
  std::vector<RawToken> tokens;
  tokenizer.Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[2].start, tokens[2].end - tokens[2].start), "you");
  EXPECT_FALSE(tokens[0].space_after);  // "Hi" before ","
  EXPECT_TRUE(tokens[1].space_after);   // "," before spaces
  EXPECT_FALSE(tokens[2].space_after);
  EXPECT_TRUE(tokens[3].space_after);  // end of text
}

TEST(TokenizerTest, NonAsciiLetters) {
  EXPECT_EQ(Tok("Müller’s café, naïve"), "Müller|’s café , naïve");
  EXPECT_EQ(Tok("東京 は"), "東京 は");
}

TEST(TokenizerTest, LongChunkIsLinear) {
  // A long run without spaces made of many short words must not be slow.
  std::string text;
  for (int k = 0; k < 20000; ++k) text += "a-b@";
  Tokenizer tokenizer(&TestLexicon());
  std::vector<RawToken> tokens;
  tokenizer.Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  EXPECT_GT(tokens.size(), 0u);
}

TEST(LexiconTest, MissingDirectoryIsNotFound) {
  auto lex = Lexicon::Load("/nonexistent/dir");
  EXPECT_TRUE(lex.status().IsNotFound());
}

}  // namespace
}  // namespace dyad::text_internal
