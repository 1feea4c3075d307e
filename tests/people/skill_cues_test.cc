// Skill phrases found by the cue words job advertisements use, on hand-written sentences.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/people/skill_cues.h"

namespace parley::people {
namespace {

std::vector<std::string> phrases(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& p : cue_phrases(text)) {
    EXPECT_EQ(text.substr(p.begin, p.end - p.begin), p.text) << "the span is the text";
    out.push_back(p.text);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(SkillCues, AListAfterACueGivesOnePhrasePerItem) {
  EXPECT_EQ(phrases("Experience with Salesforce, Zendesk and HubSpot."), (V{"Salesforce", "Zendesk", "HubSpot"}));
  EXPECT_EQ(phrases("You have a solid understanding of SEO or SEM; we offer lunch."), (V{"SEO", "SEM"}));
  EXPECT_EQ(phrases("Hands-on experience with Google Analytics"), (V{"Google Analytics"}));
}

TEST(SkillCues, AbilityToKeepsTheVerbPhrase) {
  EXPECT_EQ(phrases("Ability to work under pressure and meet deadlines.\nWe are fun."),
            (V{"work under pressure", "meet deadlines"}));
  EXPECT_EQ(phrases("You will be responsible for the community calendar."), (V{"community calendar"}))
      << "the article is left out";
}

TEST(SkillCues, WordsBeforeSkillsBackToAFillerOrAStop) {
  EXPECT_EQ(phrases("Excellent written communication skills."), (V{"written communication skills"}));
  EXPECT_EQ(phrases("Strong Excel skills; basic SQL skills"), (V{"Excel skills", "SQL skills"}));
}

TEST(SkillCues, LongPhrasesAreCutAndTextWithoutCuesGivesNothing) {
  auto p = phrases("Knowledge of one two three four five six seven eight");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], "one two three four five six");
  EXPECT_TRUE(phrases("We are a friendly team in Lisbon. Apply today!").empty());
  EXPECT_TRUE(phrases("").empty());
  EXPECT_TRUE(phrases("experience with").empty()) << "a cue at the end names nothing";
}

TEST(SkillCues, NonAsciiTextKeepsByteSpans) {
  auto p = cue_phrases("Erfahrung — knowledge of Français and Deutsch.");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].text, "Français");
  EXPECT_EQ(p[1].text, "Deutsch");
}

}  // namespace
}  // namespace parley::people
