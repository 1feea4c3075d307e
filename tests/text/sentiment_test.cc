#include "parley/text/sentiment.h"

#include <gtest/gtest.h>

#include <cmath>

#include <string>
#include <thread>
#include <vector>

namespace parley::text {
namespace {

// The shipped model (data/lexicons via parley::data_path) with parley's defaults, and a VADER-only one.
const SentimentModel& parley_model() { return SentimentModel::instance(); }
const SentimentModel& vader_model() {
  static auto m = SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", SentimentOptions::vader());
  return *m;
}
double c(std::string_view s) { return parley_model().analyze(s).compound; }
double v(std::string_view s) { return vader_model().analyze(s).compound; }

TEST(Sentiment, LexiconLoaded) {
  ASSERT_FALSE(parley_model().empty());
  EXPECT_GT(parley_model().lexicon().size(), 7000u);
  EXPECT_EQ(c("the table is in the room"), 0.0);
  Sentiment s = analyze_sentiment(tokenize("the table"));
  EXPECT_EQ(s.label, SentimentClass::neutral);
  EXPECT_DOUBLE_EQ(s.neu, 1.0);
}

TEST(Sentiment, VaderReferenceValues) {
  // VADER's formula on single words: compound = x / sqrt(x^2 + 15); "good" is 1.9 in the lexicon.
  EXPECT_NEAR(v("good"), 1.9 / std::sqrt(1.9 * 1.9 + 15), 1e-6);
  EXPECT_NEAR(v("very good"), (1.9 + 0.293) / std::sqrt((1.9 + 0.293) * (1.9 + 0.293) + 15), 1e-6);
  EXPECT_NEAR(v("not good"), -0.74 * 1.9 / std::sqrt(0.74 * 1.9 * 0.74 * 1.9 + 15), 1e-6);
  // "!" adds 0.292 each, up to 4.
  double x = 1.9 + 4 * 0.292;
  EXPECT_NEAR(v("good!!!!!!"), x / std::sqrt(x * x + 15), 1e-6);
}

TEST(Sentiment, BoostersCapsAndExclamation) {
  for (auto* m : {&vader_model(), &parley_model()}) {
    double good = m->analyze("good").compound, very = m->analyze("very good").compound;
    double caps = m->analyze("VERY good").compound, bang = m->analyze("VERY good!!!").compound;
    EXPECT_LT(0, good);
    EXPECT_LT(good, very);
    EXPECT_LT(very, caps);
    EXPECT_LT(caps, bang);
    EXPECT_LT(m->analyze("slightly good").compound, good);  // dampener
  }
  // Caps only count when the text mixes case.
  EXPECT_GT(c("The food was GOOD"), c("The food was good"));
  EXPECT_NEAR(c("GOOD"), c("good"), 1e-9);
}

TEST(Sentiment, Negation) {
  EXPECT_LT(c("not good"), 0);
  EXPECT_LT(c("the food isn't good"), 0);      // n't contraction
  EXPECT_LT(c("the food isn’t good"), 0);      // typographic apostrophe
  EXPECT_LT(c("it is not really good"), 0);    // negation two words back, across a booster
  // Known limit (as in VADER): a negator more than 3 words back does not reach. Extending the scope to the
  // clause was tried and lowered dev r (docs/sentiment.md).
  EXPECT_GT(c("I don't think it is good"), 0);
  EXPECT_GT(c("not bad"), 0);
  EXPECT_GT(c("never so good"), c("good"));    // "never so": emphasis, not negation
  EXPECT_GT(c("without doubt good"), 0);
  EXPECT_LT(c("least good"), 0);
  EXPECT_GT(c("at least good"), 0);
  // "no" before a sentiment word negates it; alone it is a (negative) lexicon word.
  EXPECT_GT(c("no problems"), 0);
  EXPECT_LT(c("no"), 0);
  // parley: one negator reaches only up to the next sentiment word, so repeating a negated phrase
  // stays negative (VADER flips every second one through its 3-word window).
  EXPECT_LT(c("DON'T CARE DON'T CARE DON'T CARE"), 0);
  EXPECT_GT(v("DON'T CARE DON'T CARE DON'T CARE"), c("DON'T CARE DON'T CARE DON'T CARE"));
}

TEST(Sentiment, ButWeighting) {
  // After "but" counts 1.5x, before 0.5x: the clause after decides.
  EXPECT_LT(c("The food was good but the service was terrible"), 0);
  EXPECT_GT(c("The food was terrible but the service was good"), 0);
  double before = c("good but"), after = c("but good");
  EXPECT_LT(before, after);
}

TEST(Sentiment, KindOfAndIdioms) {
  EXPECT_LT(c("it was kind of good"), c("it was good"));  // dampener, not the adjective "kind"
  EXPECT_GT(c("it was kind of good"), 0);
  EXPECT_LT(c("I am fed up"), 0);            // multi-word lexicon entry
  EXPECT_LT(c("yeah right"), 0);             // idiom
  EXPECT_GT(c("the cake was to die for"), 0);
}

TEST(Sentiment, EmojiAndEmoticons) {
  EXPECT_LT(c("😡"), 0);
  EXPECT_LT(c("my order is late 😡"), c("my order is late"));
  EXPECT_GT(c("😂"), 0);
  EXPECT_GT(c("👍🏽"), 0);  // skin tone falls back to the base emoji
  EXPECT_GT(c("❤️"), 0);
  EXPECT_LT(c("😭"), 0);
  EXPECT_GT(c("thanks :)"), c("thanks"));
  EXPECT_LT(c("meh :("), 0);
  EXPECT_GT(c("love you <3"), c("love you"));
  // VADER reads emoji as their description words: 😂 "face with tears of joy".
  EXPECT_GT(v("😂"), 0);
}

TEST(Sentiment, ElongationAndQuestions) {
  EXPECT_GT(c("goooood"), c("good"));
  EXPECT_GT(c("good"), 0);
  // A sentiment word inside a question is weaker than in a statement.
  EXPECT_LT(c("is it good?"), c("it is good."));
}

TEST(Sentiment, ProportionsAndLabel) {
  Sentiment s = parley_model().analyze("The movie was great but the ending was awful and sad");
  EXPECT_NEAR(s.pos + s.neu + s.neg, 1.0, 1e-9);
  EXPECT_GT(s.pos, 0);
  EXPECT_GT(s.neg, 0);
  EXPECT_EQ(parley_model().analyze("I love it").label, SentimentClass::positive);
  EXPECT_EQ(parley_model().analyze("I hate it").label, SentimentClass::negative);
  EXPECT_EQ(classify(0.04, {}), SentimentClass::neutral);
  EXPECT_EQ(classify(0.05, {}), SentimentClass::positive);
  EXPECT_EQ(classify(-0.05, {}), SentimentClass::negative);
  EXPECT_EQ(classify(0.3, {-0.4, 0.4}), SentimentClass::neutral);
}

TEST(Sentiment, MentionsCarryNoSentiment) {
  EXPECT_EQ(c("@happyhour see http://good.com"), 0.0);
  EXPECT_GT(v("@happy"), 0);  // VADER strips the '@' and scores the name
}

TEST(Sentiment, ConcurrentReadsAgree) {
  std::vector<std::string> texts = {"great phone!!!", "not good at all", "meh :(", "LOVE it 😍", "ok"};
  std::vector<double> want;
  for (auto& t : texts) want.push_back(c(t));
  std::vector<std::thread> th;
  std::vector<int> bad(4, 0);
  for (int k = 0; k < 4; ++k)
    th.emplace_back([&, k] {
      for (int r = 0; r < 500; ++r)
        for (std::size_t i = 0; i < texts.size(); ++i) bad[k] += c(texts[i]) != want[i];
    });
  for (auto& t : th) t.join();
  for (int b : bad) EXPECT_EQ(b, 0);
}

}  // namespace
}  // namespace parley::text
