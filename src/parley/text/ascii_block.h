// Classifying text 64 bytes at a time with SSE2 (the x86-64 baseline): the per-post scanners (gazetteer
// start points, shouting) turn an ASCII stretch into bit masks, bit k for byte k, and then visit only the
// bits they care about. Internal to src/parley/text.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace parley::text::ascii_block {

// Bit k set when byte k lies in [lo, hi] (signed compare: bytes >= 0x80 never do, for ASCII ranges).
inline std::uint32_t in_range(__m128i v, char lo, char hi) {
  const __m128i ge = _mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1)));
  const __m128i le = _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1)));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_and_si128(ge, le)));
}
inline std::uint32_t equal_to(__m128i v, char c) {
  return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
}
inline std::uint32_t high_bits(__m128i v) { return static_cast<std::uint32_t>(_mm_movemask_epi8(v)); }

// Calls f(v, shift, k) for the four 16-byte chunks of the 64 bytes at s + i, k = 0..3; the caller shifts
// each mask it makes from v right by `shift` and then left by 16 * k. Bytes past the end of the text come
// out as zero bits. The last chunk of a text is read as the text's last 16 bytes and shifted, rather than
// copied into a zeroed buffer: a 16-byte load of bytes just stored one by one cannot be forwarded from the
// store buffer and stalled the loop for longer than the rest of the work. Only texts under 16 bytes copy.
template <class F>
[[gnu::always_inline]] inline void for_chunks(const unsigned char* s, std::size_t n, std::size_t i, F&& f) {
  for (unsigned k = 0; k < 4; ++k) {
    const std::size_t o = i + 16 * k;
    if (o >= n) return;
    if (o + 16 <= n) {
      f(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + o)), 0u, k);
    } else if (n >= 16) {
      f(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n - 16)), static_cast<unsigned>(o + 16 - n), k);
    } else {
      alignas(16) unsigned char tmp[16] = {};
      std::memcpy(tmp, s + o, n - o);
      f(_mm_load_si128(reinterpret_cast<const __m128i*>(tmp)), 0u, k);
    }
  }
}

}  // namespace parley::text::ascii_block
#endif
