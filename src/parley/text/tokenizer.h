// A tokenizer made for social text: hashtags, @mentions, URLs, emoji sequences (ZWJ, skin tones, flags,
// keycaps), emoticons, elongations ("sooo"), ALL CAPS and contractions survive as single tokens with
// flags, so sentiment, intent and matching see what the writer meant. Unicode is normalised (NFC) with
// utf8proc first, and case folding is Unicode-aware.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::text {

enum class TokenKind : std::uint8_t { word, number, hashtag, mention, url, email, emoji, emoticon, punct };

struct Token {
  std::uint32_t begin = 0, end = 0;  // byte range in Tokenized::text (the normalised text)
  TokenKind kind = TokenKind::word;
  bool all_caps = false;   // a word of 2+ letters, every letter upper-case ("WORST")
  bool elongated = false;  // a letter repeated 3+ times ("sooo", "noooo")
  std::string norm;        // folded form for lookups: lower-case; elongations cut to two repeats ("soo");
                           // hashtags/mentions without '#'/'@'; emoji and emoticons as written
};

struct Tokenized {
  std::string text;            // the input after Unicode normalisation (NFC)
  std::vector<Token> tokens;   // in order; whitespace is not a token
  std::string_view raw(const Token& t) const { return std::string_view(text).substr(t.begin, t.end - t.begin); }
};

// `utf8` must be valid UTF-8 (ingest guarantees it).
Tokenized tokenize(std::string_view utf8);

// The same tokens, written over `out`: a caller that keeps one
// Tokenized per thread reuses its text and token buffers, where tokenize(utf8) allocates both per call
// (the token array of a 140-byte post is ~1.5 KB, past malloc's per-thread cache, so it takes the
// slower general path each time).
void tokenize(std::string_view utf8, Tokenized& out);

}  // namespace parley::text
