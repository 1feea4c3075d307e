// Boilerplate across a corpus of job postings: paragraphs that (nearly) repeat in other postings, the share
// of a posting's words that sit in such paragraphs, and postings that are near-duplicates as a whole.
// Paragraphs are compared by MinHash with LSH (minhash.h), so a paragraph with a changed word or a
// different company name still counts as shared.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/people/minhash.h"

namespace parley::people {

// Paragraphs shorter than this are headings, list fragments or sign-offs: too short to call copied text.
inline constexpr std::size_t kMinParagraphWords = 8;
// Estimated Jaccard of the 5-word shingles at or above which two paragraphs (or postings) are "the same
// text": one word changed in a 30-word paragraph keeps about 0.7-0.8, a rewritten one falls below 0.3.
inline constexpr double kSameText = 0.7;
// "Repeated across the corpus": in this many postings or more, counting its own (the NHS figure quoted in
// docs/skills.md uses the same cut).
inline constexpr std::size_t kRepeatedIn = 5;

struct Paragraph {
  std::uint32_t begin = 0, end = 0;  // byte span
  std::size_t words = 0;
};

// Blank lines separate paragraphs; a text without blank lines is split at line breaks.
std::vector<Paragraph> split_paragraphs(std::string_view text);

struct SharedParagraph {
  std::uint32_t begin = 0, end = 0;
  std::size_t words = 0;
  std::vector<std::size_t> docs;  // the other postings holding it, ascending
};

struct DocBoilerplate {
  std::size_t words = 0;         // all words of the posting
  std::size_t shared_words = 0;  // words in paragraphs shared with at least one other posting
  double shared_share = 0;       // shared_words / words
  std::vector<SharedParagraph> shared;
  std::vector<std::pair<std::size_t, double>> near_duplicates;  // (posting, estimated Jaccard), ascending
};

struct CorpusBoilerplate {
  std::size_t docs = 0, docs_with_shared = 0;
  double mean_shared_share = 0;
  // Of the words in paragraphs of kMinParagraphWords or more, the share in paragraphs found in kRepeatedIn
  // or more postings.
  double repeated_share = 0;
};

class BoilerplateIndex {
 public:
  // Adds a posting; returns its number (0, 1, 2...). Only spans and signatures are kept, not the text.
  std::size_t add(std::string_view text);
  DocBoilerplate report(std::size_t doc) const;
  // Over the given postings (compared with every posting added).
  CorpusBoilerplate summary(const std::vector<std::size_t>& docs) const;
  std::size_t size() const { return docs_.size(); }

 private:
  struct Doc {
    std::size_t words = 0;
    std::vector<Paragraph> paragraphs;  // long ones only
    std::vector<std::uint32_t> items;   // their items in paragraphs_
    std::uint32_t whole = 0;            // item in whole_
  };
  std::vector<Doc> docs_;
  std::vector<std::size_t> doc_of_item_;  // paragraph item -> posting
  LshIndex paragraphs_, whole_;
};

}  // namespace parley::people
