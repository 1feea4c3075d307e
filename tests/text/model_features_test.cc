// Pins the exact feature streams of the intent model and the learned sentiment layer (which buckets, in which
// order, and the spam flag), so that speed work on the extractors cannot silently change a model's output:
// the weights are summed in feature order, so even a reordering would change the floats. The fingerprints
// below were taken from the extractors as they were before that work (main at 231cdcd).
#include <gtest/gtest.h>

#include <math.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "parley/text/intent.h"
#include "parley/text/sentiment_model_learned.h"
#include "parley/text/tokenizer.h"
#include "corpus_texts.h"
#include "shipped_intent_model.h"

namespace parley::text {
namespace {

struct Fingerprint {
  std::uint64_t h = 0xcbf29ce484222325ull;
  template <class T>
  void add(const T& v) {
    unsigned char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    for (unsigned char c : b) h = (h ^ c) * 0x100000001b3ull;
  }
};


// The intent corpora, edge cases, and posts stitched from a seeded stream over a vocabulary of the shapes
// the extractors treat specially (cue words, negations, promo words, hashtags, mentions, links, numbers,
// punctuation, emoji, non-ASCII, long runs). mt19937's raw output is fixed by the standard, so these texts
// are the same everywhere.
const std::vector<std::string>& texts() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out = {"", " ", "?", "!!!", "😡😡😡", "rt", "RT @a: win", std::string(5000, '?'),
                                    std::string(3000, 'a'), "¿Dónde está mi pedido? Llevo 3 días esperando 😤",
                                    "Заказ не пришёл, верните деньги!!!", "注文した商品がまだ届きません"};
    test_texts::read_corpus_texts(std::string(PARLEY_DATA_DIR) + "/intent/corpus.tsv", out);
    test_texts::read_corpus_texts(std::string(PARLEY_DATA_DIR) + "/intent/brand_corpus.tsv", out);
    const char* vocab[] = {
        "hi", "hey", "@acme", "@bob", "RT", "rt", "#fail", "#giveaway", "#WIN", "#deal", "#x", "http://t.co/a",
        "a@b.com", "3", "50", "%", "off", "days", "hours", "still", "not", "don't", "can't", "won't", "never",
        "working", "work", "please", "add", "fix", "could", "would", "you", "be", "nice", "great", "why",
        "how", "about", "what", "is", "there", "i", "my", "the", "a", "feature", "request", "option", "idea",
        "thanks", "thank", "love", "hate", "awful", "good", "bad", "refund", "free", "win", "enter", "now",
        "shop", "click", "here", "follow", "us", "back", "sign", "up", "earn", "money", "$", "sale", "new",
        "anyone", "wish", "hope", "they", "should", "suggest", "!", "?", "?!", ".", ",", "...", ":(", ":)",
        "😍", "😡", "LOVE", "sooo", "goooood", "café", "naïve", "Straße", "日本", "données", "ok", "so",
        "lol", "wow", "again", "worst", "ever", "service", "app", "crashing", "order", "late", "help"};
    test_texts::stitch_posts(vocab, 3000, 50, 400, 40, out);
    return out;
  }();
  return all;
}

const IntentModel& intent_model() { return test_models::shipped_intent_model(); }

TEST(ModelFeatures, IntentFeatureStreamIsPinned) {
  // The compound is an input here (fixed per text), so this pins the extractor alone, not the sentiment rules.
  const double compounds[] = {-0.9, -0.3, 0.0, 0.2, 0.7};
  Fingerprint fp, no_valence;
  IntentFeatures f;
  std::size_t i = 0;
  for (const auto& text : texts()) {
    Tokenized t = tokenize(text);
    const double c = compounds[i++ % 5];
    bool spam = false;
    extract_intent_features(t, &intent_model().valence(), f, &spam, &c);
    fp.add(f.n);
    for (std::size_t k = 0; k < f.n; ++k) fp.add(f.index[k]);
    fp.add(spam);
    extract_intent_features(t, nullptr, f, nullptr, &c);  // the trainer's path without a lexicon
    for (std::size_t k = 0; k < f.n; ++k) no_valence.add(f.index[k]);
    no_valence.add(intent_spam_rule(t));
  }
  EXPECT_GT(i, 5000u);
  EXPECT_EQ(fp.h, 16316626390807758088ull);
  EXPECT_EQ(no_valence.h, 13837386251423021360ull);
}

TEST(ModelFeatures, SentimentFeatureStreamIsPinned) {
  // Fixed rule outputs: the hashed part depends on the tokens only, the dense part on these.
  Sentiment rules;
  rules.compound = -0.25;
  rules.pos = 0.1;
  rules.neu = 0.6;
  rules.neg = 0.3;
  rules.label = SentimentClass::negative;
  SentimentRuleStats st;
  Fingerprint fp;
  SentimentFeatures f;
  int i = 0;
  for (const auto& text : texts()) {
    st.pos_items = i % 3;
    st.neg_items = i % 4;
    st.words = i % 7;
    st.caps_words = i % 2;
    st.exclaims = i % 13;
    st.emoji_valence = i % 9 - 4;
    ++i;
    extract_sentiment_features(tokenize(text), rules, st, &f);
    for (float d : f.dense) fp.add(d);
    fp.add(f.hashes.size());
    for (std::uint32_t h : f.hashes) fp.add(h);
    fp.add(f.hashed_value);
  }
  EXPECT_EQ(fp.h, 16865087831167014944ull);
}

// The count features are log1p(count) as glibc's log1pf computes it at run time (what the model was trained
// with); the extractor takes small counts from a table, which must hold exactly those values (GCC's
// compile-time folding of log1pf differs by an ulp for some counts).
TEST(ModelFeatures, SentimentCountFeaturesAreRunTimeLog1pf) {
  float (*volatile runtime_log1pf)(float) = ::log1pf;
  Sentiment rules;
  SentimentRuleStats st;
  SentimentFeatures f;
  const Tokenized t = tokenize("ok");
  for (int n = -2; n <= 400; ++n) {
    st.pos_items = st.neg_items = st.negated = st.negators = st.words = n;
    extract_sentiment_features(t, rules, st, &f);
    const float want = runtime_log1pf(static_cast<float>(std::max(n, 0)));
    for (int j : {8, 9, 10, 11}) ASSERT_EQ(std::memcmp(&f.dense[j], &want, sizeof want), 0) << n << " " << j;
    const float words = want / 4;
    ASSERT_EQ(std::memcmp(&f.dense[16], &words, sizeof words), 0) << n;
  }
}

}  // namespace
}  // namespace parley::text
