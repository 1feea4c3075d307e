// The light stemmer and the word splitter that skill matching stands on.
#include "parley/people/stem_words.h"

#include <gtest/gtest.h>

namespace parley::people {
namespace {

std::string stem(std::string_view w) { return light_stem(w); }

TEST(LightStem, InflectionsMeetTheBaseForm) {
  EXPECT_EQ(stem("managing"), stem("manage"));
  EXPECT_EQ(stem("managed"), stem("manage"));
  EXPECT_EQ(stem("manages"), stem("manage"));
  EXPECT_EQ(stem("communities"), stem("community"));
  EXPECT_EQ(stem("planning"), stem("plan"));
  EXPECT_EQ(stem("creating"), stem("create"));
  EXPECT_EQ(stem("using"), stem("use"));
  EXPECT_EQ(stem("campaigns"), stem("campaign"));
  EXPECT_EQ(stem("customer's"), stem("customer"));
}

TEST(LightStem, BritishAndAmericanSpellingsMeet) {
  EXPECT_EQ(stem("optimisation"), stem("optimization"));
  EXPECT_EQ(stem("analyse"), stem("analyze"));
  EXPECT_EQ(stem("analysing"), stem("analyzing"));
  EXPECT_EQ(stem("behaviour"), stem("behavior"));
  EXPECT_EQ(stem("colour"), stem("color"));
}

TEST(LightStem, KeepsWordsThatOnlyLookInflected) {
  EXPECT_EQ(stem("business"), "business");
  EXPECT_EQ(stem("bring"), "bring");
  EXPECT_EQ(stem("staffing"), "staff");
  EXPECT_NE(stem("communication"), stem("community")) << "a Porter stemmer would conflate these";
  EXPECT_NE(stem("manager"), stem("manage"));
}

TEST(SplitWords, SpansFoldingAndJoiners) {
  const std::string text = "Gestión de COMUNIDADES, e-mail & C++ (STRASSE)";
  auto w = split_words(text);
  ASSERT_EQ(w.size(), 6u);
  EXPECT_EQ(w[0].folded, "gestión");
  EXPECT_EQ(text.substr(w[0].begin, w[0].end - w[0].begin), "Gestión");
  EXPECT_EQ(w[2].folded, "comunidades");
  EXPECT_EQ(w[3].folded, "e-mail");
  EXPECT_EQ(w[4].folded, "c++");
  EXPECT_EQ(w[5].folded, "strasse");
  EXPECT_EQ(split_words("Straße")[0].folded, "strasse") << "full Unicode case folding";
}

TEST(SplitWords, InvalidBytesDoNotStall) {
  auto w = split_words(std::string("ab\xff\xfe cd"));
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1].folded, "cd");
}

}  // namespace
}  // namespace parley::people
