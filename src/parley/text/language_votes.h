// The function words of the language front door's Latin-script vote (language.h), looked up a whole word at
// a time. Internal to src/parley/text.
//
// Every Latin post runs ~25 look-ups, most of them misses. The table they replace hashed byte by byte (FNV)
// and compared with memcmp. Every listed word is at most 8 bytes long, so here a word is one integer (its
// bytes, zero-padded), hashed with a multiply, and compared with the four keys of its two buckets without a
// branch. The keys take 4 KB, so they stay in the L1 cache next to the text being read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::text::language_detail {

enum Vote : int { v_en, v_es, v_pt, v_de, v_fr, v_it, v_nl, kVotes };
inline constexpr const char* kVoteCode[kVotes] = {"en", "es", "pt", "de", "fr", "it", "nl"};

// No listed word is longer (LanguageVotes.EveryListedWordFitsAKey checks), so longer words never vote.
inline constexpr std::size_t kMaxVoteWord = 8;

// A lower-case word of at most kMaxVoteWord bytes as a little-endian integer, zero past its end. A word
// never holds a zero byte (it is letters and apostrophes), so the key determines the word and its length.
using WordKey = std::uint64_t;
WordKey word_key(std::string_view w);  // w.size() <= kMaxVoteWord

class FunctionWords {
 public:
  static const FunctionWords& instance();

  // 1 + the word's language (a Vote), or 0 when it is no function word or belongs to two languages.
  // Without branches: whether a word is a function word is as good as random, so a branch on it would be
  // mispredicted often. A word sits in one of the two slots of one of its two buckets (cuckoo hashing),
  // and all four are compared.
  unsigned lookup(WordKey k) const {
    const std::size_t a = bucket(k, 0), b = bucket(k, 1);
    const Bucket& x = buckets_[a];
    const Bucket& y = buckets_[b];
    return (langs_[a][0] & (0u - (x.key[0] == k))) | (langs_[a][1] & (0u - (x.key[1] == k))) |
           (langs_[b][0] & (0u - (y.key[0] == k))) | (langs_[b][1] & (0u - (y.key[1] == k)));
  }
  // The same for a word in memory (any length; longer than kMaxVoteWord is 0).
  unsigned lookup(std::string_view w) const;

  // Every word of the lists with its language (-1: listed by two languages, so no evidence), in order.
  static std::vector<std::pair<std::string, int>> listed_words();

 private:
  FunctionWords();

  static constexpr unsigned kBucketBits = 8;
  static constexpr std::size_t kBuckets = std::size_t{1} << kBucketBits;
  // An empty slot has key 0 and language 0 ("none"); no word has key 0, and the empty key, should it be
  // asked, finds "none".
  struct Bucket {
    WordKey key[2] = {};
  };
  std::size_t bucket(WordKey k, int which) const { return static_cast<std::size_t>((k * mul_[which]) >> (64 - kBucketBits)); }
  bool build(const std::vector<std::pair<WordKey, unsigned>>& words);

  std::uint64_t mul_[2] = {};
  Bucket buckets_[kBuckets];
  unsigned char langs_[kBuckets][2] = {};  // 1 + the language of the key in the same place
};

}  // namespace parley::text::language_detail
