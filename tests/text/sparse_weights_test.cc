#include "parley/text/sparse_weights.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "parley/text/intent.h"
#include "parley/text/sentiment.h"
#include "parley/text/sentiment_model_learned.h"
#include "parley/text/tokenizer.h"
#include "shipped_intent_model.h"

namespace parley::text {
namespace {

// Every bucket's row, bit for bit (so -0.0 and NaN payloads count), against the dense table.
void expect_same_rows(const SparseWeights& s, const std::vector<float>& dense, std::size_t width) {
  ASSERT_EQ(s.width(), width);
  std::size_t stored = 0, bad = 0;
  for (std::size_t r = 0; r < dense.size() / width; ++r) {
    const float* want = &dense[r * width];
    bool zero = true;
    for (std::size_t k = 0; k < width; ++k) {
      std::uint32_t u;
      std::memcpy(&u, &want[k], sizeof u);
      zero &= u == 0;
    }
    stored += !zero;
    if (std::memcmp(s.row(static_cast<std::uint32_t>(r)), want, width * sizeof(float)) != 0 && ++bad <= 5)
      ADD_FAILURE() << "row " << r << " differs";
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(s.stored_rows(), stored);
  // The batch look-up (with the hardware bit count where the CPU has one) gives the very same rows, for
  // every bucket, in any order and with repeats.
  std::vector<std::uint32_t> buckets(dense.size() / width);
  for (std::size_t r = 0; r < buckets.size(); ++r) buckets[r] = static_cast<std::uint32_t>(r);
  std::mt19937 rng(static_cast<std::uint32_t>(buckets.size() + width));
  for (std::size_t r = 0; r < buckets.size() / 2; ++r) buckets.push_back(buckets[rng() % buckets.size()]);
  std::vector<const float*> rows(buckets.size());
  s.rows(buckets.data(), buckets.size(), rows.data());
  std::size_t bad_batch = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i)
    if (rows[i] != s.row(buckets[i]) && ++bad_batch <= 5) ADD_FAILURE() << "rows() differs for " << buckets[i];
  EXPECT_EQ(bad_batch, 0u);
}

std::vector<float> random_table(std::size_t rows, std::size_t width, double fill, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> val(-3.f, 3.f);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<float> w(rows * width, 0.f);
  const float odd[] = {-0.f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::denorm_min(),
                       -std::numeric_limits<float>::infinity(), 0.f};
  for (std::size_t r = 0; r < rows; ++r) {
    if (u(rng) >= fill) continue;
    const double kind = u(rng);
    for (std::size_t k = 0; k < width; ++k) {
      if (kind < 0.1) w[r * width + k] = odd[(r + k) % 5];                 // signed zeros, NaN, denormals
      else if (kind < 0.3) w[r * width + k] = k == r % width ? val(rng) : 0.f;  // one non-zero class
      else w[r * width + k] = val(rng);
    }
  }
  return w;
}

TEST(SparseWeights, RandomTablesMatchTheDenseTableForEveryBucket) {
  for (std::size_t width : {1u, 4u, 5u})
    for (double fill : {0.0, 0.01, 0.09, 0.5, 1.0})
      for (std::size_t rows : {1u, 63u, 64u, 100u, 4096u, 1u << 18}) {
        SCOPED_TRACE(testing::Message() << "width " << width << " fill " << fill << " rows " << rows);
        auto dense = random_table(rows, width, fill, static_cast<std::uint32_t>(rows * 7 + width));
        expect_same_rows(SparseWeights(dense, width), dense, width);
      }
}

TEST(SparseWeights, OnlyBitZeroRowsAreShared) {
  // A row of -0.0 is not "absent": adding -0.0 and +0.0 differ when the sum is -0.0, so it is kept as is.
  std::vector<float> dense(128 * 2, 0.f);
  dense[2 * 5 + 1] = -0.f;
  dense[2 * 64] = 1.5f;
  SparseWeights s(dense, 2);
  EXPECT_EQ(s.stored_rows(), 2u);
  EXPECT_TRUE(std::signbit(s.row(5)[1]));
  EXPECT_EQ(s.row(64)[0], 1.5f);
  EXPECT_EQ(s.row(0), s.row(127));  // every absent bucket reads the one zero row
  expect_same_rows(s, dense, 2);
  EXPECT_LT(s.bytes(), dense.size() * sizeof(float) * 2);
}

// --- The shipped models: the compact tables hold exactly their weights, and the models' outputs are those
// of the straightforward dense computation, bit for bit. ---

const IntentModel& intent_model() { return test_models::shipped_intent_model(); }

const LearnedSentiment& learned() {
  static auto m = LearnedSentiment::load(std::string(PARLEY_DATA_DIR) + "/models/sentiment.model");
  EXPECT_NE(m, nullptr);
  return *m;
}

TEST(SparseWeights, ShippedIntentModel) {
  const auto& w = intent_model().weights();
  ASSERT_EQ(w.size(), std::size_t(kIntentBuckets) * kIntentClasses);
  SparseWeights s(w, kIntentClasses);
  expect_same_rows(s, w, kIntentClasses);
  EXPECT_GT(s.stored_rows(), 20000u);
  EXPECT_LT(s.bytes(), 1u << 20);
}

TEST(SparseWeights, ShippedSentimentModel) {
  const auto& w = learned().hashed_w;
  ASSERT_EQ(w.size(), (std::size_t{1} << learned().hash_bits()) * kSentimentOutputs);
  SparseWeights s(w, kSentimentOutputs);
  expect_same_rows(s, w, kSentimentOutputs);
  EXPECT_GT(s.stored_rows(), 20000u);
  EXPECT_LT(s.bytes(), 1u << 20);
}

// Texts: the intent corpus (tweets, reviews, questions), plus empty, non-ASCII, odd and long ones.
std::vector<std::string> texts() {
  std::vector<std::string> out = {"",
                                  " ",
                                  "?",
                                  "😡😡😡",
                                  "¿Dónde está mi pedido? Llevo 3 días esperando 😤",
                                  "Заказ не пришёл, верните деньги!!!",
                                  "注文した商品がまだ届きません",
                                  "#GIVEAWAY #WIN a free iPad! RT and follow us to enter http://example.com/win",
                                  "@acme why is my order STILL not here?? 3 days!!! :(",
                                  "you should add dark mode, would be nice",
                                  std::string(5000, '?'),
                                  std::string(3000, 'a')};
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "the app keeps crashing again, please fix it @acme #fail ";
  out.push_back(long_text);
  std::ifstream in(std::string(PARLEY_DATA_DIR) + "/intent/corpus.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line) && out.size() < 3000) {
    auto tab = line.rfind('\t');
    if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
  }
  EXPECT_GT(out.size(), 1000u);
  return out;
}

// IntentModel::probabilities as it was written against the dense table.
std::array<double, kIntentClasses> dense_intent(const IntentModel& m, const Tokenized& t, double compound) {
  IntentFeatures f;
  extract_intent_features(t, &m.valence(), f, nullptr, &compound);
  std::array<float, kIntentClasses> z{};
  for (std::size_t i = 0; i < f.n; ++i) {
    const float* w = &m.weights()[std::size_t(f.index[i]) * kIntentClasses];
    for (int k = 0; k < kIntentClasses; ++k) z[k] += w[k];
  }
  float mx = z[0];
  for (float v : z) mx = v > mx ? v : mx;
  std::array<double, kIntentClasses> p{};
  double sum = 0;
  for (int k = 0; k < kIntentClasses; ++k) sum += p[k] = std::exp(double(z[k] - mx));
  for (auto& v : p) v /= sum;
  return p;
}

TEST(SparseWeights, IntentProbabilitiesEqualTheDenseComputation) {
  std::size_t bad = 0;
  for (const auto& text : texts()) {
    Tokenized t = tokenize(text);
    const double compound = SentimentModel::instance().analyze(t).compound;
    auto want = dense_intent(intent_model(), t, compound);
    auto got = intent_model().probabilities(t);
    if (std::memcmp(want.data(), got.data(), sizeof want) != 0 && ++bad <= 5) ADD_FAILURE() << text;
  }
  EXPECT_EQ(bad, 0u);
}

TEST(SparseWeights, SentimentOutputsEqualTheDenseComputation) {
  const LearnedSentiment& m = learned();
  const SentimentModel& rules = SentimentModel::instance();
  std::size_t bad = 0;
  SentimentFeatures f;
  for (const auto& text : texts()) {
    Tokenized t = tokenize(text);
    SentimentRuleStats st;
    Sentiment r = rules.analyze_rules(t, &st);
    extract_sentiment_features(t, r, st, &f);
    std::array<float, kSentimentOutputs> want{};
    for (int j = 0; j < kSentimentDense; ++j)
      for (int k = 0; k < kSentimentOutputs; ++k) want[k] += f.dense[j] * m.dense_w[j * kSentimentOutputs + k];
    for (std::uint32_t h : f.hashes) {
      const float* w = &m.hashed_w[std::size_t(m.bucket(h)) * kSentimentOutputs];
      for (int k = 0; k < kSentimentOutputs; ++k) want[k] += f.hashed_value * w[k];
    }
    auto got = m.outputs(f);
    if (std::memcmp(want.data(), got.data(), sizeof want) != 0 && ++bad <= 5) ADD_FAILURE() << text;
  }
  EXPECT_EQ(bad, 0u);
}

}  // namespace
}  // namespace parley::text
