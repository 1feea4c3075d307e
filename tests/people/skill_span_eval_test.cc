// The skill-span figures on a tiny fixture, computed by hand.
#include "parley/eval/skill_span_eval.h"

#include <gtest/gtest.h>

namespace parley::eval {
namespace {

TEST(SkillSpanEval, LocatesSpansInOrder) {
  auto s = locate_spans("data analysis and more data analysis", {"data analysis", "data analysis", "missing"});
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].begin, 0u);
  EXPECT_EQ(s[1].begin, 23u) << "the second mention, not the first again";
  EXPECT_EQ(s[2].end, 0u) << "not found";
}

TEST(SkillSpanEval, OverlapPrecisionRecallF1) {
  // Gold: two skills (one never in the text) and one knowledge span, in the test split; one dev doc ignored.
  std::vector<SkillSpanDoc> docs = {
      {"t1", "test", "Strong communication skills and Python experience required.", {"communication skills", "absent"},
       {"Python"}},
      {"d1", "dev", "Excel.", {}, {"Excel"}},
  };
  // Predictions: one overlapping "communication skills" (partial), one on "required" (wrong).
  std::vector<std::vector<Span>> pred = {{{7, 20}, {50, 58}}, {{0, 5}}};
  auto s = score_skill_spans(docs, "test", pred);
  EXPECT_EQ(s.docs, 1);
  EXPECT_EQ(s.gold, 3);
  EXPECT_EQ(s.gold_located, 2);
  EXPECT_EQ(s.gold_found, 1);
  EXPECT_EQ(s.predicted, 2);
  EXPECT_EQ(s.predicted_correct, 1);
  EXPECT_DOUBLE_EQ(s.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.recall_skill, 0.5);
  EXPECT_DOUBLE_EQ(s.recall_knowledge, 0.0);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 2 * 0.5 * (1.0 / 3) / (0.5 + 1.0 / 3));
  auto all = score_skill_spans(docs, "", pred);
  EXPECT_EQ(all.docs, 2);
  EXPECT_EQ(all.gold_found, 2);
}

}  // namespace
}  // namespace parley::eval
