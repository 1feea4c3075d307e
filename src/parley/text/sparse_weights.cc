#include "parley/text/sparse_weights.h"

#include <cstring>

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

}  // namespace parley::text
