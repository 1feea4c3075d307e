// A read-only copy of a hashed weight table (2^k rows of `width` floats, row-major) that keeps only the rows
// that are not all zero, for the inference side of the intent model and the learned sentiment layer.
//
// Why: both models hash features into 2^18 rows, so their dense tables are 4-5 MB while training fills only
// ~9% of the rows. A post touches 40-80 random rows, and in the dense table nearly every one is a cache miss
// past L2. Here a bitmap of the stored rows with a running count per 64-bit word (64 KB, stays in L1/L2)
// maps a bucket to its place in an array of only the stored rows (~0.4-0.5 MB for the shipped models).
//
// Exactness: row(b) returns, for every bucket, a row whose bits equal the dense table's. A row is left out
// only when all its floats are +0.0 bit for bit; such buckets all point at one shared +0.0 row (rather than
// being skipped), so callers perform the very same float operations, in the same order, as with the dense
// table, and results stay bit-identical with no argument about signed zeros or NaN needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace parley::text {

class SparseWeights {
 public:
  SparseWeights() = default;
  // `dense` holds rows x width floats (the tables here have a power of two of rows).
  SparseWeights(std::span<const float> dense, std::size_t width);

  // The row of `bucket` (bucket < the dense table's rows): `width` floats, equal bit for bit to that row.
  const float* row(std::uint32_t bucket) const { return row_counted(bucket, popcount); }

  // out[i] = row(buckets[i]) for i < n, each row prefetched: for a caller that knows all its buckets before it
  // reads any row, so that the rows' cache misses overlap. Where the build targets plain x86-64 and the CPU
  // has POPCNT, this uses it (chosen once, at run time): the portable bit count was most of a look-up.
  void rows(const std::uint32_t* buckets, std::size_t n, const float** out) const;

  // Starts loading the index line that row(bucket) reads first (no effect on results).
  void prefetch(std::uint32_t bucket) const {
    if (!blocks_.empty()) __builtin_prefetch(&blocks_[bucket >> 6]);
  }

  bool empty() const { return blocks_.empty(); }
  std::size_t width() const { return width_; }
  std::size_t stored_rows() const { return values_.empty() ? 0 : values_.size() / width_ - 1; }
  std::size_t bytes() const { return blocks_.size() * sizeof(Block) + values_.size() * sizeof(float); }

 private:
  // Without -mpopcnt (the default x86-64 target) __builtin_popcountll is a libgcc call; this is on the
  // per-feature path, so count inline (SWAR) in the portable build.
  static std::size_t popcount(std::uint64_t x) {
#if defined(__POPCNT__) || defined(__aarch64__)
    return static_cast<std::size_t>(__builtin_popcountll(x));
#else
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return static_cast<std::size_t>((x * 0x0101010101010101ull) >> 56);
#endif
  }

  template <class Count>
  const float* row_counted(std::uint32_t bucket, Count count) const {
    const Block& b = blocks_[bucket >> 6];
    const unsigned bit = bucket & 63;
    // Stored rows are numbered from 1 (0 is the shared zero row), so "absent" is a mask to 0, no branch.
    const std::uint64_t present = (b.bits >> bit) & 1;
    const std::uint64_t below = b.bits & ((std::uint64_t{1} << bit) - 1);
    const std::size_t index = (b.rank + count(below)) & (0 - present);
    return values_.data() + index * width_;
  }
  template <class Count>
  void rows_counted(const std::uint32_t* buckets, std::size_t n, const float** out, Count count) const {
    for (std::size_t i = 0; i < n; ++i) {
      out[i] = row_counted(buckets[i], count);
      __builtin_prefetch(out[i]);
    }
  }
  void rows_hw_popcount(const std::uint32_t* buckets, std::size_t n, const float** out) const;

  // The presence bits of 64 buckets and the number (from 1) of the first stored row among them: one cache
  // line holds four blocks, so a look-up reads one line of this index plus the row itself.
  struct Block {
    std::uint64_t bits = 0;
    std::uint64_t rank = 0;
  };
  std::vector<Block> blocks_;
  std::vector<float> values_;  // the zero row, then the stored rows in bucket order
  std::size_t width_ = 0;
};

}  // namespace parley::text
