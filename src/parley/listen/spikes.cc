#include "parley/listen/spikes.h"

#include <algorithm>
#include <cmath>

namespace parley::listen {

std::vector<Spike> find_spikes(const std::vector<std::int64_t>& counts, std::size_t window, std::size_t first) {
  std::vector<Spike> out;
  if (window == 0) return out;
  std::size_t began = 0;
  while (began < counts.size() && counts[began] == 0) ++began;
  const std::size_t judged_from = began + (window + 1) / 2;
  for (std::size_t i = std::max({first, window, judged_from}); i < counts.size(); ++i) {
    double sum = 0, sq = 0;
    for (std::size_t j = i - window; j < i; ++j) sum += static_cast<double>(counts[j]);
    const double n = static_cast<double>(window), mean = sum / n;
    for (std::size_t j = i - window; j < i; ++j) {
      const double d = static_cast<double>(counts[j]) - mean;
      sq += d * d;
    }
    const double sd = std::max(1.0, std::sqrt(sq / n));
    const double c = static_cast<double>(counts[i]);
    if (counts[i] > kSpikeMinCount && c > mean + kSpikeSigmas * sd) out.push_back({i, counts[i], mean, (c - mean) / sd});
  }
  return out;
}

}  // namespace parley::listen
