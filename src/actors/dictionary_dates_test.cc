#include <gtest/gtest.h>

#include "actors/dictionary_dates_internal.h"
#include "dyad/actors.h"

namespace dyad::actors_internal {
namespace {

TEST(DictionaryDates, ParsesBothFormsWithTheTabariCentury) {
  EXPECT_EQ(ParseDictionaryDate("20121109"), 20121109);
  EXPECT_EQ(ParseDictionaryDate("950601"), 19950601);
  EXPECT_EQ(ParseDictionaryDate("300101"), 20300101);  // 00-30 -> 20YY
  EXPECT_EQ(ParseDictionaryDate("310101"), 19310101);
  EXPECT_EQ(ParseDictionaryDate("000101"), 20000101);
}

TEST(DictionaryDates, RejectsWhatIsNotACalendarDate) {
  EXPECT_FALSE(ParseDictionaryDate("9008223"));     // 7 digits (Phoenix typo)
  EXPECT_FALSE(ParseDictionaryDate("1920030320"));  // 10 digits (Phoenix typo)
  EXPECT_FALSE(ParseDictionaryDate("20100931"));
  EXPECT_FALSE(ParseDictionaryDate("20100229"));
  EXPECT_TRUE(ParseDictionaryDate("20120229"));
  EXPECT_FALSE(ParseDictionaryDate("20001301"));
  EXPECT_FALSE(ParseDictionaryDate("2000010a"));
  EXPECT_FALSE(ParseDictionaryDate(""));
}

TEST(DictionaryDates, RestrictionForms) {
  DateRestriction r;
  std::string error;
  ASSERT_TRUE(ParseDateRestriction("", &r, &error));
  EXPECT_TRUE(r.unrestricted);
  ASSERT_TRUE(ParseDateRestriction("<950601", &r, &error));
  EXPECT_FALSE(r.unrestricted);
  EXPECT_EQ(r.to, 19950601);
  ASSERT_TRUE(ParseDateRestriction(">20130119", &r, &error));
  EXPECT_EQ(r.from, 20130119);
  EXPECT_EQ(r.to, 99991231);
  ASSERT_TRUE(ParseDateRestriction("19950601-990815", &r, &error));  // mixed forms
  EXPECT_EQ(r.from, 19950601);
  EXPECT_EQ(r.to, 19990815);
  ASSERT_TRUE(ParseDateRestriction("20121204", &r, &error));
  EXPECT_TRUE(r.bare_date);
  EXPECT_EQ(r.from, 20121204);
}

TEST(DictionaryDates, BadRestrictionsSayWhy) {
  DateRestriction r;
  std::string error;
  EXPECT_FALSE(ParseDateRestriction("20121207-20120802", &r, &error));
  EXPECT_NE(error.find("ends before it starts"), std::string::npos);
  EXPECT_FALSE(ParseDateRestriction(">2004017", &r, &error));
  EXPECT_NE(error.find("2004017"), std::string::npos);
  EXPECT_FALSE(ParseDateRestriction("950601-", &r, &error));
  EXPECT_FALSE(ParseDateRestriction("<", &r, &error));
}

}  // namespace
}  // namespace dyad::actors_internal
