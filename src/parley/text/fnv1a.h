// FNV-1a (64-bit) of a string's first bytes, giving exactly the values of the textbook byte loop
//     for (unsigned char c : s) h = (h ^ c) * 1099511628211
// but shaped for the short words of a post. The textbook loop leaves at a different byte count for nearly
// every word, and that mispredicted exit branch, not the multiplies, was most of the learned sentiment
// layer's hashing time. Here the bytes go through in blocks of eight unconditional steps: step k reads byte
// min(k, n - 1), which is always inside the string, and the hash after the n-th step is picked at the end.
// A word of up to 8 bytes therefore runs the same instructions whatever its length, with no branch on it,
// and the hashes of consecutive words overlap in the pipeline. The learned sentiment layer's features are
// defined by these values (the shipped model was trained on them), so they must never change:
// tests/text/fnv1a_test.cc checks them against the loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley::text {

inline constexpr std::uint64_t kFnv1aBasis = 1469598103934665603ULL;
inline constexpr std::uint64_t kFnv1aPrime = 1099511628211ULL;

// The textbook loop (the reference; also what constants are computed with).
constexpr std::uint64_t fnv1a_bytes(std::string_view s, std::uint64_t h = kFnv1aBasis) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnv1aPrime;
  return h;
}

// fnv1a_bytes(s.substr(0, n), h) for n <= s.size(). Takes a std::string because an empty one still has a
// readable byte (its terminating NUL): the n == 0 case reads s[0], then selects the hash before any step.
inline std::uint64_t fnv1a_prefix(const std::string& s, std::size_t n, std::uint64_t h = kFnv1aBasis) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.c_str());
  const std::size_t last = n == 0 ? 0 : n - 1;  // a conditional move, not a branch
  for (std::size_t base = 0;; base += 8) {
    std::uint64_t after[9];
    after[0] = h;
#pragma GCC unroll 8
    for (std::size_t k = 0; k < 8; ++k) {
      const std::size_t i = base + k < last ? base + k : last;
      h = (h ^ p[i]) * kFnv1aPrime;
      after[k + 1] = h;
    }
    if (n <= base + 8) return after[n - base];
  }
}

}  // namespace parley::text
