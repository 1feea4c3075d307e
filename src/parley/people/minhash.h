// MinHash signatures over word shingles (Broder 1997) and LSH banding (Indyk & Motwani 1998; Leskovec,
// Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3): finds text that is the same or nearly the same
// as other text in a corpus without comparing every pair.
//
// A signature holds kMinHashes minima, one per hash function; the share of equal positions estimates the
// Jaccard similarity of the two shingle sets. The index cuts a signature into kBands bands of kRows rows:
// two texts become candidates when any band is equal, which happens with probability 1 - (1 - J^r)^b. With
// b = 32, r = 4 that is 0.99 at J = 0.6 and 0.12 at J = 0.2 (threshold near (1/b)^(1/r) = 0.42): candidates
// are then checked on the whole signature.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parley::people {

inline constexpr int kMinHashes = 128;
inline constexpr int kBands = 32;
inline constexpr int kRows = kMinHashes / kBands;
// Five-word shingles: long enough that two unrelated paragraphs rarely share one, short enough that a
// paragraph with one changed word keeps most of its shingles.
inline constexpr int kShingleWords = 5;

using MinHash = std::array<std::uint64_t, kMinHashes>;

// Signature of a sequence of (already normalised) words. Fewer words than a shingle make one shingle; no
// words gives a signature of all-ones, which is similar only to other empty texts.
MinHash minhash(std::span<const std::string> words, int shingle = kShingleWords);
// The same over the case-folded words of `text` (split_words).
MinHash minhash_text(std::string_view text, int shingle = kShingleWords);

// Share of equal positions: the estimate of the Jaccard similarity of the shingle sets.
double estimated_jaccard(const MinHash& a, const MinHash& b);

// Exact Jaccard similarity of the shingle sets, for tests and measuring.
double exact_jaccard(std::span<const std::string> a, std::span<const std::string> b, int shingle = kShingleWords);

class LshIndex {
 public:
  // Adds a signature; returns its item number (0, 1, 2...).
  std::uint32_t add(const MinHash& sig);
  // Items sharing at least one band with `sig`, ascending, without duplicates.
  std::vector<std::uint32_t> candidates(const MinHash& sig) const;
  // Candidates whose estimated Jaccard with `sig` is at least `threshold`.
  std::vector<std::uint32_t> similar(const MinHash& sig, double threshold) const;
  const MinHash& signature(std::uint32_t item) const { return sigs_[item]; }
  std::size_t size() const { return sigs_.size(); }

 private:
  static std::uint64_t band_key(const MinHash& sig, int band);
  std::vector<MinHash> sigs_;
  std::array<std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>, kBands> buckets_;
};

}  // namespace parley::people
