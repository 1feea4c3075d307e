// Runs the sentiment evaluation on the real public sets and fails when a figure drops below what parley
// reached when this test was written, minus a small margin. Skips when ../shared/data is not there.
#include "parley/eval/sentiment_eval.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace parley::eval {
namespace {

const std::string kShared = PARLEY_SHARED_DATA;
constexpr double kMargin = 0.005;

const text::SentimentModel& model() {
  static auto m = text::SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons");
  return *m;
}

void skip_without_data() {
  if (!std::filesystem::exists(kShared + "/vader/tweets_GroundTruth.txt")) GTEST_SKIP() << "no " << kShared;
}

TEST(SentimentEval, SplitIsDeterministicAndBalanced) {
  skip_without_data();
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
constexpr Floor kFloors[] = {
    {"tweets", Half::test, 0.882, 0.915}, {"tweets", Half::all, 0.885, 0.911}, {"movie", Half::test, 0.433, 0.538},
    {"amazon", Half::test, 0.592, 0.571}, {"nyt", Half::test, 0.510, 0.512},
};

TEST(SentimentEval, VaderSetsStayAtOrAboveReachedFigures) {
  skip_without_data();
  for (const Floor& f : kFloors) {
    RatingMetrics m = evaluate_vader_set(kShared, f.set, f.half, model());
    RecordProperty(std::string(f.set) + "_" + std::string(to_string(f.half)) + "_r", std::to_string(m.pearson));
    EXPECT_GE(m.pearson, f.pearson - kMargin) << f.set << "/" << to_string(f.half);
    EXPECT_GE(m.accuracy3, f.accuracy3 - kMargin) << f.set << "/" << to_string(f.half);
  }
}

TEST(SentimentEval, TweetEvalStaysAtOrAboveReachedFigure) {
  skip_without_data();
  if (!std::filesystem::exists(kShared + "/tweeteval-sentiment/val_text.txt")) GTEST_SKIP();
  LabelMetrics m = evaluate_tweeteval(kShared, model());
  EXPECT_EQ(m.n, 2000u);
  RecordProperty("tweeteval_macro_recall", std::to_string(m.macro_recall));
  EXPECT_GE(m.macro_recall, 0.593 - kMargin);
  EXPECT_GE(m.accuracy, 0.571 - kMargin);
}

TEST(SentimentEval, ReportRows) {
  skip_without_data();
  auto rows = evaluate_sentiment(kShared, model());
  EXPECT_EQ(rows.size(), 4u * 2 * 2 + 5);
  EXPECT_TRUE(evaluate_sentiment("/nonexistent", model()).empty());
}

}  // namespace
}  // namespace parley::eval
