// Training the learned sentiment layer (sentiment_model_learned.h): deterministic AdaGrad over precomputed
// features, used by tools/train_sentiment. Nothing here runs at ingest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/text/sentiment_model_learned.h"

namespace parley::text {

struct SentimentExample {
  SentimentFeatures features;
  float rating = 0;      // human mean rating, -4..+4
  int set = 0;           // index of the source set (0 = tweets); weights differ per set
};

struct SentimentTrainConfig {
  int epochs = 10;
  float learning_rate = 0.1f;
  float l2 = 1e-5f;            // applied to the weights an example touches (lazy L2)
  bool hashed = true;          // false: dense rule features only
  float other_weight = 1.0f;   // loss weight of examples from sets other than tweets (set != 0)
  float train_band = 0.5f;     // |rating| < band is the neutral class for the classifier's training labels
  float balance = 0.5f;        // class weight = (mean class weight / class weight)^balance
  int hash_bits = 18;
  std::uint64_t seed = 20240917;
};

// Gold 3-class label of a mean rating: 0 negative, 1 neutral (|rating| < band), 2 positive.
int sentiment_class_of(float rating, float band);

// Trains both heads over `examples` in a fixed, seeded order, single-threaded: the same inputs and config
// give the same weights bit for bit.
LearnedSentiment train_sentiment(const std::vector<const SentimentExample*>& examples,
                                 const SentimentTrainConfig& cfg);

}  // namespace parley::text
