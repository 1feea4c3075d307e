// Runs the sentiment evaluation on the real public sets and fails when a figure drops below what parley
// reached when this test was written, minus a small margin. Skips when ../shared/data is not there.
#include "parley/eval/sentiment_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <span>

namespace parley::eval {
namespace {

const std::string kShared = PARLEY_SHARED_DATA;
constexpr double kMargin = 0.005;

// The shipped configuration: rules + the learned layer (data/models/sentiment.model).
const text::SentimentModel& model() {
  static auto m = text::SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", {},
                                                 std::string(PARLEY_DATA_DIR) + "/models/sentiment.model");
  return *m;
}
// The rules alone (SentimentOptions::learned off), still reported side by side.
const text::SentimentModel& rules_model() {
  text::SentimentOptions o;
  o.learned = false;
  static auto m = text::SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", o);
  return *m;
}

bool have_data() { return std::filesystem::exists(kShared + "/vader/tweets_GroundTruth.txt"); }
// A macro, not a function: GTEST_SKIP() returns from the function it is written in, and must end the test.
#define SKIP_WITHOUT_DATA() \
  if (!have_data()) GTEST_SKIP() << "no " << kShared

TEST(SentimentEval, SplitIsDeterministicAndBalanced) {
  SKIP_WITHOUT_DATA();
  auto all = load_rated(vader_set_path(kShared, "tweets"));
  ASSERT_EQ(all.size(), 4200u);
  auto dev = select_half(all, "tweets", Half::dev), test = select_half(all, "tweets", Half::test);
  EXPECT_EQ(dev.size() + test.size(), all.size());
  EXPECT_NEAR(static_cast<double>(dev.size()) / all.size(), 0.5, 0.03);
  EXPECT_EQ(in_dev_half("tweets", "1"), in_dev_half("tweets", "1"));
}

TEST(SentimentEval, PearsonHelper) {
  EXPECT_NEAR(pearson({1, 2, 3}, {2, 4, 6}), 1.0, 1e-12);
  EXPECT_NEAR(pearson({1, 2, 3}, {3, 2, 1}), -1.0, 1e-12);
  EXPECT_EQ(pearson({1, 1}, {1, 2}), 0.0);
}

struct Floor {
  const char* set;
  Half half;
  double pearson, accuracy3;
};

// Figures reached (test halves are held out: never used to choose anything) minus kMargin below.
// "tweets/all" includes the dev half the rules were tuned on and the learned layer was trained on.
constexpr Floor kRuleFloors[] = {
    {"tweets", Half::test, 0.882, 0.915}, {"tweets", Half::all, 0.885, 0.911}, {"movie", Half::test, 0.433, 0.538},
    {"amazon", Half::test, 0.592, 0.571}, {"nyt", Half::test, 0.510, 0.512},
};
constexpr Floor kLearnedFloors[] = {
    {"tweets", Half::test, 0.893, 0.933}, {"tweets", Half::all, 0.897, 0.933}, {"movie", Half::test, 0.435, 0.582},
    {"amazon", Half::test, 0.606, 0.656}, {"nyt", Half::test, 0.523, 0.566},
};

void check_floors(const text::SentimentModel& m, std::span<const Floor> floors, const std::string& tag) {
  for (const Floor& f : floors) {
    RatingMetrics r = evaluate_vader_set(kShared, f.set, f.half, m);
    ::testing::Test::RecordProperty(tag + "_" + f.set + "_" + std::string(to_string(f.half)) + "_r", std::to_string(r.pearson));
    EXPECT_GE(r.pearson, f.pearson - kMargin) << tag << " " << f.set << "/" << to_string(f.half);
    EXPECT_GE(r.accuracy3, f.accuracy3 - kMargin) << tag << " " << f.set << "/" << to_string(f.half);
  }
}

TEST(SentimentEval, VaderSetsStayAtOrAboveReachedFigures) {
  SKIP_WITHOUT_DATA();
  ASSERT_NE(model().learned(), nullptr) << "data/models/sentiment.model missing";
  check_floors(model(), kLearnedFloors, "learned");
  check_floors(rules_model(), kRuleFloors, "rules");
}

TEST(SentimentEval, TweetEvalStaysAtOrAboveReachedFigure) {
  SKIP_WITHOUT_DATA();
  if (!std::filesystem::exists(kShared + "/tweeteval-sentiment/val_text.txt")) GTEST_SKIP();
  ASSERT_NE(model().learned(), nullptr) << "data/models/sentiment.model missing";
  LabelMetrics m = evaluate_tweeteval(kShared, model());
  EXPECT_EQ(m.n, 2000u);
  RecordProperty("tweeteval_macro_recall", std::to_string(m.macro_recall));
  EXPECT_GE(m.macro_recall, 0.620 - kMargin);
  EXPECT_GE(m.accuracy, 0.618 - kMargin);
  EXPECT_GE(m.recall[1], 0.629 - kMargin);  // neutral: what the learned layer was for
  LabelMetrics r = evaluate_tweeteval(kShared, rules_model());
  EXPECT_GE(r.macro_recall, 0.593 - kMargin);
  EXPECT_GE(r.accuracy, 0.571 - kMargin);
  // Explicit cuts classify the compound instead of using the model's own label.
  LabelMetrics c = evaluate_tweeteval(kShared, rules_model(), text::broad_neutral_cuts());
  EXPECT_DOUBLE_EQ(c.macro_recall, r.macro_recall);
}

TEST(SentimentEval, ReportRows) {
  SKIP_WITHOUT_DATA();
  auto rows = evaluate_sentiment(kShared, model());
  EXPECT_EQ(rows.size(), 4u * 2 * 2 + 5);
  EXPECT_TRUE(evaluate_sentiment("/nonexistent", model()).empty());
}

}  // namespace
}  // namespace parley::eval
