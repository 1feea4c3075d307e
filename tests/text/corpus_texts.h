// Texts the text analysers' equivalence and fingerprint tests share: the project's intent corpora, and posts
// stitched from a seeded stream over a vocabulary each test chooses. mt19937's raw output is fixed by the
// standard, so the stitched posts are the same on every machine.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace parley::text::test_texts {

// The text column (the last) of an intent corpus TSV (data/intent/*.tsv), header skipped.
inline void read_corpus_texts(const std::string& path, std::vector<std::string>& out) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto tab = line.rfind('\t');
    if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
  }
}

// `count` posts of rng() % short_words words (every long_every-th post: rng() % long_words), drawn from
// `vocab` and joined by a space seven times in eight (glued otherwise, so "don't" + "!" also occurs).
inline void stitch_posts(std::span<const char* const> vocab, int count, int long_every, std::size_t long_words,
                         std::size_t short_words, std::vector<std::string>& out) {
  std::mt19937 rng(20261130);
  for (int i = 0; i < count; ++i) {
    const std::size_t len = rng() % (i % long_every == 0 ? long_words : short_words);
    std::string s;
    for (std::size_t w = 0; w < len; ++w) {
      if (w) s += rng() % 8 ? " " : "";
      s += vocab[rng() % vocab.size()];
    }
    out.push_back(std::move(s));
  }
}

// A xorshift64 step: a seeded stream for inputs built byte by byte (the seed must not be 0).
inline std::uint64_t next(std::uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

}  // namespace parley::text::test_texts
