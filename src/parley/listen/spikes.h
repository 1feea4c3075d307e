// Spikes in a volume series: a bucket far above what the buckets just before it would predict.
//
// The rule (docs/listening.md): bucket i is a spike when its count exceeds max(5, mean + 3 * sd), where
// mean and sd are those of the `window` buckets right before it (24 for hours, 14 for days) and sd is taken
// as at least 1, so a perfectly flat history does not turn every +1 into a spike. expected = mean;
// z = (count - mean) / sd. The floor of 5 keeps a quiet channel's 0 -> 2 from being news. A bucket is only
// judged once at least half its window lies at or after the first non-empty bucket of the series: the
// zeros before listening began are not a history, and without this rule the first days of any data set
// (or of a new channel) were all "spikes".
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace parley::listen {

struct Spike {
  std::size_t index = 0;  // into the series given
  std::int64_t count = 0;
  double expected = 0;
  double z = 0;
};

constexpr std::int64_t kSpikeMinCount = 5;
constexpr double kSpikeSigmas = 3;

// Looks at buckets from `first` on; each needs `window` buckets before it (the caller prepends history so
// that the first bucket shown can be judged too).
std::vector<Spike> find_spikes(const std::vector<std::int64_t>& counts, std::size_t window, std::size_t first);

}  // namespace parley::listen
