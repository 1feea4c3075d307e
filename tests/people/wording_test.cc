// Gender-coded words (Gaucher, Friesen & Kay 2011 stems) and exclusionary phrases.
#include <gtest/gtest.h>

#include "parley/people/exclusionary_phrases.h"
#include "parley/people/gendered_words.h"

namespace parley::people {
namespace {

const GenderedStems& stems() {
  static const auto g = GenderedStems::load(std::string(PARLEY_DATA_DIR) + "/skills/gender-coded-word-stems.tsv");
  EXPECT_TRUE(g.is_ok()) << g.message();
  static const GenderedStems empty;
  return g.is_ok() ? *g : empty;
}

TEST(GenderedWords, ShippedListHasThePublishedCounts) {
  EXPECT_EQ(stems().feminine.size(), 50u);
  EXPECT_EQ(stems().masculine.size(), 52u);
  EXPECT_EQ(stems().exceptions, std::vector<std::string>{"sharepoint"});
}

TEST(GenderedWords, StemsMatchWordStartsAndVerdictFollowsTheDifference) {
  auto c = gender_coding(stems(), split_words("A competitive, ambitious and DRIVEN leader. We share SharePoint files."));
  EXPECT_EQ(c.masculine, 4);  // competitive, ambitious, driven, leader
  EXPECT_EQ(c.feminine, 1);   // share; sharepoint is an exception
  EXPECT_EQ(c.verdict, "masculine-coded");
  ASSERT_FALSE(c.words.empty());
  EXPECT_EQ(c.words[0].stem, "compet");
  EXPECT_EQ(gender_coding(stems(), split_words("A collaborative, supportive, warm, kind and loyal team. Be honest."))
                .verdict,
            "strongly feminine-coded");
  EXPECT_EQ(gender_coding(stems(), split_words("Write posts.")).verdict, "neutral");
  EXPECT_EQ(gender_coding(stems(), split_words("misleading")).masculine, 0) << "stems match at the word start only";
}

TEST(GenderedWords, ParseErrors) {
  EXPECT_FALSE(GenderedStems::parse("stem\tcoding\nfoo\tneutral\n").is_ok());
  EXPECT_FALSE(GenderedStems::parse("").is_ok());
}

std::vector<std::string> categories(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& h : find_exclusionary(text, split_words(text)))
    out.push_back(exclusionary_phrases()[h.phrase].category);
  return out;
}

TEST(ExclusionaryPhrases, FoundWithInflectionsAndCase) {
  EXPECT_EQ(categories("We are looking for Native English Speakers to join our young and dynamic team."),
            (std::vector<std::string>{"origin", "age"}));
  EXPECT_EQ(categories("Ideal for recent graduates and digital natives"), (std::vector<std::string>{"age", "age"}));
  EXPECT_EQ(categories("Must be able to lift 25 kg. Clean-shaven."), (std::vector<std::string>{"disability", "appearance"}));
  EXPECT_EQ(categories("a social media ninja"), std::vector<std::string>{"gender"});
  EXPECT_EQ(categories("strong culture fit"), std::vector<std::string>{"affinity"});
}

TEST(ExclusionaryPhrases, OrdinaryWordingIsNotFlagged) {
  EXPECT_TRUE(categories("Fluent written English (C1). You will support young people's charities online.").empty());
  EXPECT_TRUE(categories("native apps for iOS and Android").empty());
}

TEST(ExclusionaryPhrases, EveryEntryExplainsItself) {
  for (const auto& e : exclusionary_phrases()) {
    EXPECT_FALSE(e.forms.empty());
    EXPECT_FALSE(e.why.empty()) << e.forms[0];
    EXPECT_FALSE(e.instead.empty()) << e.forms[0];
  }
}

}  // namespace
}  // namespace parley::people
