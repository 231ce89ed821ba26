// The actors stage on documents made by the real segmenter and NLP models
// from sentences written here, with the ner stage's mentions set by hand
// (every occurrence of the names a test lists), and on the example article
// with the Phoenix dictionaries.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/entities.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"

namespace dyad {
namespace {

constexpr const char* kActors = R"(UNITED_STATES_ [USA]
+U.S.
+US_
+WASHINGTON_
CHINA_ [CHN]
+CHINESE_
+BEIJING_
NORTH_KOREA_ [PRK]
+NORTH_KOREAN_
+PYONGYANG_
SOUTH_KOREA_ [KOR]
+SOUTH_KOREAN_
+SEOUL_
SOUTH_AFRICA_ [ZAF]
+PRETORIA_
DONALD_TRUMP_
+TRUMP_
	[USAELI 19460614-20170119]
	[USAGOV 20170120-20210120]
	[USAELI]
OLD_LEADER_
	[XYZGOV 19900101-19991231]
)";

constexpr const char* kAgents = R"(!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
SPOKES!PERSON! [~MED]
PRESIDENT [~GOV]
LEADER [~GOV]
SECRETARY_OF_STATE [~GOV]
PROFESSOR [~EDU]
UNIVERSITY [~EDU]
)";

struct Name {
  std::string text;
  std::string type;
};

class EntityLinkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto data = FindResource("data");
    auto models = FindResource("models");
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    ASSERT_TRUE(models.ok()) << models.status().ToString();
    auto seg = Segmenter::Create(*data);
    ASSERT_TRUE(seg.ok()) << seg.status().ToString();
    segmenter_ = seg->release();
    auto nlp = LoadNlpModels(*models);
    ASSERT_TRUE(nlp.ok()) << nlp.status().ToString();
    nlp_ = nlp->release();
    auto cleaner = Cleaner::Load(*data + "/cleaning.rules");
    ASSERT_TRUE(cleaner.ok()) << cleaner.status().ToString();
    cleaner_ = cleaner->release();
    std::vector<DictionarySource> actors = {{"test.actors.txt", kActors}};
    DictionarySource agents{"test.agents.txt", kAgents};
    std::vector<std::string> problems;
    auto dict = ActorDictionary::LoadFromSources(actors, &agents, &problems);
    ASSERT_TRUE(dict.ok());
    ASSERT_TRUE(problems.empty()) << problems.front();
    linker_ = new EntityLinker(std::shared_ptr<const ActorDictionary>(std::move(*dict)));
  }
  static void TearDownTestSuite() {
    delete segmenter_;
    delete nlp_;
    delete cleaner_;
    delete linker_;
  }

  // Every occurrence of each name (whole words; longer names first, and a
  // shorter one never inside a longer one) becomes a ner mention.
  static void AddMentions(Document* doc, std::vector<Name> names) {
    std::sort(names.begin(), names.end(),
              [](const Name& a, const Name& b) { return a.text.size() > b.text.size(); });
    const std::string& text = doc->article.text;
    std::vector<Mention> out;
    for (const Name& n : names) {
      for (size_t at = text.find(n.text, doc->article.body_start); at != std::string::npos;
           at = text.find(n.text, at + 1)) {
        uint32_t b = static_cast<uint32_t>(at), e = static_cast<uint32_t>(at + n.text.size());
        bool inside = false;
        for (const Mention& m : out) inside |= b < m.span.end && m.span.start < e;
        if (inside) continue;
        Mention m;
        m.type = n.type;
        bool first = true;
        for (uint32_t w = 0; w < doc->words.size(); ++w) {
          const Span& s = doc->words[w].span;
          if (s.start >= b && s.end <= e) {
            if (first) m.first_word = w;
            first = false;
            ++m.num_words;
          }
        }
        if (m.num_words == 0) continue;
        const Span first_span = doc->words[m.first_word].span;
        const Span last_span = doc->words[m.first_word + m.num_words - 1].span;
        if (first_span.start != b || last_span.end != e) continue;  // not whole words
        m.span = Span{b, e};
        for (uint32_t s = 0; s < doc->sentences.size(); ++s) {
          const Sentence& sent = doc->sentences[s];
          if (m.first_word >= sent.first_word && m.first_word < sent.first_word + sent.num_words) {
            m.sentence = s;
          }
        }
        out.push_back(m);
      }
    }
    std::sort(out.begin(), out.end(),
              [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
    doc->mentions = std::move(out);
  }

  static Document Make(const std::string& body, std::vector<Name> names,
                       std::optional<std::string> date = "2019-01-08",
                       const std::string& title = "") {
    Document doc;
    if (!title.empty()) {
      doc.article.text = title + "\n\n" + body;
      doc.article.title = title;
      doc.article.title_span = Span{0, static_cast<uint32_t>(title.size())};
      doc.article.body_start = static_cast<uint32_t>(title.size() + 1);
    } else {
      doc.article.text = body;
    }
    doc.article.date = date;
    segmenter_->Segment(&doc, SegmentOptions{});
    nlp_->Annotate(&doc);
    AddMentions(&doc, std::move(names));
    return doc;
  }

  // The entity with a mention whose text is `text` (the first such), or null.
  static const Entity* Find(const Document& doc, std::string_view text) {
    for (const Entity& e : doc.entities) {
      for (const Mention& m : e.mentions) {
        if (doc.Text(m.span) == text) return &e;
      }
    }
    return nullptr;
  }
  // The entity with a mention that starts with `prefix`, or null.
  static const Entity* FindPrefix(const Document& doc, std::string_view prefix) {
    for (const Entity& e : doc.entities) {
      for (const Mention& m : e.mentions) {
        if (doc.Text(m.span).starts_with(prefix)) return &e;
      }
    }
    return nullptr;
  }
  static std::string Actor(const Entity* e) {
    if (e == nullptr) return "<no entity>";
    return e->actor ? *e->actor : "<none>";
  }

  static Segmenter* segmenter_;
  static NlpModels* nlp_;
  static Cleaner* cleaner_;
  static EntityLinker* linker_;
};
Segmenter* EntityLinkerTest::segmenter_ = nullptr;
NlpModels* EntityLinkerTest::nlp_ = nullptr;
Cleaner* EntityLinkerTest::cleaner_ = nullptr;
EntityLinker* EntityLinkerTest::linker_ = nullptr;

TEST_F(EntityLinkerTest, DateRestrictions) {
  const std::string body = "Trump met reporters in Washington on Monday.";
  Document in_office = Make(body, {{"Trump", "PER"}}, "2019-01-08");
  linker_->Annotate(&in_office);
  EXPECT_EQ(Actor(Find(in_office, "Trump")), "USAGOV");
  EXPECT_EQ(Find(in_office, "Trump")->actor_rule, "test.actors.txt:16");

  Document before = Make(body, {{"Trump", "PER"}}, "2015-06-01");
  linker_->Annotate(&before);
  EXPECT_EQ(Actor(Find(before, "Trump")), "USAELI");

  // Without a date: the unrestricted code.
  Document undated = Make(body, {{"Trump", "PER"}}, std::nullopt);
  linker_->Annotate(&undated);
  EXPECT_EQ(Actor(Find(undated, "Trump")), "USAELI");

  // A record whose only code has expired codes nothing on the date.
  Document expired = Make("Old Leader spoke on Monday.", {{"Old Leader", "PER"}}, "2019-01-08");
  linker_->Annotate(&expired);
  EXPECT_EQ(Actor(Find(expired, "Old Leader")), "<none>");
  Document in_time = Make("Old Leader spoke on Monday.", {{"Old Leader", "PER"}}, "1995-01-08");
  linker_->Annotate(&in_time);
  EXPECT_EQ(Actor(Find(in_time, "Old Leader")), "XYZGOV");
}

TEST_F(EntityLinkerTest, TitleComposesCountryAndRole) {
  Document doc = Make(
      "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that talks would "
      "resume.",
      {{"Kim Eui-kyeom", "PER"}});
  linker_->Annotate(&doc);
  const Entity* kim = Find(doc, "Kim Eui-kyeom");
  ASSERT_NE(kim, nullptr);
  // The spokesperson speaks for the presidency: GOV, not the MED of
  // "spokesperson" alone.
  EXPECT_EQ(Actor(kim), "KORGOV");
  EXPECT_NE(kim->actor_rule.find("title: presidential spokesperson + South Korean"),
            std::string::npos)
      << kim->actor_rule;
  auto d = MentionDescription(doc, kim->mentions.front());
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(doc.Text(*d), "South Korean presidential spokesperson");
  // "South Korean" is a mention of South Korea, found by the dictionary.
  const Entity* kor = Find(doc, "South Korean");
  ASSERT_NE(kor, nullptr);
  EXPECT_EQ(Actor(kor), "KOR");
  EXPECT_EQ(kor->type, "LOC");
}

TEST_F(EntityLinkerTest, TitleOfSecretaryOfState) {
  Document doc = Make("U.S. Secretary of State Mike Pompeo said the talks were useful.",
                      {{"Mike Pompeo", "PER"}});
  linker_->Annotate(&doc);
  const Entity* p = Find(doc, "Mike Pompeo");
  EXPECT_EQ(Actor(p), "USAGOV");
  ASSERT_NE(p, nullptr);
  auto d = MentionDescription(doc, p->mentions.front());
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(doc.Text(*d), "U.S. Secretary of State");
}

TEST_F(EntityLinkerTest, DemonymAndRole) {
  Document doc = Make("Chinese professor Li Wei said the sanctions would stay.",
                      {{"Li Wei", "PER"}});
  linker_->Annotate(&doc);
  EXPECT_EQ(Actor(Find(doc, "Li Wei")), "CHNEDU");
}

TEST_F(EntityLinkerTest, AppositionAndOrganisation) {
  Document doc = Make(
      "\"The talks will go on,\" said Cheng Xiaohe, professor at Renmin University in Beijing. "
      "Cheng said sanctions would stay.",
      {{"Cheng Xiaohe", "PER"}, {"Cheng", "PER"}, {"Renmin University", "ORG"}});
  linker_->Annotate(&doc);
  const Entity* cheng = Find(doc, "Cheng Xiaohe");
  ASSERT_NE(cheng, nullptr);
  EXPECT_EQ(Actor(cheng), "CHNEDU") << cheng->actor_rule;
  EXPECT_EQ(cheng->mentions.size(), 2u);  // "Cheng" is linked to the full name
  EXPECT_EQ(cheng->canonical, "Cheng Xiaohe");
  auto d = MentionDescription(doc, cheng->mentions.front());
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(doc.Text(*d), "professor at Renmin University in Beijing");
  EXPECT_EQ(Actor(Find(doc, "Renmin University")), "CHNEDU");
}

TEST_F(EntityLinkerTest, SurnameLinksToFullName) {
  Document doc = Make(
      "U.S. Secretary of State Mike Pompeo spoke to reporters on Monday. Pompeo said the talks "
      "went well. Pompeo then left for Washington.",
      {{"Mike Pompeo", "PER"}, {"Pompeo", "PER"}});
  linker_->Annotate(&doc);
  const Entity* p = Find(doc, "Pompeo");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->canonical, "Mike Pompeo");
  EXPECT_EQ(p->mentions.size(), 3u);
  EXPECT_EQ(p->type, "PER");
  EXPECT_EQ(Actor(p), "USAGOV");
  // Every mention of Pompeo maps back to the entity through its words.
  int32_t index = static_cast<int32_t>(p - doc.entities.data());
  for (const Mention& m : p->mentions) {
    for (uint32_t w = m.first_word; w < m.first_word + m.num_words; ++w) {
      EXPECT_EQ(EntityAtWord(doc, w), index);
    }
  }
}

TEST_F(EntityLinkerTest, TwoKimsDecidedByTheHeadline) {
  Document doc = Make(
      "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes "
      "Kim's trip to China will help. Analysts said Kim may be seeking support from Beijing.",
      {{"Kim Eui-kyeom", "PER"}, {"Kim", "PER"}}, "2019-01-08", "Kim Jong Un visits China");
  linker_->Annotate(&doc);
  const Entity* kju = Find(doc, "Kim Jong Un");
  const Entity* kek = Find(doc, "Kim Eui-kyeom");
  ASSERT_NE(kju, nullptr);
  ASSERT_NE(kek, nullptr);
  ASSERT_NE(kju, kek);
  EXPECT_EQ(kju->canonical, "Kim Jong Un");
  // The headline and two bare "Kim": the spokesperson is not named again by
  // surname in his own sentence, and the headline decides the second.
  EXPECT_EQ(kju->mentions.size(), 3u);
  EXPECT_EQ(kek->mentions.size(), 1u);
  EXPECT_EQ(Actor(kek), "KORGOV");
}

TEST_F(EntityLinkerTest, TwoKimsLeftUnresolvedWhenNothingDecides) {
  Document doc = Make(
      "Kim Jong Un met Kim Eui-kyeom in Seoul on Monday. Kim said the talks went well.",
      {{"Kim Jong Un", "PER"}, {"Kim Eui-kyeom", "PER"}, {"Kim", "PER"}});
  linker_->Annotate(&doc);
  const Entity* kju = Find(doc, "Kim Jong Un");
  const Entity* kek = Find(doc, "Kim Eui-kyeom");
  ASSERT_NE(kju, nullptr);
  ASSERT_NE(kek, nullptr);
  EXPECT_EQ(kju->mentions.size(), 1u);
  EXPECT_EQ(kek->mentions.size(), 1u);
  // The bare "Kim" is in no entity.
  size_t bare = doc.article.text.find("Kim said");
  ASSERT_NE(bare, std::string::npos);
  for (uint32_t w = 0; w < doc.words.size(); ++w) {
    if (doc.words[w].span.start == bare) {
      EXPECT_EQ(EntityAtWord(doc, w), -1);
    }
  }
  for (const Entity& e : doc.entities) EXPECT_NE(e.canonical, "Kim");
}

TEST_F(EntityLinkerTest, TwoKimsDecidedByTheTitleBeforeTheSurname) {
  Document doc = Make(
      "North Korean leader Kim Jong Un met South Korean presidential spokesperson Kim Eui-kyeom "
      "in Seoul. Later the North Korean leader Kim left for Pyongyang.",
      {{"Kim Jong Un", "PER"}, {"Kim Eui-kyeom", "PER"}, {"Kim", "PER"}});
  linker_->Annotate(&doc);
  const Entity* kju = Find(doc, "Kim Jong Un");
  ASSERT_NE(kju, nullptr);
  EXPECT_EQ(Actor(kju), "PRKGOV");
  EXPECT_EQ(kju->mentions.size(), 2u);
  EXPECT_EQ(Actor(Find(doc, "Kim Eui-kyeom")), "KORGOV");
}

TEST_F(EntityLinkerTest, CapitalAsGovernmentCodesAsTheCountry) {
  Document doc = Make("Seoul said on Monday that it would resume the talks.", {{"Seoul", "LOC"}});
  linker_->Annotate(&doc);
  const Entity* s = Find(doc, "Seoul");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(Actor(s), "KOR");  // docs/entities.md: metonyms keep the dictionary's code
  // Without a ner mention, the dictionary finds it too.
  Document plain = Make("Seoul said on Monday that it would resume the talks.", {});
  linker_->Annotate(&plain);
  EXPECT_EQ(Actor(Find(plain, "Seoul")), "KOR");
}

TEST_F(EntityLinkerTest, TheNorthInAKoreaArticle) {
  Document doc = Make(
      "Analysts doubt that the North will give up its weapons. North Korea tested a missile in "
      "March.",
      {{"North Korea", "LOC"}});
  linker_->Annotate(&doc);
  const Entity* north = Find(doc, "the North");
  ASSERT_NE(north, nullptr);
  EXPECT_EQ(north, Find(doc, "North Korea"));
  EXPECT_EQ(north->canonical, "North Korea");
  EXPECT_EQ(Actor(north), "PRK");
  EXPECT_EQ(north->mentions.size(), 2u);

  // No "North ..." country in the article: "the North" is nobody.
  Document other = Make("Analysts doubt that the North will vote for him.", {});
  linker_->Annotate(&other);
  EXPECT_EQ(Find(other, "the North"), nullptr);
  // Two "South ..." countries: ambiguous.
  Document two = Make("South Korea and South Africa met. The talks helped the South.", {});
  linker_->Annotate(&two);
  EXPECT_EQ(Find(two, "the South"), nullptr);
}

TEST_F(EntityLinkerTest, LowerCaseWordsAreNotCountries) {
  Document doc = Make("The Chinese told us that they would help the U.S. economy.", {});
  linker_->Annotate(&doc);
  EXPECT_EQ(Find(doc, "us"), nullptr);
  EXPECT_EQ(Actor(Find(doc, "Chinese")), "CHN");
  EXPECT_EQ(Actor(Find(doc, "U.S.")), "USA");
}

TEST_F(EntityLinkerTest, AcronymWithoutDotsTakesTheDottedEntry) {
  Document doc = Make("The US and China held talks on Monday.", {{"US", "LOC"}});
  linker_->Annotate(&doc);
  EXPECT_EQ(Actor(Find(doc, "US")), "USA");
  Document lower = Make("China told us that it would help.", {});
  linker_->Annotate(&lower);
  EXPECT_EQ(Find(lower, "us"), nullptr);
}

TEST_F(EntityLinkerTest, MentionsInTextOrderAndEntitiesByFirstMention) {
  Document doc = Make("Beijing and Washington spoke. China said Washington must act.", {});
  linker_->Annotate(&doc);
  ASSERT_EQ(doc.entities.size(), 2u);
  EXPECT_EQ(doc.entities[0].canonical, "China");  // the dictionary's own name
  EXPECT_EQ(doc.entities[1].canonical, "Washington");
  for (const Entity& e : doc.entities) {
    ASSERT_EQ(e.mentions.size(), 2u);
    EXPECT_LT(e.mentions[0].span.start, e.mentions[1].span.start);
  }
  EXPECT_LT(doc.entities[0].mentions[0].span.start, doc.entities[1].mentions[0].span.start);
}

TEST_F(EntityLinkerTest, HeadlineOutsideTheTextStillDecides) {
  // JSON Lines: the title is a field of its own, not part of the text.
  Document doc;
  doc.article.text =
      "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes "
      "Kim's trip to China will help. Analysts said Kim may be seeking support.";
  doc.article.title = "Kim Jong Un visits China";
  doc.article.date = "2019-01-08";
  segmenter_->Segment(&doc, SegmentOptions{});
  nlp_->Annotate(&doc);
  AddMentions(&doc, {{"Kim Eui-kyeom", "PER"}, {"Kim", "PER"}});
  linker_->Annotate(&doc);
  const Entity* kim = Find(doc, "Kim");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->canonical, "Kim Jong Un");
  EXPECT_EQ(kim->mentions.size(), 2u);  // no mention in a title outside the text
  for (const Entity& e : doc.entities) {
    for (const Mention& m : e.mentions) EXPECT_GT(m.num_words, 0u);
  }
}

TEST_F(EntityLinkerTest, WithoutParseOrBadMentions) {
  Document doc;
  doc.article.text = "Seoul and Beijing met. Pompeo said so.";
  segmenter_->Segment(&doc, SegmentOptions{});  // no tags, no parse
  Mention bad;  // words outside its sentence
  bad.type = "PER";
  bad.sentence = 0;
  bad.first_word = static_cast<uint32_t>(doc.words.size() - 2);
  bad.num_words = 1;
  doc.mentions.push_back(bad);
  linker_->Annotate(&doc);
  EXPECT_EQ(Actor(Find(doc, "Seoul")), "KOR");
  EXPECT_EQ(Actor(Find(doc, "Beijing")), "CHN");
  EXPECT_EQ(Find(doc, "Pompeo"), nullptr);
}

TEST(EntityLinkerCreate, BuiltinCountriesWithoutActorFiles) {
  std::vector<std::string> problems;
  auto linker = EntityLinker::Create(DictionaryFiles{}, &problems);
  ASSERT_TRUE(linker.ok()) << linker.status().ToString();
  EXPECT_TRUE((*linker)->builtin());
  EXPECT_TRUE(problems.empty());
  EXPECT_LT((*linker)->dictionary()->actor_count(), 40u);  // tiny on purpose
}

TEST(EntityLinkerCreate, MissingFileFails) {
  DictionaryFiles files;
  files.actors = {"/nonexistent/dyad-test.actors.txt"};
  std::vector<std::string> problems;
  auto linker = EntityLinker::Create(files, &problems);
  EXPECT_FALSE(linker.ok());
}

TEST(EntityLinkerDate, ArticleDate) {
  Article a;
  EXPECT_EQ(ArticleDateNumber(a), 0);
  a.date = "2019-01-08";
  EXPECT_EQ(ArticleDateNumber(a), 20190108);
  a.date = "2019-1-8";
  EXPECT_EQ(ArticleDateNumber(a), 0);
  a.date = "2019-13-01";
  EXPECT_EQ(ArticleDateNumber(a), 0);
}

// ---- the example article with the Phoenix dictionaries ---------------------

class ExampleArticleTest : public EntityLinkerTest {
 protected:
  static std::string Shared() { return std::string(DYAD_SHARED_DIR); }

  void SetUp() override {
    const std::string dir = Shared() + "/data/petrarch/dictionaries";
    const std::string article = Shared() + "/examples/article-kim-xi-trade-talks.txt";
    std::vector<std::string> actors = {dir + "/Phoenix.Countries.actors.txt",
                                       dir + "/Phoenix.International.actors.txt",
                                       dir + "/Phoenix.MilNonState.actors.txt"};
    for (const std::string& f : actors) {
      if (!std::filesystem::exists(f)) {
        GTEST_SKIP() << "needs " << f << ": absent";
      }
    }
    if (!std::filesystem::exists(article)) {
      GTEST_SKIP() << "needs " << article << ": absent";
    }
    std::ifstream in(article, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    text_ = ss.str();
    std::vector<DictionarySource> sources;
    for (const std::string& f : actors) {
      std::ifstream a(f, std::ios::binary);
      std::stringstream as;
      as << a.rdbuf();
      sources.push_back({f, as.str()});
    }
    // The Phoenix files end before 2016: the leaders in office in 2019 are a
    // user's file of this test's own, listed after them as the format
    // intends (later files override earlier ones).
    sources.push_back({"recent-leaders.actors.txt",
                       "DONALD_TRUMP_\n+TRUMP_\n"
                       "\t[USAGOV 20170120-20210120]\n\t[USAELI]\n"
                       "KIM_JONG_UN_\n+KIM_JONG-UN_\n\t[PRKGOV >20111217]\n\t[PRKELI]\n"});
    std::ifstream g(dir + "/Phoenix.agents.txt", std::ios::binary);
    std::stringstream gs;
    gs << g.rdbuf();
    DictionarySource agents{dir + "/Phoenix.agents.txt", gs.str()};
    std::vector<std::string> problems;
    auto dict = ActorDictionary::LoadFromSources(sources, &agents, &problems);
    ASSERT_TRUE(dict.ok());
    phoenix_ = std::make_unique<EntityLinker>(std::shared_ptr<const ActorDictionary>(std::move(*dict)));
  }

  // The article as the plain-text reader gives it: title = first line.
  Document Read() const {
    Document doc;
    doc.article.text = text_;
    size_t nl = text_.find('\n');
    doc.article.title = text_.substr(0, nl);
    doc.article.title_span = Span{0, static_cast<uint32_t>(nl)};
    doc.article.body_start = static_cast<uint32_t>(nl + 1);
    doc.article.date = "2019-01-08";
    cleaner_->Clean(&doc);
    segmenter_->Segment(&doc, SegmentOptions{});
    nlp_->Annotate(&doc);
    return doc;
  }

  void CheckFirstParagraphPersons(const Document& doc) {
    const Entity* kju = Find(doc, "Kim Jong Un");
    const Entity* kek = Find(doc, "Kim Eui-kyeom");
    const Entity* cheng = Find(doc, "Cheng Xiaohe");
    const Entity* pompeo = Find(doc, "Mike Pompeo");
    const Entity* trump = Find(doc, "Trump");
    ASSERT_NE(kju, nullptr);
    ASSERT_NE(kek, nullptr);
    ASSERT_NE(cheng, nullptr);
    ASSERT_NE(pompeo, nullptr);
    ASSERT_NE(trump, nullptr);
    EXPECT_EQ(Actor(kju).substr(0, 3), "PRK") << Actor(kju);
    EXPECT_EQ(Actor(kek), "KORGOV") << kek->actor_rule;
    EXPECT_EQ(Actor(cheng), "CHNEDU") << cheng->actor_rule;
    EXPECT_EQ(Actor(pompeo), "USAGOV") << pompeo->actor_rule;
    EXPECT_EQ(Actor(trump), "USAGOV");
    EXPECT_EQ(Find(doc, "Pompeo"), pompeo);
    EXPECT_EQ(Find(doc, "Cheng"), cheng);
    EXPECT_EQ(kek->mentions.size(), 1u);
    EXPECT_GE(kju->mentions.size(), 5u);  // the headline and the bare "Kim"s
    EXPECT_EQ(Actor(Find(doc, "Seoul")), "KOR");
    EXPECT_EQ(Find(doc, "Seoul"), Find(doc, "South Korean"));
    EXPECT_EQ(Actor(Find(doc, "the North")), "PRK");
    EXPECT_EQ(Find(doc, "the North"), Find(doc, "North Korea"));
    EXPECT_EQ(Actor(Find(doc, "Beijing")), "CHN");
    EXPECT_EQ(Find(doc, "Beijing"), Find(doc, "China"));
  }

  std::string text_;
  std::unique_ptr<EntityLinker> phoenix_;
};

// The names of the article as a ner model would give them, without one.
TEST_F(ExampleArticleTest, WithNamesGivenByHand) {
  Document doc = Read();
  AddMentions(&doc, {{"Kim Eui-kyeom", "PER"},
                     {"Kim", "PER"},
                     {"Trump", "PER"},
                     {"Xi", "PER"},
                     {"Cheng Xiaohe", "PER"},
                     {"Cheng", "PER"},
                     {"Mike Pompeo", "PER"},
                     {"Pompeo", "PER"},
                     {"Renmin University", "ORG"},
                     {"CNBC", "ORG"},
                     {"China", "LOC"},
                     {"Beijing", "LOC"},
                     {"North Korea", "LOC"}});
  phoenix_->Annotate(&doc);
  CheckFirstParagraphPersons(doc);
}

TEST_F(ExampleArticleTest, WithTheNerModel) {
  auto models = FindResource("models");
  if (!models.ok() || !std::filesystem::exists(*models + "/" + kNerFile)) {
    GTEST_SKIP() << "the ner model (models/" << kNerFile << ") is not there yet";
  }
  auto ner = NerModel::Load(*models + "/" + kNerFile);
  ASSERT_TRUE(ner.ok()) << ner.status().ToString();
  Document doc = Read();
  (*ner)->Annotate(&doc);
  phoenix_->Annotate(&doc);
  // The model's own errors are not this stage's: only what the stage must
  // make of the names it is given is checked.
  const Entity* kek = FindPrefix(doc, "Kim Eui");
  const Entity* kju = Find(doc, "Kim Jong Un");
  const Entity* cheng = FindPrefix(doc, "Cheng");
  const Entity* pompeo = FindPrefix(doc, "Pompeo");
  ASSERT_NE(kek, nullptr);
  ASSERT_NE(kju, nullptr);
  ASSERT_NE(cheng, nullptr);
  ASSERT_NE(pompeo, nullptr);
  EXPECT_EQ(Actor(kek), "KORGOV") << kek->actor_rule;
  EXPECT_EQ(Actor(kju).substr(0, 3), "PRK");
  EXPECT_EQ(Actor(cheng), "CHNEDU") << cheng->actor_rule;
  EXPECT_EQ(Actor(pompeo), "USAGOV") << pompeo->actor_rule;
  EXPECT_EQ(pompeo->canonical, "Mike Pompeo");
  EXPECT_EQ(cheng->canonical, "Cheng Xiaohe");
}

}  // namespace
}  // namespace dyad
