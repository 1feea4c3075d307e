#include "parley/text/sparse_weights.h"

#include <cstring>

// Plain x86-64 (no -mpopcnt) has no POPCNT in its baseline, but nearly every x86-64 CPU in service has it.
#if defined(__x86_64__) && !defined(__POPCNT__) && defined(__GNUC__)
#define PARLEY_SPARSE_POPCNT_DISPATCH 1
#endif

namespace parley::text {

SparseWeights::SparseWeights(std::span<const float> dense, std::size_t width) : width_(width) {
  if (width == 0) return;
  const std::size_t rows = dense.size() / width;
  blocks_.resize((rows + 63) / 64);
  values_.assign(width, 0.f);  // row 0: the shared all-(+0.0) row
  std::uint64_t next = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    Block& b = blocks_[r >> 6];
    if ((r & 63) == 0) b.rank = next;
    const float* w = dense.data() + r * width;
    // Compare bits, not values: a -0.0 (or NaN) must come back as itself, so only bit-zero rows are shared.
    bool zero = true;
    for (std::size_t k = 0; k < width && zero; ++k) {
      std::uint32_t u;
      std::memcpy(&u, &w[k], sizeof u);
      zero = u == 0;
    }
    if (zero) continue;
    b.bits |= std::uint64_t{1} << (r & 63);
    values_.insert(values_.end(), w, w + width);
    ++next;
  }
}

#ifdef PARLEY_SPARSE_POPCNT_DISPATCH
__attribute__((target("popcnt"))) void SparseWeights::rows_hw_popcount(const std::uint32_t* buckets, std::size_t n,
                                                                    const float** out) const {
  rows_counted(buckets, n, out, [](std::uint64_t x) { return static_cast<std::size_t>(__builtin_popcountll(x)); });
}
#else
void SparseWeights::rows_hw_popcount(const std::uint32_t* buckets, std::size_t n, const float** out) const {
  rows_counted(buckets, n, out, popcount);  // popcount() is the hardware count in this build already
}
#endif

void SparseWeights::rows(const std::uint32_t* buckets, std::size_t n, const float** out) const {
#ifdef PARLEY_SPARSE_POPCNT_DISPATCH
  static const bool hw = __builtin_cpu_supports("popcnt");
  if (!hw) return rows_counted(buckets, n, out, popcount);
#endif
  rows_hw_popcount(buckets, n, out);
}

}  // namespace parley::text
