#include "parley/text/intent.h"

#include <gtest/gtest.h>

#include <string>

#include "parley/text/intent_train.h"
#include "parley/text/sentiment.h"
#include "parley/text/tokenizer.h"

namespace parley::text {
namespace {

const std::string kModel = std::string(PARLEY_DATA_DIR) + "/intent/intent.model";

// Loaded once for the whole suite, as the product does.
const IntentModel& model() {
  static const IntentModel m = [] {
    auto r = IntentModel::load(kModel);
    EXPECT_TRUE(r.is_ok()) << r.message();
    return r.is_ok() ? std::move(*r) : IntentModel({}, IntentValence());
  }();
  return m;
}

IntentResult classify(std::string_view text) { return model().classify(tokenize(text)); }

TEST(IntentModel, Loads) {
  auto r = IntentModel::load(kModel);
  ASSERT_TRUE(r.is_ok()) << r.message();
  EXPECT_GT(r->valence().size(), 7000u);
}

TEST(IntentModel, MissingFileIsAnError) {
  auto r = IntentModel::load("/nonexistent/intent.model");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.message().find("/nonexistent/intent.model"), std::string::npos);
}

TEST(IntentModel, ClearExamples) {
  EXPECT_EQ(classify("my internet has been down for 3 days, worst service ever").label, Intent::complaint);
  EXPECT_EQ(classify("thank you so much, great support!").label, Intent::praise);
}

// Brand-directed requests. Failed (came out `other`) before data/intent/brand_corpus.tsv existed. Neither
// sentence, nor a close variant of it, is in the brand corpus (the two that were too close were reworded
// before training, so this stays a test).
TEST(IntentModel, ClearRequests) {
  EXPECT_EQ(classify("how do I reset my password?").label, Intent::question);
  EXPECT_EQ(classify("you should add dark mode").label, Intent::suggestion);
}

TEST(IntentModel, ConfidenceIsAProbability) {
  auto r = classify("thank you so much, great support!");
  EXPECT_GT(r.confidence, 0.2);
  EXPECT_LE(r.confidence, 1.0);
  auto p = model().probabilities(tokenize("anyone know a good plumber?"));
  double sum = 0;
  for (double v : p) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-9);
}

TEST(IntentModel, SpamFlag) {
  EXPECT_TRUE(classify("#GIVEAWAY #WIN a free iPad! RT and follow us to enter http://example.com/win").spam);
  EXPECT_TRUE(classify("50% off everything today only, shop now http://example.com").spam);
  EXPECT_FALSE(classify("my internet has been down for 3 days, worst service ever").spam);
  EXPECT_FALSE(classify("loved this article http://example.com/story").spam);
}

TEST(IntentModel, EmptyAndOddInput) {
  EXPECT_EQ(classify("").label, Intent::other);
  auto r = classify(std::string(5000, '?'));
  EXPECT_GE(r.confidence, 0.0);
}

TEST(IntentModel, SaveLoadRoundTrip) {
  auto path = testing::TempDir() + "/intent_roundtrip.model";
  ASSERT_TRUE(model().save(path).is_ok());
  auto again = IntentModel::load(path);
  ASSERT_TRUE(again.is_ok()) << again.message();
  EXPECT_EQ(again->weights(), model().weights());
  auto t = tokenize("why does your app keep crashing?");
  EXPECT_EQ(again->probabilities(t), model().probabilities(t));
}

TEST(IntentTrain, Banking77Mapping) {
  EXPECT_EQ(banking77_intent("card_not_working"), Intent::complaint);
  EXPECT_EQ(banking77_intent("declined_transfer"), Intent::complaint);
  EXPECT_EQ(banking77_intent("extra_charge_on_statement"), Intent::complaint);
  EXPECT_EQ(banking77_intent("card_arrival"), Intent::question);
  EXPECT_EQ(clinc150_intent("oos"), Intent::other);
  EXPECT_EQ(clinc150_intent("weather"), Intent::question);
}

TEST(IntentTrain, CsvRecords) {
  auto r = read_csv_records("a,b\n\"x, \"\"y\"\"\",2\r\n\"multi\nline\",3\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1][0], "x, \"y\"");
  EXPECT_EQ(r[2][0], "multi\nline");
  EXPECT_EQ(r[2][1], "3");
}

}  // namespace
}  // namespace parley::text

namespace parley::text {
namespace {

// The analyser hands intent the sentiment it already computed; the result must be exactly what intent
// computes by itself.
TEST(IntentModelShared, GivenSentimentGivesTheSameResult) {
  auto m = IntentModel::load_default();
  ASSERT_TRUE(m) << m.message();
  for (const char* s : {"my internet has been down for 3 days, worst service ever", "how do I reset my password?",
                        "you should add dark mode", "thank you so much, great support!", "meh", ""}) {
    const Tokenized t = tokenize(s);
    const Sentiment sent = SentimentModel::instance().analyze(t);
    const IntentResult a = m->classify(t), b = m->classify(t, sent);
    EXPECT_EQ(a.label, b.label) << s;
    EXPECT_EQ(a.confidence, b.confidence) << s;
    EXPECT_EQ(a.spam, b.spam) << s;
  }
}

}  // namespace
}  // namespace parley::text
