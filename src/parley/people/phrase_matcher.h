// Finds known phrases (skill labels and synonyms, exclusionary phrases) in free text on whole words, after
// case folding and light stemming on both sides (stem_words.h): "managing our online communities" matches
// "manage online community". Articles and possessive determiners ("a", "the", "our", "your", "their", "its")
// are ignored on both sides, so "handle the complaints" matches "handle complaints".
// A form starting with '=' matches only when the text has exactly its case ("=LESS" does not match "less").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/people/stem_words.h"

namespace parley::people {

struct PhraseForm {
  std::uint32_t id = 0;  // caller's number (skill index, phrase index)
  std::string text;
};

struct PhraseHit {
  std::uint32_t id = 0;
  std::uint32_t begin = 0, end = 0;            // byte span in the text
  std::uint32_t first_word = 0, end_word = 0;  // word span [first, end) in split_words(text)
  std::uint32_t form = 0;                      // index of the PhraseForm that matched
};

// The matching key of a phrase: its stems, stop words dropped, joined by spaces. Two phrases with the same
// key are the same to the matcher.
std::string phrase_key(std::string_view phrase);

class PhraseMatcher {
 public:
  PhraseMatcher() = default;
  // Forms with an empty key (only stop words or punctuation) are ignored. When several forms have the same
  // key, all are kept and each match reports every one of their ids.
  explicit PhraseMatcher(std::span<const PhraseForm> forms);

  // Every match, overlapping ones included, in text order (then longest first).
  std::vector<PhraseHit> find_all(std::string_view text, const std::vector<Word>& words) const;
  std::vector<PhraseHit> find_all(std::string_view text) const { return find_all(text, split_words(text)); }
  // Longest-leftmost, non-overlapping: "social media marketing" wins over "social media" and "marketing".
  // Ids sharing the winning span are all kept.
  std::vector<PhraseHit> find(std::string_view text, const std::vector<Word>& words) const;
  std::vector<PhraseHit> find(std::string_view text) const { return find(text, split_words(text)); }

  std::size_t form_count() const { return forms_.size(); }

 private:
  struct Entry {
    std::uint32_t form;
    std::vector<std::string> exact;  // the words with exact case, for '=' forms; empty otherwise
  };
  std::vector<PhraseForm> forms_;
  std::unordered_map<std::string, std::vector<Entry>> by_key_;
  std::size_t max_words_ = 0;
};

}  // namespace parley::people
