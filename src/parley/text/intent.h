// Post intent (complaint, praise, question, suggestion, other) and a spam/promotion flag. The intent is a
// multinomial logistic regression over hashed word n-grams and a few hand-made cues (intent_features.h),
// trained by tools/train_intent on data/intent/corpus.tsv and data/intent/brand_corpus.tsv (BANKING77/CLINC150
// when cross-validation favours them); the spam flag is a documented rule. See docs/intent.md for data, figures and limits.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/core/status.h"
#include "parley/text/analysis.h"
#include "parley/text/intent_features.h"
#include "parley/text/sparse_weights.h"
#include "parley/text/tokenizer.h"

namespace parley::text {

class IntentModel {
 public:
  // Reads a model written by save() (data/intent/intent.model). Load once and share: classify() is const
  // and touches no mutable state, so concurrent callers need no locking.
  static Result<IntentModel> load(const std::string& path);
  // The shipped model: data_path("intent/intent.model").
  static Result<IntentModel> load_default();

  IntentResult classify(const Tokenized& t) const;
  // The same when the caller already has SentimentModel::instance()'s result for `t` (saves computing it).
  IntentResult classify(const Tokenized& t, const Sentiment& sentiment) const;
  // Per-class probabilities in Intent order, for evaluation and calibration checks.
  std::array<double, kIntentClasses> probabilities(const Tokenized& t) const;

  // For the trainer: a model from dense weights (kIntentBuckets * kIntentClasses, bucket-major).
  IntentModel(std::vector<float> weights, IntentValence valence);
  // Writes the binary format; rows that are all zero are left out, so the file holds only trained buckets.
  Status save(const std::string& path) const;

  const IntentValence& valence() const { return valence_; }
  const std::vector<float>& weights() const { return weights_; }

 private:
  std::array<double, kIntentClasses> probabilities(const Tokenized& t, bool* spam,
                                                   const double* compound = nullptr) const;
  IntentResult classify_with(const Tokenized& t, const double* compound) const;
  std::vector<float> weights_;  // bucket-major: the five class weights of a bucket share a cache line
  // The same weights without the ~91% of buckets training never touched, read by probabilities(): 0.5 MB
  // instead of 5 MB, so a post's 40-80 rows come from L2 instead of memory (sparse_weights.h).
  SparseWeights table_;
  IntentValence valence_;
};

}  // namespace parley::text
