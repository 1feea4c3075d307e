// The demo history's randomness: a small PRNG whose output is fixed by its seed on every platform and
// standard library (std::uniform_*_distribution are not: their algorithms are implementation-defined, so
// the same seed could give another demo on another machine). SplitMix64 (Steele, Lea and Flood 2014).
#pragma once

#include <cstdint>
#include <string_view>

namespace parley::demo {

class SeededRng {
 public:
  explicit SeededRng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  double between(double lo, double hi) { return lo + (hi - lo) * unit(); }
  bool chance(double p) { return unit() < p; }
  // Uniform index in [0, n); n > 0. The modulo bias is below 2^-40 for the small n used here.
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

// A stable 64-bit hash (FNV-1a) of a text, to derive one case's own stream from the run's seed and the
// case's opening post, so a case's fate does not depend on how many cases came before it.
inline std::uint64_t stable_hash(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace parley::demo
