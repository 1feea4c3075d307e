// The analyzer on a small handwritten posting, with the shipped taxonomy.
#include "parley/people/jd_analyzer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "parley/people/jd_corpus.h"
#include "skills_env.h"

namespace parley::people {
namespace {

const testing::SkillsEnv& env() { return testing::skills_env(); }

const char* kPosting =
    "We are a young and dynamic team looking for a competitive, driven rockstar.\n\n"
    "You will plan social media marketing campaigns, create content for Instagram and TikTok, track key "
    "performance indicators and use Hootsuite and Google Analytics every day. Native English speaker.\n";

bool has_skill(const JdReport& r, const Taxonomy& t, std::string_view id) {
  for (const auto& a : r.skills)
    if (t.skills()[a.skill].id == id) return true;
  return false;
}

TEST(JdAnalyzer, HandwrittenPosting) {
  const auto& e = env();
  JdAnalyzer a(e.taxonomy, e.stems);
  auto r = a.analyze({"p1", "Social Media Manager", kPosting});
  EXPECT_TRUE(has_skill(r, e.taxonomy, "plan-social-media-marketing-campaigns"));
  EXPECT_TRUE(has_skill(r, e.taxonomy, "track-key-performance-indicators"));
  EXPECT_TRUE(has_skill(r, e.taxonomy, "hootsuite"));
  EXPECT_TRUE(has_skill(r, e.taxonomy, "instagram"));
  EXPECT_TRUE(r.social_skills);
  EXPECT_TRUE(r.social_title);
  EXPECT_EQ(r.by_type[static_cast<int>(SkillType::relationship_communication)], 0) << "no relational skill asked";
  EXPECT_GT(r.by_type[static_cast<int>(SkillType::tool_knowledge)], 0);
  EXPECT_DOUBLE_EQ(r.balance, balance_score(r.by_type));
  ASSERT_NE(r.nearest, nullptr);
  EXPECT_TRUE(r.nearest_by_title);
  EXPECT_TRUE(r.nearest->id == "esco:online-community-manager" || r.nearest->id == "onet:11-2032.00") << r.nearest->id;
  EXPECT_FALSE(r.missing.empty());
  EXPECT_EQ(r.gender.verdict, "masculine-coded");
  EXPECT_EQ(r.exclusionary.size(), 3u);  // young and dynamic, rockstar, native English speaker
  bool relational_suggestion = false, exclusion_suggestion = false;
  for (const auto& s : r.suggestions) {
    relational_suggestion |= s.find("relationship and communication skills") != std::string::npos;
    exclusion_suggestion |= s.find("Native English speaker") != std::string::npos;
  }
  EXPECT_TRUE(relational_suggestion);
  EXPECT_TRUE(exclusion_suggestion);
}

TEST(JdAnalyzer, NearestBySkillsWithoutTitleAndEmptyPosting) {
  const auto& e = env();
  JdAnalyzer a(e.taxonomy, e.stems);
  auto r = a.analyze({"p2", "", "Answer incoming calls, handle customer complaints, process refunds and assist "
                                  "customers with empathy."});
  ASSERT_NE(r.nearest, nullptr);
  EXPECT_FALSE(r.nearest_by_title);
  EXPECT_NE(r.nearest->label.find("c"), std::string::npos);
  EXPECT_TRUE(r.nearest->id.find("call-centre") != std::string::npos ||
              r.nearest->id.find("customer") != std::string::npos || r.nearest->id == "onet:43-4051.00")
      << r.nearest->id;
  EXPECT_FALSE(r.social_skills);
  auto empty = a.analyze({"p3", "", "Lorem ipsum dolor sit amet."});
  EXPECT_TRUE(empty.skills.empty());
  EXPECT_EQ(empty.nearest, nullptr);
  ASSERT_FALSE(empty.suggestions.empty());
  EXPECT_NE(empty.suggestions[0].find("Name the skills"), std::string::npos);
}

TEST(JdAnalyzer, BalanceScore) {
  EXPECT_DOUBLE_EQ(balance_score({0, 0, 0}), 0.0);
  EXPECT_DOUBLE_EQ(balance_score({5, 0, 0}), 0.0);
  EXPECT_NEAR(balance_score({3, 3, 3}), 1.0, 1e-12);
  EXPECT_NEAR(balance_score({1, 1, 0}), std::log(2.0) / std::log(3.0), 1e-12);
}

TEST(JdCorpus, SocialSkillsWithoutSocialTitle) {
  const auto& e = env();
  JdAnalyzer a(e.taxonomy, e.stems);
  std::vector<JdReport> reports = {a.analyze({"1", "Community Advocate", "Manage our Twitter and Facebook presence."}),
                                   a.analyze({"2", "Social Media Lead", "Run our Instagram."}),
                                   a.analyze({"3", "Accountant", "Maintain financial records."}),
                                   a.analyze({"4", "Support Engineer", "Handle customer complaints."})};
  auto s = summarize(reports, {}, 3);
  EXPECT_EQ(s.postings, 4u);
  EXPECT_EQ(s.social_skills, 2u);
  EXPECT_EQ(s.social_skills_no_social_title, 1u);
  EXPECT_DOUBLE_EQ(s.share_social_no_title, 0.25);
  EXPECT_DOUBLE_EQ(s.share_of_social_without_title, 0.5);
  EXPECT_LE(s.top_skills.size(), 3u);
}

}  // namespace
}  // namespace parley::people
