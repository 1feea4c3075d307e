// Loading the last few bytes of a word as one integer. Shared by the hashes of SimHash and key phrases,
// which hash or compare words 8 bytes at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace parley::text {

// The bytes p[0, r) (r <= 8: 8 or more loads 8) as memcpy into a zeroed word would give them, but without a
// variable-length memcpy, which GCC turns into a call that was a good part of hashing a short word. Two
// overlapping loads cover any length; bytes both cover hold the same value, so OR-ing them is harmless.
inline std::uint64_t load_upto8(const char* p, std::size_t r) {
  if (r >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  if (r == 0) return 0;
  if constexpr (std::endian::native == std::endian::little) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    if (r >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, u, 4);
      std::memcpy(&hi, u + r - 4, 4);
      return lo | (static_cast<std::uint64_t>(hi) << (8 * (r - 4)));
    }
    return u[0] | (static_cast<std::uint64_t>(u[r / 2]) << (8 * (r / 2))) |
           (static_cast<std::uint64_t>(u[r - 1]) << (8 * (r - 1)));
  } else {
    std::uint64_t w = 0;
    std::memcpy(&w, p, r);
    return w;
  }
}

}  // namespace parley::text
