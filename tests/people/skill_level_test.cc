// The arithmetic that turns scored cases into what a person is told about their skills: small samples must
// not look confident, more good evidence must never lower a level, and the trend needs evidence on both
// sides.
#include <gtest/gtest.h>

#include "parley/people/case_skills.h"
#include "parley/people/skill_evidence.h"
#include "parley/people/skill_level.h"

namespace parley::people {
namespace {

TEST(SkillLevel, EvidenceLevelMapsScoresOntoOneToFive) {
  EXPECT_DOUBLE_EQ(evidence_level(0), 1);
  EXPECT_DOUBLE_EQ(evidence_level(0.5), 3);
  EXPECT_DOUBLE_EQ(evidence_level(1), 5);
  EXPECT_DOUBLE_EQ(evidence_level(7), 5) << "clamped";
}

TEST(SkillLevel, PriorDominatesWithOneOrTwoCases) {
  auto none = estimate_level(4, {});
  EXPECT_DOUBLE_EQ(none.level, 4);
  EXPECT_DOUBLE_EQ(none.confidence, 0);
  EXPECT_FALSE(none.enough);
  // Two disastrous cases move a declared 4 by less than one level, and say so.
  auto two_bad = estimate_level(4, {0.0, 0.0});
  EXPECT_GT(two_bad.level, 3.0);
  EXPECT_LT(two_bad.level, 4.0);
  EXPECT_FALSE(two_bad.enough);
  EXPECT_LT(two_bad.confidence, 0.5);
  // Without a declared level the prior is 3.
  EXPECT_DOUBLE_EQ(estimate_level(std::nullopt, {}).level, kNeutralLevel);
  EXPECT_NEAR(estimate_level(std::nullopt, {1.0}).level, (5 * 3 + 5) / 6.0, 1e-12);
}

TEST(SkillLevel, ManyCasesSpeakForThemselves) {
  std::vector<double> good(40, 1.0);
  auto e = estimate_level(2, good);
  EXPECT_TRUE(e.enough);
  EXPECT_GT(e.level, 4.5) << "40 excellent cases outweigh a modest declared 2";
  EXPECT_GT(e.confidence, 0.85);
}

TEST(SkillLevel, MoreGoodEvidenceNeverLowersTheLevelAndBadNeverRaisesIt) {
  std::vector<double> scores;
  double last = estimate_level(3, scores).level;
  for (int i = 0; i < 30; ++i) {
    scores.push_back(0.9);
    double now = estimate_level(3, scores).level;
    EXPECT_GE(now, last) << i;
    last = now;
  }
  scores.clear();
  last = estimate_level(3, scores).level;
  for (int i = 0; i < 30; ++i) {
    scores.push_back(0.1);
    double now = estimate_level(3, scores).level;
    EXPECT_LE(now, last) << i;
    last = now;
  }
  // A better case in place of a worse one raises the level.
  EXPECT_GT(estimate_level(3, {0.5, 0.5, 0.9}).level, estimate_level(3, {0.5, 0.5, 0.4}).level);
}

TEST(SkillLevel, ConfidenceGrowsWithEvidenceAndTheIntervalNarrows) {
  std::vector<double> scores;
  SkillEstimate prev = estimate_level(std::nullopt, scores);
  for (int i = 0; i < 25; ++i) {
    scores.push_back(i % 2 ? 0.8 : 0.6);
    auto e = estimate_level(std::nullopt, scores);
    EXPECT_GT(e.confidence, prev.confidence) << i;
    EXPECT_LT(e.high - e.low, prev.high - prev.low + 1e-12) << i;
    EXPECT_EQ(e.enough, e.n >= kMinEvidence);
    prev = e;
  }
  EXPECT_NEAR(prev.confidence, 25.0 / (25 + kPriorWeight), 1e-12);
  EXPECT_LE(prev.low, prev.level);
  EXPECT_GE(prev.high, prev.level);
}

TEST(SkillLevel, TrendComparesTheLastTwoWeeksWithTheTwoBefore) {
  const std::int64_t now = 100LL * 24 * 3600 * 1000, day = 24LL * 3600 * 1000;
  std::vector<std::pair<std::int64_t, double>> s;
  for (int i = 0; i < 3; ++i) s.emplace_back(now - (20 + i) * day, 0.25);  // previous window: level 2
  for (int i = 0; i < 2; ++i) s.emplace_back(now - (5 + i) * day, 1.0);    // recent: only 2 cases
  EXPECT_EQ(trend_of(s, now).direction, TrendDirection::unknown) << "needs 3 cases in each window";
  s.emplace_back(now - 7 * day, 1.0);
  auto t = trend_of(s, now);
  EXPECT_EQ(t.direction, TrendDirection::up);
  EXPECT_NEAR(*t.delta, 3.0, 1e-12);
  EXPECT_EQ(t.recent_n, 3);
  EXPECT_EQ(t.previous_n, 3);
  // Cases older than 28 days and after `now` are in neither window.
  s.emplace_back(now - 29 * day, 0.0);
  s.emplace_back(now + day, 0.0);
  EXPECT_EQ(trend_of(s, now).previous_n, 3);
  // The same evidence the other way round is down; a small change is flat.
  std::vector<std::pair<std::int64_t, double>> d;
  for (int i = 0; i < 3; ++i) d.emplace_back(now - (20 + i) * day, 0.9);
  for (int i = 0; i < 3; ++i) d.emplace_back(now - (2 + i) * day, 0.3);
  EXPECT_EQ(trend_of(d, now).direction, TrendDirection::down);
  for (auto& [at, score] : d) score = 0.5 + (at > now - 14 * day ? 0.05 : 0.0);
  EXPECT_EQ(trend_of(d, now).direction, TrendDirection::flat);
}

TEST(EvidenceScore, WeightedMeanOfThePartsPresent) {
  EXPECT_FALSE(evidence_score({}));
  EvidenceParts p;
  p.first_response_sla = 1;
  p.resolution_sla = 0;
  EXPECT_DOUBLE_EQ(*evidence_score(p), 0.5);
  p.csat = 1;  // counts double: (1 + 0 + 2) / 4
  EXPECT_DOUBLE_EQ(*evidence_score(p), 0.75);
  p.not_reopened = 0;
  p.sentiment_lift = 0.5;
  EXPECT_DOUBLE_EQ(*evidence_score(p), (1 + 0 + 2 + 0 + 0.5) / 6);
  p.knowledge_reuse = 1;
  EXPECT_GT(*evidence_score(p), (1 + 0 + 2 + 0 + 0.5) / 6) << "reuse can only help";
}

TEST(CaseSkills, RequiredImpliedByLanguageIntentChannelAndTopic) {
  const std::set<std::string> vocabulary = {"spanish", "crisis", "community-management", "product-feedback"};
  CaseFacts c{"complaint", "es", "x", {{"crisis", 3}}, {"Northwind Fiber"}};
  EXPECT_EQ(case_skills(c, vocabulary),
            (std::vector<std::string>{"complaint-handling", "crisis", "northwind-fiber", "spanish", "x-channel"}));
  EXPECT_EQ(intent_skill("praise", vocabulary), "community-management") << "the organisation's own word";
  EXPECT_EQ(intent_skill("praise", {}), "community-engagement");
  EXPECT_EQ(intent_skill("other", vocabulary), "");
  EXPECT_EQ(language_skill("en", vocabulary), "") << "English is the working language";
  EXPECT_EQ(language_skill("en", {"english"}), "english");
  EXPECT_EQ(language_skill("pt", {}), "portuguese");
  EXPECT_EQ(language_skill("und", {}), "");
}

}  // namespace
}  // namespace parley::people
