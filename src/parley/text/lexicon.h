// Word tables for rule-based sentiment: the VADER valence lexicon, the emoji descriptions, and the word
// classes VADER's heuristics need (boosters, negators, "but", "least", ...), all behind one hash look-up per
// token. Built once at load; after that every table is read-only, so concurrent readers need no locking.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text/fnv1a.h"

namespace parley::text {

// Word-class flags on a lexicon entry.
enum LexFlag : std::uint16_t {
  kLexValence = 1 << 0,   // has a valence from the VADER lexicon (or an idiom table)
  kLexBooster = 1 << 1,   // intensifier / dampener; `booster` holds the scalar
  kLexNegator = 1 << 2,   // "not", "never", "cannot", "without", ... (contractions with n't are detected by form)
  kLexMweStart = 1 << 3,  // first word of a multi-word entry ("fed up", "kind of", "yeah right")
  kLexBut = 1 << 4,       // contrastive conjunction
  kLexNo = 1 << 5,        // "no": negation when a sentiment word follows, else a lexicon word
  kLexLeast = 1 << 6,
  kLexAtVery = 1 << 7,    // "at least" / "very least" are not negations
  kLexNever = 1 << 8,
  kLexSoThis = 1 << 9,    // "never so good", "never this good": emphasis, not negation
  kLexWithout = 1 << 10,
  kLexDoubt = 1 << 11,    // "without doubt" is not a negation either
  kLexOrNor = 1 << 12,    // "no X or Y": the negation reaches Y
  kLexMwe = 1 << 13,      // the entry is a multi-word expression
};

struct LexEntry {
  float valence = 0;
  float booster = 0;
  std::uint16_t flags = 0;
  std::uint8_t words = 1;  // tokens spanned (multi-word entries)
};

// Open-addressing hash map from byte strings to LexEntry. Lookups take a string_view and do not allocate.
// Sentiment probes it for every word token, so it is laid out for few cache misses: the slot array holds
// only 8 bytes per slot (a 32-bit hash tag and the record number), and a record keeps its entry next to
// its key (inline up to 16 bytes, which covers nearly every word), so a hit reads one slot and one record.
class Lexicon {
 public:
  Lexicon();
  // Returns the entry for `key`, creating an empty one.
  LexEntry& upsert(std::string_view key);
  const LexEntry* find(std::string_view key) const;
  // Keys are hashed with FNV-1a from kKeySeed, the seed of the learned sentiment layer's word features
  // (sentiment_model_learned.h): a post's words are then hashed once for both (SentimentModel::analyze).
  static constexpr std::uint64_t kKeySeed = fnv1a_bytes("w");
  static std::uint64_t key_fnv(std::string_view key) { return fnv1a_bytes(key, kKeySeed); }
  // find(key), given key_fnv(key).
  const LexEntry* find_hashed(std::string_view key, std::uint64_t fnv) const;
  // out[i] = find(keys[i]) for i < n, given fnv[i] = key_fnv(keys[i]). The same answers, for a whole post's
  // words at once: every key is checked against the filter first, in a loop with no branch on the outcome
  // (find() mispredicts the filter's answer for a good share of words), and only the keys that pass are
  // then probed.
  void find_all(const std::string_view* keys, const std::uint64_t* fnv, std::size_t n, const LexEntry** out) const;
  std::size_t size() const { return records_.size(); }

  // Parses VADER's lexicon format (token<TAB>mean<TAB>sd<TAB>ratings) into valence entries. Entries with
  // letter runs of three or more are also stored cut to two ("grrr" -> "grr"), the form tokens carry in norm.
  // Multi-word entries ("fed up") are marked for n-gram matching. Returns the number of entries read.
  std::size_t load_vader(std::string_view text);
  // Adds the word classes of VADER's heuristics (boosters, negators, idioms, ...).
  void add_rule_words();
  // Marks a multi-word key: the entry gets kLexMwe, its first word kLexMweStart.
  LexEntry& add_mwe(std::string_view key);

 private:
  static constexpr std::size_t kInline = 16;
  struct Record {
    LexEntry entry;           // first member: find() hands out its address
    std::uint32_t len = 0;
    std::uint32_t off = 0;    // into arena_, for keys longer than kInline
    char key[kInline] = {};   // the key, zero-padded, when it fits
  };
  // slot = (hash >> 32) << 32 | (record + 1); 0 = empty.
  std::size_t probe(std::string_view key, std::uint64_t h) const;  // slot of `key`, or the empty slot for it
  bool same_key(const Record& r, std::string_view key) const;
  void grow();
  // One bit per value of hash bits 16..31 (bits the slot index and the tag do not use), set for every
  // key (~11% of the bits for the 7,683 keys shipped). Most tokens probed are not in the lexicon (names,
  // other languages, function words); this 8 KB filter answers most of those misses from one cache line
  // that is usually in L1/L2, without touching the 128 KB slot array, whose load was most of probe()'s
  // time. A false positive only costs the ordinary probe.
  static constexpr std::size_t kFilterBits = 1 << 16;
  static std::uint32_t filter_bit(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 16) & (kFilterBits - 1); }
  std::vector<std::uint64_t> filter_;
  std::vector<std::uint64_t> slots_;
  std::vector<Record> records_;
  std::string arena_;
};

// The lexicon's table hash of a byte string (a finaliser over Lexicon::key_fnv).
std::uint64_t lex_hash(std::string_view s);

// Emoji -> description words ("😡" -> "enraged face"), each with its lexicon entry resolved at load.
class EmojiLexicon {
 public:
  struct Word {
    std::string_view text;
    const LexEntry* entry;  // null when the word is not in the lexicon
  };
  // Parses emoji<TAB>description lines. `lex` must outlive this object.
  void load(std::string_view text, const Lexicon& lex);
  // Finds the description of an emoji grapheme; tolerates a missing/extra VS16 and skin-tone modifiers.
  std::span<const Word> find(std::string_view emoji) const;
  std::size_t size() const { return spans_.size(); }

 private:
  std::string text_;  // the file; Word::text views point into it
  // Transparent hashing: find() looks up string_views (the token's bytes, or a stack copy without VS16 and
  // skin tones) and never builds a std::string per emoji.
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>, ViewHash, std::equal_to<>> spans_;
  std::vector<Word> words_;
};

}  // namespace parley::text
