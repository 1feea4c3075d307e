// The Western emoticon set the tokenizer recognises (":)", ":'(", "<3", "xD", ...). It is taken from the
// VADER lexicon shipped in data/lexicons/ — every entry that is not a word — so the tokenizer keeps as one
// token exactly the emoticons sentiment can score, with a few common ones VADER lacks added by hand.
#pragma once

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace parley::text {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class EmoticonSet {
 public:
  // Loads from parley::data_path("lexicons/vader_lexicon.txt"); falls back to a small built-in set when
  // the file is missing so tokenizing never fails.
  static const EmoticonSet& instance();

  // Builds a set from VADER lexicon text (token<TAB>...), plus the built-in extras.
  explicit EmoticonSet(std::string_view lexicon_text);

  bool contains(std::string_view s) const { return set_.find(s) != set_.end(); }
  bool may_start(unsigned char c) const { return first_[c]; }
  // Whether some emoticon begins with the two bytes a, b: rejects most candidates without hashing.
  bool may_start2(unsigned char a, unsigned char b) const { return first2_[a << 8 | b]; }
  std::size_t max_len() const { return max_len_; }
  std::size_t size() const { return set_.size(); }

  // True when a lexicon token is an emoticon rather than a word, acronym or hyphenated phrase.
  static bool is_emoticon_entry(std::string_view token);

 private:
  void add(std::string_view s);
  std::unordered_set<std::string, StringHash, std::equal_to<>> set_;
  std::bitset<256> first_;
  std::bitset<65536> first2_;
  std::size_t max_len_ = 0;
};

}  // namespace parley::text
