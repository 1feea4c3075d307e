// IntentValence answers from a filter for most absent words (intent_features.h); these check that it answers
// exactly as a plain probe of its table does, for present and absent words, built either way (insert() as
// the trainer does, assign() as the loader does).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "parley/text/intent.h"
#include "parley/text/intent_features.h"

namespace parley::text {
namespace {

// The table's own probe, without the filter: what find() answered before the filter existed.
float reference_find(const IntentValence& v, std::uint64_t word_hash) {
  const auto& keys = v.keys();
  if (keys.empty()) return 0;
  const std::uint64_t h = word_hash | 1;
  const std::size_t mask = keys.size() - 1;
  for (std::size_t j = intent_mix(h) & mask; keys[j]; j = (j + 1) & mask)
    if (keys[j] == h) return v.values()[j];
  return 0;
}

// The hash the extractor gives a word token (FNV-1a from the word seed): recomputed here from the public
// intent_hash so the test looks words up the way inference does.
std::uint64_t word_hash(const std::string& w) { return intent_hash(w, 0x9e3779b97f4a7c15ull); }

std::string random_word(std::mt19937& rng) {
  std::string w;
  const std::size_t len = 1 + rng() % 12;
  for (std::size_t i = 0; i < len; ++i) w += static_cast<char>('a' + rng() % 26);
  return w;
}

TEST(IntentValence, InsertedTableAnswersLikeAPlainProbe) {
  std::mt19937 rng(7);
  IntentValence v;
  EXPECT_EQ(v.find(word_hash("good")), 0.f);  // empty
  std::unordered_map<std::string, float> want;
  for (int i = 0; i < 5000; ++i) {
    std::string w = random_word(rng);
    float val = static_cast<float>(static_cast<int>(rng() % 81) - 40) / 10.f;
    v.insert(w, val);
    want[w] = val;  // a repeated word keeps its last value
  }
  EXPECT_EQ(v.size(), want.size());
  for (const auto& [w, val] : want) {
    ASSERT_EQ(v.find(word_hash(w)), val) << w;
    ASSERT_EQ(v.find(word_hash(w), intent_mix(word_hash(w) | 1)), val) << w;
  }
  std::mt19937 other(99);
  for (int i = 0; i < 200000; ++i) {
    std::uint64_t h = (std::uint64_t{other()} << 32) | other();
    ASSERT_EQ(v.find(h), reference_find(v, h)) << h;
  }
  for (int i = 0; i < 20000; ++i) {
    std::string w = random_word(other);
    ASSERT_EQ(v.find(word_hash(w)), reference_find(v, word_hash(w))) << w;
  }
}

TEST(IntentValence, ShippedTableAnswersLikeAPlainProbe) {
  auto m = IntentModel::load(std::string(PARLEY_DATA_DIR) + "/intent/intent.model");
  ASSERT_TRUE(m.is_ok()) << m.message();
  const IntentValence& v = m->valence();
  std::size_t present = 0;
  for (std::uint64_t k : v.keys()) {
    if (!k) continue;
    ++present;
    ASSERT_EQ(v.find(k), reference_find(v, k));
    ASSERT_EQ(v.find(k ^ 1), reference_find(v, k ^ 1));  // the stored key is h | 1: both spellings find it
  }
  EXPECT_EQ(present, v.size());
  EXPECT_NE(v.find(word_hash("love")), 0.f);
  std::mt19937 rng(3);
  for (int i = 0; i < 200000; ++i) {
    std::uint64_t h = (std::uint64_t{rng()} << 32) | rng();
    ASSERT_EQ(v.find(h), reference_find(v, h)) << h;
  }
  for (const char* w : {"the", "good", "bad", "not", "", "café", "horrible", "zzzz"})
    EXPECT_EQ(v.find(word_hash(w)), reference_find(v, word_hash(w))) << w;
}

// may_contain() is the filter the extractor uses to pick the words it looks up: it must let every stored
// word through (else its valence would be lost), and find() answers 0 for whatever it stops. prefetch()
// must be safe for any value.
TEST(IntentValence, MayContainNeverStopsAStoredWord) {
  auto m = IntentModel::load(std::string(PARLEY_DATA_DIR) + "/intent/intent.model");
  ASSERT_TRUE(m.is_ok()) << m.message();
  const IntentValence& v = m->valence();
  for (std::uint64_t k : v.keys()) {
    if (!k) continue;
    ASSERT_TRUE(v.may_contain(intent_mix(k)));
    v.prefetch(intent_mix(k));
  }
  std::mt19937 rng(11);
  std::size_t stopped = 0;
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t h = (std::uint64_t{rng()} << 32) | rng(), mixed = intent_mix(h | 1);
    v.prefetch(mixed);
    if (v.may_contain(mixed)) continue;
    ++stopped;
    ASSERT_EQ(reference_find(v, h), 0.f) << h;
  }
  EXPECT_GT(stopped, 80000u);  // the filter answers most absent words
  IntentValence empty;
  EXPECT_FALSE(empty.may_contain(intent_mix(word_hash("good") | 1)));
  empty.prefetch(0);
}

TEST(IntentValence, AssignedCopyAnswersTheSame) {
  IntentValence a;
  for (const char* w : {"good", "bad", "awful", "nice"}) a.insert(w, 1.5f);
  IntentValence b;
  b.assign(a.keys(), a.values());
  for (const char* w : {"good", "bad", "awful", "nice", "table", "chair"})
    EXPECT_EQ(b.find(word_hash(w)), a.find(word_hash(w))) << w;
  IntentValence empty;
  empty.assign({}, {});
  EXPECT_EQ(empty.find(word_hash("good")), 0.f);
}

}  // namespace
}  // namespace parley::text
