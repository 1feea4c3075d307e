// MurmurHash3's 64-bit finaliser (fmix64, a public-domain algorithm by Austin Appleby): every output bit
// depends on every input bit, so the low bits, the middle bits and the high bits of one hash can each be
// cut off for a different use (the lexicon's slot, filter bit and tag; the learned layer's bucket). Its values
// are part of the shipped sentiment model's feature definition: never change them.
#pragma once

#include <cstdint>

namespace parley::text {

[[gnu::always_inline]] inline constexpr std::uint64_t murmur_fmix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace parley::text
