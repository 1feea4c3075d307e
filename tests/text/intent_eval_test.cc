// Held-out figures of the shipped intent model on real data. The floors are the figures reached when the
// model was trained (docs/intent.md) minus a small margin: a retrain that loses ground fails here.
// Shared data is eval-only and lives outside the repo; without it the tests skip.
#include "parley/eval/intent_eval.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "parley/text/tokenizer.h"

namespace parley::eval {
namespace {

const std::string kShared = PARLEY_SHARED_DATA;
const std::string kData = PARLEY_DATA_DIR;

const text::IntentModel& model() {
  static const text::IntentModel m = [] {
    auto r = text::IntentModel::load(kData + "/intent/intent.model");
    EXPECT_TRUE(r.is_ok()) << r.message();
    return r.is_ok() ? std::move(*r) : text::IntentModel({}, text::IntentValence());
  }();
  return m;
}

TEST(IntentEval, CorpusTestSplit) {
  auto s = eval_intent_corpus_test(model(), kData + "/intent/corpus.tsv");
  ASSERT_TRUE(s.is_ok()) << s.message();
  std::printf("corpus test: macro-F1 %.3f accuracy %.3f n %d\n", s->macro_f1, s->accuracy, s->n);
  for (int k = 0; k < text::kIntentClasses; ++k) {
    auto& c = s->per_class[k];
    std::printf("  %-10s P %.3f R %.3f F1 %.3f support %d\n", std::string(to_string(text::Intent(k))).c_str(),
                c.precision, c.recall, c.f1, c.support);
  }
  EXPECT_GE(s->macro_f1, 0.49);  // reached 0.520 with the shipped (make train) model; 0.478 before the brand corpus
  EXPECT_GE(s->accuracy, 0.57);  // reached 0.601
}

// The brand-directed corpus written for parley (data/intent/brand_corpus.tsv), test split.
TEST(IntentEval, BrandCorpusTestSplit) {
  auto s = eval_intent_corpus_test(model(), kData + "/intent/brand_corpus.tsv");
  ASSERT_TRUE(s.is_ok()) << s.message();
  std::printf("brand corpus test: macro-F1 %.3f accuracy %.3f n %d\n", s->macro_f1, s->accuracy, s->n);
  for (int k = 0; k < text::kIntentClasses; ++k) {
    auto& c = s->per_class[k];
    std::printf("  %-10s P %.3f R %.3f F1 %.3f support %d\n", std::string(to_string(text::Intent(k))).c_str(),
                c.precision, c.recall, c.f1, c.support);
  }
  EXPECT_EQ(s->n, 221);
  EXPECT_GE(s->macro_f1, 0.72);  // reached 0.760 with the shipped model
  EXPECT_GE(s->accuracy, 0.72);  // reached 0.765
}

TEST(IntentEval, SuggestionMining) {
  auto path = kShared + "/suggestion-mining/SubtaskA_Trial_Test_Labeled.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " missing";
  auto s = eval_suggestion_mining(model(), path);
  ASSERT_TRUE(s.is_ok()) << s.message();
  std::printf("suggestion mining (trial test): P %.3f R %.3f F1 %.3f n %d positives %d (best published 0.749)\n",
              s->precision, s->recall, s->f1, s->n, s->positives);
  EXPECT_EQ(s->n, 592);
  EXPECT_GE(s->f1, 0.58);  // reached 0.613 with the shipped model (0.264 before the brand corpus)
}

TEST(IntentEval, AirlineComplaints) {
  auto path = kShared + "/airline-tweets/Tweets.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " missing";
  auto s = eval_airline_complaints(model(), path);
  ASSERT_TRUE(s.is_ok()) << s.message();
  std::printf("airline: complaint recall on negatives %.3f (n %d); positives predicted complaint %.3f (n %d); "
              "neutrals %.3f (n %d)\n",
              s->complaint_recall_negative, s->negatives, s->complaint_share_positive, s->positives,
              s->complaint_share_neutral, s->neutrals);
  EXPECT_EQ(s->negatives, 9178);
  EXPECT_GE(s->complaint_recall_negative, 0.38);  // reached 0.414 with the shipped model (0.055 before)
  EXPECT_LE(s->complaint_share_positive, 0.04);  // reached 0.025 (0.002 before)
}

TEST(IntentEval, Cp1252) {
  EXPECT_EQ(cp1252_to_utf8("caf\xe9 \x93quoted\x94 \x80"), "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac");
  EXPECT_EQ(cp1252_to_utf8("\x81"), "\xef\xbf\xbd");
}

double thread_cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

// Reports the inference cost (thread CPU time, so a busy machine skews it less); asserts nothing about it,
// so slow CI machines do not fail.
TEST(IntentEval, SpeedReport) {
  auto t = text::tokenize("@acme my order #4411 still hasn't arrived, third time asking. can someone help?? :(");
  const int iters = 200000;
  double sink = 0;
  double t0 = thread_cpu_ns();
  for (int i = 0; i < iters; ++i) sink += model().classify(t).confidence;
  double dt = (thread_cpu_ns() - t0) / iters;
  std::printf("classify: %.0f ns per %zu-byte post (tokenized) [%g]\n", dt, t.text.size(), sink > 0 ? 1.0 : 0.0);
}

}  // namespace
}  // namespace parley::eval
