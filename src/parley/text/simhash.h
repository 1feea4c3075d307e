// Near-duplicate detection: 64-bit SimHash (Charikar 2002) over word shingles, and an index that groups
// posts whose hashes are within a few bits, so copy-paste campaigns, bot swarms and retweets-with-a-twist
// can be counted once.
//
// Features are SHINGLES of kShingle consecutive normalised words (lower-case; URLs, @mentions, e-mails,
// punctuation and emoji dropped), so "RT @a: Great phone http://x" and "Great phone! @b" hash the same.
// Why those are dropped, why kShingle and kDefaultMaxDistance have the values they have: docs/analysis.md,
// "Near-duplicates", with the measurements.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/text/tokenizer.h"

namespace parley::text {

inline constexpr int kShingle = 1;
inline constexpr int kDefaultMaxDistance = 4;

// 64-bit hash of bytes: fixed seed, stable across runs and machines (hashes are stored).
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0);

// SimHash of already-normalised words, in order. Fewer words than a shingle make one shingle; no words
// gives 0. A bit whose vote is tied is 0. `shingle` other than kShingle is for measuring only.
std::uint64_t simhash_words(std::span<const std::string_view> words, int shingle = kShingle);

// SimHash of a tokenised post: word, number and hashtag tokens (by Token::norm) count; URLs, mentions,
// e-mails, punctuation, emoji and emoticons do not.
std::uint64_t simhash(const Tokenized& t);

inline int hamming(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

// Groups hashes that are within `max_distance` bits of each other, transitively: a group is a connected
// component of the graph "distance <= K". Components do not depend on insertion order; a group is named by
// its first-inserted member (the original that the rest copied, when posts are added in time order).
// Lookup uses the pigeonhole trick: the 64 bits are cut into K+1 blocks and two hashes within K bits agree
// exactly on at least one block, so only posts sharing a block value are compared.
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(int max_distance = kDefaultMaxDistance);

  // Adds a post's hash; returns its item number (0, 1, 2...).
  std::uint32_t add(std::uint64_t hash);
  // Group of an item: the smallest item number in its component. May change as later items join groups.
  std::uint32_t group(std::uint32_t item) const;
  // Items within max_distance of `hash` (not transitively), in insertion order.
  std::vector<std::uint32_t> near(std::uint64_t hash) const;

  std::size_t size() const { return hashes_.size(); }
  int max_distance() const { return k_; }
  std::uint64_t comparisons() const { return comparisons_; }  // hash comparisons done so far (for tuning)

 private:
  std::uint64_t block(std::uint64_t hash, int b) const { return (hash >> shift_[b]) & mask_[b]; }
  std::uint32_t find(std::uint32_t item) const;

  int k_;
  std::vector<int> shift_;
  std::vector<std::uint64_t> mask_;
  std::vector<std::uint64_t> hashes_;
  mutable std::vector<std::uint32_t> parent_;  // union-find; path halving in find() mutates
  // Per block, the posts with each block value, as contiguous (hash, item) runs so a lookup reads one or
  // two cache lines instead of chasing a pointer per candidate. Narrow blocks are indexed directly.
  struct Entry { std::uint64_t hash; std::uint32_t item; };
  std::vector<std::vector<std::vector<Entry>>> dense_;                       // [block][value], width <= 16
  std::vector<std::unordered_map<std::uint64_t, std::vector<Entry>>> sparse_;  // [block], wider blocks
  const std::vector<Entry>* bucket(int b, std::uint64_t value) const;
  std::vector<Entry>& bucket_for_insert(int b, std::uint64_t value);
  std::uint64_t comparisons_ = 0;
};

}  // namespace parley::text
