#include "parley/text/sentiment.h"
#include "parley/text/sentiment_model_learned.h"
#include "parley/text/sentiment_model_train.h"

#include <gtest/gtest.h>

#include <cmath>

#include <string>
#include <thread>
#include <vector>

namespace parley::text {
namespace {

// parley's rules (data/lexicons, learned layer off: these tests pin the rules' behaviour), and a VADER-only
// one. The learned layer, which the shipped instance() puts on top, is tested further down.
SentimentOptions rules_only() {
  SentimentOptions o;
  o.learned = false;
  return o;
}
const SentimentModel& parley_model() {
  static auto m = SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", rules_only());
  return *m;
}
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
  Sentiment s = parley_model().analyze(tokenize("the table"));
  EXPECT_EQ(s.label, SentimentClass::neutral);
  EXPECT_DOUBLE_EQ(s.neu, 1.0);
  // The shared entry point: pos/neu/neg always come from the rules.
  EXPECT_DOUBLE_EQ(analyze_sentiment(tokenize("the table")).neu, 1.0);
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

// --- The learned layer (data/models/sentiment.model) ---

const SentimentModel& learned_model() {
  static auto m = SentimentModel::from_dir(std::string(PARLEY_DATA_DIR) + "/lexicons", {},
                                           std::string(PARLEY_DATA_DIR) + "/models/sentiment.model");
  return *m;
}

TEST(LearnedSentiment, ShippedModelLoadsAndIsTheDefault) {
  ASSERT_NE(learned_model().learned(), nullptr);
  EXPECT_NE(learned_model().learned()->provenance().find("VADER"), std::string::npos);
  EXPECT_TRUE(SentimentOptions{}.learned);
  EXPECT_FALSE(SentimentOptions::vader().learned);
  // instance() (analyze_sentiment's model) attaches it from parley::data_path.
  EXPECT_NE(SentimentModel::instance().learned(), nullptr);
  Tokenized tk = tokenize("meh, the update broke my settings again");
  EXPECT_EQ(analyze_sentiment(tk).compound, learned_model().analyze(tk).compound);
  // Without a model file, or with the option off, analyze() is the rules.
  EXPECT_EQ(parley_model().learned(), nullptr);
  EXPECT_EQ(parley_model().analyze(tk).compound, parley_model().analyze_rules(tk).compound);
}

TEST(LearnedSentiment, ObviousCases) {
  auto s = [](std::string_view t) { return learned_model().analyze(t); };
  EXPECT_EQ(s("I love this phone, it is wonderful!").label, SentimentClass::positive);
  EXPECT_GT(s("I love this phone, it is wonderful!").compound, 0.3);
  EXPECT_EQ(s("This is the worst service ever, I hate it").label, SentimentClass::negative);
  EXPECT_LT(s("This is the worst service ever, I hate it").compound, -0.3);
  EXPECT_EQ(s("The meeting is on Tuesday at the main office").label, SentimentClass::neutral);
  EXPECT_LT(s("the food was not good").compound, 0);
  EXPECT_LT(s("my order is late 😡").compound, 0);
  Sentiment p = s("The movie was great but the ending was awful and sad");
  EXPECT_NEAR(p.pos + p.neu + p.neg, 1.0, 1e-9);
  EXPECT_GE(p.compound, -1.0);
  EXPECT_LE(p.compound, 1.0);
}

TEST(LearnedSentiment, DeterministicAcrossCallsAndThreads) {
  std::vector<std::string> texts = {"great phone!!!", "not good at all", "meh :(", "LOVE it 😍", "ok", ""};
  std::vector<Sentiment> want;
  for (auto& t : texts) want.push_back(learned_model().analyze(t));
  std::vector<std::thread> th;
  std::vector<int> bad(4, 0);
  for (int k = 0; k < 4; ++k)
    th.emplace_back([&, k] {
      for (int r = 0; r < 300; ++r)
        for (std::size_t i = 0; i < texts.size(); ++i) {
          Sentiment g = learned_model().analyze(texts[i]);
          bad[k] += g.compound != want[i].compound || g.label != want[i].label;
        }
    });
  for (auto& t : th) t.join();
  for (int b : bad) EXPECT_EQ(b, 0);
}

TEST(LearnedSentiment, FileRoundTripAndCorruption) {
  const LearnedSentiment& m = *learned_model().learned();
  std::string bytes = m.serialize(m.provenance());
  auto back = LearnedSentiment::parse(bytes);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->serialize(back->provenance()), bytes);
  std::string bad = bytes;
  bad[bad.size() / 2] ^= 1;
  EXPECT_EQ(LearnedSentiment::parse(bad), nullptr);                            // checksum
  EXPECT_EQ(LearnedSentiment::parse(bytes.substr(0, bytes.size() - 9)), nullptr);  // truncated
  EXPECT_EQ(LearnedSentiment::load("/nonexistent/sentiment.model"), nullptr);
  SentimentModel rules_only_copy("", "");
  EXPECT_FALSE(rules_only_copy.attach_learned("/nonexistent/sentiment.model"));
}

TEST(LearnedSentiment, TrainingIsReproducible) {
  // A toy corpus: the same examples and config must give the same bytes (the shipped file relies on it).
  std::vector<SentimentExample> ex;
  const char* texts[] = {"love it", "hate it", "it is a table", "great!!", "awful :(", "the bus at 9"};
  const float ratings[] = {3, -3, 0, 2.5f, -2.5f, 0.1f};
  for (int i = 0; i < 6; ++i) {
    SentimentExample e;
    Tokenized tk = tokenize(texts[i]);
    SentimentRuleStats st;
    Sentiment r = parley_model().analyze_rules(tk, &st);
    extract_sentiment_features(tk, r, st, &e.features);
    e.rating = ratings[i];
    ex.push_back(std::move(e));
  }
  std::vector<const SentimentExample*> ptrs;
  for (auto& e : ex) ptrs.push_back(&e);
  SentimentTrainConfig cfg;
  cfg.hash_bits = 12;
  cfg.epochs = 20;
  std::string a = train_sentiment(ptrs, cfg).serialize("t"), b = train_sentiment(ptrs, cfg).serialize("t");
  EXPECT_EQ(a, b);
  auto m = LearnedSentiment::parse(a);
  ASSERT_NE(m, nullptr);
  EXPECT_GT(m->outputs(ex[0].features)[3], m->outputs(ex[1].features)[3]);  // it learned the direction
  EXPECT_EQ(sentiment_class_of(0.4f, 0.5f), 1);
  EXPECT_EQ(sentiment_class_of(-0.6f, 0.5f), 0);
}

}  // namespace
}  // namespace parley::text
