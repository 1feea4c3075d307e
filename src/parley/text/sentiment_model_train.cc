#include "parley/text/sentiment_model_train.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace parley::text {

namespace {

// splitmix64: the shuffle must not depend on the standard library's distributions, whose algorithms differ
// between implementations and would break bit-for-bit reproducibility of the model file.
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
};

constexpr float kAdaEps = 1e-8f;

}  // namespace

int sentiment_class_of(float rating, float band) {
  if (rating >= band) return 2;
  if (rating <= -band) return 0;
  return 1;
}

LearnedSentiment train_sentiment(const std::vector<const SentimentExample*>& examples,
                                 const SentimentTrainConfig& cfg) {
  constexpr int K = kSentimentOutputs;
  LearnedSentiment m(cfg.hashed ? cfg.hash_bits : 0);
  std::vector<float> dense_g(m.dense_w.size(), 0.f), hashed_g(m.hashed_w.size(), 0.f);

  auto set_weight = [&](const SentimentExample& e) { return e.set == 0 ? 1.f : cfg.other_weight; };
  // Class weights from the (set-weighted) training labels: macro recall, the target measure, counts every
  // class alike, and neutral is the rarest class in the tweets.
  std::array<double, 3> mass{};
  for (const auto* e : examples) mass[sentiment_class_of(e->rating, cfg.train_band)] += set_weight(*e);
  std::array<float, 3> class_w{};
  double mean_mass = (mass[0] + mass[1] + mass[2]) / 3;
  for (int c = 0; c < 3; ++c)
    class_w[c] = mass[c] > 0 ? static_cast<float>(std::pow(mean_mass / mass[c], cfg.balance)) : 0.f;

  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  SplitMix rng{cfg.seed};

  // One AdaGrad step on the K weights of a feature row; lazy L2 on the touched row only (sparse updates keep
  // an epoch linear in the number of active features).
  auto step = [&](float* w, float* g2, float x, const std::array<float, K>& grad) {
    for (int k = 0; k < K; ++k) {
      if (grad[k] == 0.f && w[k] == 0.f) continue;
      float g = x * grad[k] + cfg.l2 * w[k];
      g2[k] += g * g;
      w[k] -= cfg.learning_rate * g / (std::sqrt(g2[k]) + kAdaEps);
    }
  };

  for (int epoch = 0; epoch < cfg.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.next() % i]);
    for (std::size_t idx : order) {
      const SentimentExample& e = *examples[idx];
      const SentimentFeatures& f = e.features;
      auto z = m.outputs(f);
      float sw = set_weight(e);
      if (sw == 0.f) continue;
      // Softmax cross-entropy for the class head, squared error for the compound head (target rating / 4:
      // the raters' scale mapped onto compound's [-1, 1]).
      float mx = std::max({z[0], z[1], z[2]});
      std::array<float, 3> p{};
      float sum = 0;
      for (int c = 0; c < 3; ++c) sum += (p[c] = std::exp(z[c] - mx));
      int y = sentiment_class_of(e.rating, cfg.train_band);
      std::array<float, K> grad{};
      for (int c = 0; c < 3; ++c) grad[c] = sw * class_w[y] * (p[c] / sum - (c == y ? 1.f : 0.f));
      grad[3] = sw * (z[3] - e.rating / 4);
      for (int j = 0; j < kSentimentDense; ++j)
        if (f.dense[j] != 0.f) step(&m.dense_w[j * K], &dense_g[j * K], f.dense[j], grad);
      if (m.hash_bits())
        for (std::uint32_t h : f.hashes) {
          std::size_t row = static_cast<std::size_t>(m.bucket(h)) * K;
          step(&m.hashed_w[row], &hashed_g[row], f.hashed_value, grad);
        }
    }
  }
  return m;
}

}  // namespace parley::text
