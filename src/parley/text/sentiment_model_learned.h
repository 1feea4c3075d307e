// A small learned layer over the rule-based sentiment (sentiment.h): a linear model over the rules' own
// scores and counts plus hashed word unigrams/bigrams, with two heads:
//   - a regressor for the compound (trained on the human mean rating / 4), and
//   - a 3-class softmax for the label (negative / neutral / positive from the human mean rating).
// The rules stay the first stage because they carry the lexicon's knowledge of ~7,500 words that a few
// thousand rated texts cannot teach; the learned layer corrects how their outputs map onto human ratings
// and adds words the lexicon lacks. Trained by tools/train_sentiment on the DEV halves of VADER's four
// human-rated sets only (MIT); see docs/sentiment.md for the figures.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text/analysis.h"
#include "parley/text/fnv1a.h"
#include "parley/text/sentiment.h"
#include "parley/text/sparse_weights.h"
#include "parley/text/tokenizer.h"

namespace parley::text {

// Dense features, in this order (the model file stores weights in the same order; changing it needs a new
// file version).
inline constexpr int kSentimentDense = 17;
inline constexpr int kSentimentOutputs = 4;  // logits negative, neutral, positive; then the compound

struct SentimentFeatures {
  std::array<float, kSentimentDense> dense{};
  std::vector<std::uint32_t> hashes;  // full 32-bit hashes of unigrams/bigrams; the model keeps the top bits
  float hashed_value = 0;             // value of every hashed feature: 1/sqrt(#hashes), so length does not
                                      // swamp the dense features
};

// Fills `out` from the tokens, the rules' result and their counts. Allocates only when `out->hashes` grows.
void extract_sentiment_features(const Tokenized& tokens, const Sentiment& rules, const SentimentRuleStats& stats,
                                SentimentFeatures* out);
// A word token's unigram feature is FNV-1a of its norm from this seed (the hash of "w"), then mixed.
inline constexpr std::uint64_t kSentimentWordSeed = fnv1a_bytes("w");

// Its two halves: the hashed features depend on the tokens alone, the dense ones on the rules' result.
// `word_fnv`, when given, holds for every token i of a word fnv1a(norm, kSentimentWordSeed) already computed
// (the lexicon look-ups of the rules use the same hash), so words are not hashed twice; other entries are
// not read.
void extract_sentiment_hashes(const Tokenized& tokens, SentimentFeatures* out,
                              const std::uint64_t* word_fnv = nullptr);  // hashes, hashed_value
void extract_sentiment_dense(const Sentiment& rules, const SentimentRuleStats& stats, SentimentFeatures* out);

class LearnedSentiment {
 public:
  // hash_bits: log2 of the hashed table's rows (0: no hashed features).
  explicit LearnedSentiment(int hash_bits = 18);

  // nullptr when the file is missing, truncated, of another version, or fails its checksum.
  static std::unique_ptr<LearnedSentiment> load(const std::string& path);
  static std::unique_ptr<LearnedSentiment> parse(std::string_view bytes);
  // The file image: a fixed little-endian layout (see the .cc), byte-identical for identical weights.
  std::string serialize(std::string_view provenance) const;

  // Raw outputs (3 logits, compound before clamping) for already extracted features.
  std::array<float, kSentimentOutputs> outputs(const SentimentFeatures& f) const;
  // compound from the regressor (clamped to [-1, 1]), label from the classifier, pos/neu/neg from the rules.
  // `word_fnv`: as for extract_sentiment_hashes.
  Sentiment predict(const Tokenized& tokens, const Sentiment& rules, const SentimentRuleStats& stats,
                    const std::uint64_t* word_fnv = nullptr) const;

  // predict(), in two halves around the rules, for a caller that has the word hashes before it runs the
  // rules (SentimentModel::analyze): prepare() extracts the hashed features and looks up their weight rows,
  // starting the rows' loads, so that their cache misses (most of the learned layer's time in a full run,
  // where other components push the 0.4 MB of rows out of L2) overlap the rules instead of the sums waiting
  // for them; finish(rules, stats) then equals predict(tokens, rules, stats, word_fnv), bit for bit. The
  // prepared state is per thread: load_rows() and finish() must follow prepare() on the same thread, with no
  // other prepare() in between.
  // The rows are found in two steps because finding a row reads a line of the table's index, itself often a
  // cache miss: prepare() only starts loading the index lines, load_rows() (called later, between prepare()
  // and finish()) reads them and starts loading the rows.
  void prepare(const Tokenized& tokens, const std::uint64_t* word_fnv) const;
  void load_rows() const;
  Sentiment finish(const Sentiment& rules, const SentimentRuleStats& stats) const;

  int hash_bits() const { return hash_bits_; }
  std::uint32_t bucket(std::uint32_t hash) const { return hash_bits_ ? hash >> (32 - hash_bits_) : 0; }
  const std::string& provenance() const { return provenance_; }

  // Row-major weights: row j holds the kSentimentOutputs weights of feature j, so one hashed feature costs
  // one cache line at inference. The trainer writes them; a model from parse()/load() is read-only: its
  // outputs() read a compact copy of hashed_w made by parse() (see hashed_), so later edits would not show.
  std::vector<float> dense_w;   // kSentimentDense x kSentimentOutputs
  std::vector<float> hashed_w;  // (1 << hash_bits) x kSentimentOutputs

 private:
  // hashed_w without its untouched rows (~92% of them), 0.4 MB instead of 4 MB, so a post's hashed features
  // come from L2 instead of memory (sparse_weights.h). Built by parse(); empty for a model being trained,
  // which outputs() then reads from hashed_w directly.
  SparseWeights hashed_;
  int hash_bits_;
  std::string provenance_;
};

}  // namespace parley::text
