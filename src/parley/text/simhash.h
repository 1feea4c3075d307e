// Near-duplicate detection: 64-bit SimHash (Charikar 2002) over word shingles, and an index that groups
// posts whose hashes are within a few bits, so copy-paste campaigns, bot swarms and retweets-with-a-twist
// can be counted once.
//
// Features are SHINGLES of kShingle consecutive normalised words (lower-case; URLs, @mentions, e-mails,
// punctuation and emoji dropped), so "RT @a: Great phone http://x" and "Great phone! @b" hash the same.
// Why those are dropped, why kShingle and kDefaultMaxDistance have the values they have: docs/analysis.md,
// "Near-duplicates", with the measurements.
#pragma once

#include <bit>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/text/tokenizer.h"

namespace parley::text {

inline constexpr int kShingle = 1;
inline constexpr int kDefaultMaxDistance = 4;

// The splitmix64 finaliser: a full-avalanche 64-bit mix (every input bit flips each output bit with
// probability ~1/2), which is what SimHash needs from its feature hashes and MinHash from its permutations.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// 64-bit hash of bytes: fixed seed, stable across runs and machines (hashes are stored).
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0);

// SimHash of already-normalised words, in order. Fewer words than a shingle make one shingle; no words
// gives 0. A bit whose vote is tied is 0. `shingle` other than kShingle is for measuring only.
std::uint64_t simhash_words(std::span<const std::string_view> words, int shingle = kShingle);

// SimHash of a tokenised post: word, number and hashtag tokens (by Token::norm) count; URLs, mentions,
// e-mails, punctuation, emoji and emoticons do not.
std::uint64_t simhash(const Tokenized& t);

// Without -mpopcnt (the default x86-64 target) __builtin_popcountll is a libgcc call; the index compares
// hashes in its hottest loop, so the portable build counts bits inline (SWAR) instead.
inline int popcount64(std::uint64_t x) {
#if defined(__POPCNT__)
  return __builtin_popcountll(x);
#else
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return static_cast<int>((x * 0x0101010101010101ull) >> 56);
#endif
}
inline int hamming(std::uint64_t a, std::uint64_t b) { return popcount64(a ^ b); }

// Groups hashes that are within `max_distance` bits of each other, transitively: a group is a connected
// component of the graph "distance <= K". Components do not depend on insertion order; a group is named by
// its first-inserted member (the original that the rest copied, when posts are added in time order).
// Lookup uses the pigeonhole trick: the 64 bits are cut into K+1 blocks and two hashes within K bits agree
// exactly on at least one block, so only posts sharing a block value are compared. Only DISTINCT hashes are
// put in the blocks: a post whose hash is already indexed (exact copies, retweets, posts with no words,
// which hash to 0) joins the group of that hash's first post in one table probe. That is exact, not an
// approximation: equal hashes have the same neighbours, and the first one is already united with them.
// Without it a popular hash made every later post scan a bucket holding all its copies.
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(int max_distance = kDefaultMaxDistance);

  // Adds a post's hash; returns its item number (0, 1, 2...).
  std::uint32_t add(std::uint64_t hash);
  // Group of an item: the smallest item number in its component. May change as later items join groups.
  std::uint32_t group(std::uint32_t item) const;
  // Items within max_distance of `hash` (not transitively), in insertion order. Unbounded: for tests and
  // measuring.
  std::vector<std::uint32_t> near(std::uint64_t hash) const;
  // The group (smallest item of the component) of the earliest-grouped item within max_distance of `hash`,
  // or kNone; bounded like add().
  std::uint32_t nearest_group(std::uint64_t hash) const;

  // A block value shared by a huge cluster (a bot swarm posting the same text with a counter) would make
  // every add compare with the whole cluster: quadratic. So a bucket stops growing at kMaxBucket hashes,
  // and no lookup scans more than that per block. A post of such a cluster still meets kMaxBucket of its
  // members; an unrelated post sharing the block value may miss a neighbour stored past the cap.
  static constexpr std::uint32_t kMaxBucket = 1024;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::size_t size() const { return hashes_.size(); }
  int max_distance() const { return k_; }
  std::uint64_t comparisons() const { return comparisons_; }  // hash comparisons done so far (for tuning)

 private:
  std::uint64_t block(std::uint64_t hash, int b) const { return (hash >> shift_[b]) & mask_[b]; }
  std::uint32_t find(std::uint32_t item) const;

  // Item of the first post with `hash` (open addressing on the hash itself, which is already well mixed),
  // or kNone.
  std::uint32_t first_with(std::uint64_t hash) const;
  void remember_first(std::uint64_t hash, std::uint32_t item);

  int k_;
  std::vector<int> shift_;
  std::vector<std::uint64_t> mask_;
  std::vector<int> sketch_rot_;  // per block: rotate right by this, keep the low 32 bits (see Node)
  std::vector<std::uint64_t> hashes_;
  mutable std::vector<std::uint32_t> parent_;  // union-find; path halving in find() mutates
  std::vector<std::uint32_t> next_same_;       // item -> next item with the same hash, or kNone (for near())
  std::vector<std::uint32_t> last_same_;       // first item of a hash -> last item with it (append point)
  std::vector<std::uint64_t> exact_;           // open-addressing table of first items (see first_with)
  std::size_t distinct_ = 0;
  // Per block, the distinct hashes with each block value, in chains of one-cache-line nodes (the buckets
  // of 100k posts are far bigger than L2, so a lookup costs about one miss per node). A node holds, per
  // hash, only a 32-bit SKETCH: the 32 bits that follow the block (cyclically). Bits of the sketch are bits
  // of the hash, so a sketch more than K bits away proves the hash is too; that rejects nearly every
  // candidate while reading half the bytes that full hashes would. The rare survivor is settled with the
  // full hash through its first item (items_, a parallel array touched only then), which is also the item
  // the union needs. Narrow blocks (<= 16 bits) use node value as their head node; wider ones find the
  // head through a hash map.
  struct alignas(64) Node {
    static constexpr std::uint32_t kCap = 14;  // one cache line
    std::uint32_t sketch[kCap] = {};
    std::uint32_t count = 0;
    std::uint32_t next = 0;  // overflow node index, 0 = none (node 0 is never an overflow node)
  };
  std::uint32_t sketch(std::uint64_t hash, int b) const {
    return static_cast<std::uint32_t>(std::rotr(hash, sketch_rot_[static_cast<std::size_t>(b)]));
  }
  // Bit i set when sketch i of `node` is within K bits of `s` (i < count).
  [[gnu::always_inline]] std::uint32_t candidates(const Node& node, std::uint32_t s) const;
  std::vector<std::vector<Node>> nodes_;                                    // [block][node]
  std::vector<std::vector<std::uint32_t>> items_;                           // [block][node * kCap + i]
  std::vector<std::unordered_map<std::uint64_t, std::uint32_t>> sparse_;    // [block] value -> head node
  std::uint32_t head(int b, std::uint64_t value) const;  // kNone when the value has no node yet
  std::uint32_t head_for_insert(int b, std::uint64_t value);
  std::uint64_t comparisons_ = 0;
};

}  // namespace parley::text
