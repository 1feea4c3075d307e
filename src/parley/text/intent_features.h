// Feature extraction shared by the intent model (inference) and its trainer, so both see exactly the same
// features. Every feature is hashed straight into a bucket of a fixed-size weight table: no strings are
// built and nothing is allocated per feature, which keeps classification well under a microsecond.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parley/text/sparse_weights.h"
#include "parley/text/tokenizer.h"

namespace parley::text {

inline constexpr int kIntentClasses = 5;           // Intent::complaint .. Intent::other
inline constexpr unsigned kIntentBucketsLog2 = 18;  // 262,144 buckets; ~60k distinct features in training
inline constexpr std::uint32_t kIntentBuckets = 1u << kIntentBucketsLog2;

// 64-bit FNV-1a over `s`, started from `seed` so that feature families (unigram, hashtag, cue...) of equal
// text land in different buckets.
constexpr std::uint64_t intent_hash(std::string_view s, std::uint64_t seed = 0xcbf29ce484222325ull) {
  std::uint64_t h = seed;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}
// splitmix64's finaliser: FNV's high bits are weak for short strings, and bucket = the top bits.
constexpr std::uint64_t intent_mix(std::uint64_t h) {
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

// Word -> valence (VADER's mean rating, -4..4), stored with the model. An open-addressing table of hashes:
// one probe per word at inference, no string keys kept.
class IntentValence {
 public:
  void insert(std::string_view word, float valence);
  float find(std::uint64_t word_hash) const { return find(word_hash, intent_mix(word_hash | 1)); }  // 0: absent
  // The same, for a caller that has already computed mixed = intent_mix(word_hash | 1). Most words of a post
  // are not in the lexicon; the filter answers those from 8 KB instead of a probe into the 192 KB table.
  float find(std::uint64_t word_hash, std::uint64_t mixed) const {
    const std::uint64_t f = mixed >> (64 - kFilterBitsLog2);
    if (filter_.empty() || !((filter_[f >> 6] >> (f & 63)) & 1)) return 0;
    return probe(word_hash, mixed);
  }
  // False when find(word_hash, mixed) is sure to answer 0 from the filter alone.
  bool may_contain(std::uint64_t mixed) const {
    const std::uint64_t f = mixed >> (64 - kFilterBitsLog2);
    return !filter_.empty() && ((filter_[f >> 6] >> (f & 63)) & 1);
  }
  // Starts loading the table slot find(word_hash, mixed) will probe first, if the filter lets the word through
  // (else slot 0's line): a select, not a branch. The extractor calls it when it first sees a word, so the
  // probe, after the pass over all the tokens, finds the line in cache.
  void prefetch(std::uint64_t mixed) const {
    if (filter_.empty()) return;
    const std::uint64_t f = mixed >> (64 - kFilterBitsLog2);
    const std::uint64_t pass = (filter_[f >> 6] >> (f & 63)) & 1;
    const std::size_t slot = (mixed & (keys_.size() - 1)) & (0 - pass);  // not passed: slot 0, unused
    __builtin_prefetch(keys_.data() + slot);
    __builtin_prefetch(values_.data() + slot);
  }
  std::size_t size() const { return count_; }
  // Raw access for (de)serialisation: parallel arrays, hash 0 = empty slot.
  const std::vector<std::uint64_t>& keys() const { return keys_; }
  const std::vector<float>& values() const { return values_; }
  void assign(std::vector<std::uint64_t> keys, std::vector<float> values);

 private:
  // A bit per (top bits of a key's mix) for every key: clear means absent; set means probe the table.
  static constexpr unsigned kFilterBitsLog2 = 16;  // 8 KB; ~11% of absent words pass with 7,500 keys
  void add_to_filter(std::uint64_t key) {
    const std::uint64_t f = intent_mix(key) >> (64 - kFilterBitsLog2);
    filter_[f >> 6] |= std::uint64_t{1} << (f & 63);
  }
  float probe(std::uint64_t word_hash, std::uint64_t mixed) const;

  std::vector<std::uint64_t> keys_;
  std::vector<float> values_;
  std::vector<std::uint64_t> filter_;
  std::size_t count_ = 0;
};

struct IntentFeatures {
  static constexpr std::size_t kMax = 1024;  // long reviews are cut here; posts use ~40-80
  std::array<std::uint32_t, kMax> index;
  std::size_t n = 0;
  // Set by the model: the extractor then starts loading each n-gram bucket's line of the weight table's
  // index as it computes the bucket, so those cache misses overlap the extraction instead of following it.
  const SparseWeights* weights = nullptr;
  void add(std::uint64_t h) {
    if (n < kMax) index[n++] = static_cast<std::uint32_t>(intent_mix(h) >> (64 - kIntentBucketsLog2));
  }
};

// Fills `out` (reset first) with the bucket of every feature of `t`. `valence` may be null.
void extract_intent_features(const Tokenized& t, const IntentValence* valence, IntentFeatures& out);
// The same, also applying the spam rule on the same pass when `spam` is not null. `compound`, when not
// null, is SentimentModel::instance()'s compound for `t`, already computed by the caller (the analyser
// computes it anyway), so it is not computed twice; it must be exactly that value.
void extract_intent_features(const Tokenized& t, const IntentValence* valence, IntentFeatures& out, bool* spam,
                             const double* compound = nullptr);

// The spam/promotion rule (documented in docs/intent.md): a link or promo cue plus enough promo evidence.
bool intent_spam_rule(const Tokenized& t);

}  // namespace parley::text
