#include "parley/text/lexicon.h"
#include "parley/text/murmur_fmix.h"

#include <charconv>
#include <cstring>

#include "parley/text/fnv1a.h"

namespace parley::text {

namespace {

// Scalars from Hutto & Gilbert (2014): a booster adds or removes 0.293 of valence.
constexpr float kBoostUp = 0.293f;
constexpr float kBoostDown = -0.293f;

// Intensifiers and dampeners (degree adverbs). Written for parley from standard English degree-modifier
// classes; the paper's scalar applies to all of them.
constexpr std::string_view kBoostersUp[] = {
    "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
    "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
    "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
    "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
    "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
    "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
    "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very", "super", "insanely",
    "seriously", "truly", "soo", "realy", "rly", "vry", "mega"};
constexpr std::string_view kBoostersDown[] = {
    "almost", "barely", "hardly", "kinda", "kindof", "less", "little", "marginal", "marginally",
    "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat",
    "sorta", "sortof", "bit"};
constexpr std::string_view kBoosterPhrasesDown[] = {"kind of", "sort of", "just enough", "a bit", "a little"};

constexpr std::string_view kNegators[] = {
    "not", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "cannot", "without", "nope",
    "nah", "neednt", "aint", "arent", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt",
    "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "oughtnt", "shant", "shouldnt", "wasnt",
    "werent", "wont", "wouldnt", "rarely", "seldom", "despite", "uh-uh", "uhuh"};

// Idioms whose meaning is not the sum of their words (valence on VADER's -4..+4 scale, set for parley).
struct Idiom {
  std::string_view text;
  float valence;
};
constexpr Idiom kIdioms[] = {
    {"the shit", 3.0f},        {"the bomb", 3.0f},      {"bad ass", 1.5f},       {"yeah right", -2.0f},
    {"kiss of death", -1.5f},  {"to die for", 3.0f},    {"cut the mustard", 2.0f}, {"hand to mouth", -2.0f},
    {"back handed", -2.0f},    {"blow smoke", -2.0f},   {"blowing smoke", -2.0f}, {"upper hand", 1.0f},
    {"break a leg", 2.0f},     {"cooking with gas", 2.0f}, {"in the black", 2.0f}, {"in the red", -2.0f},
    {"on the ball", 2.0f},     {"under the weather", -2.0f}, {"broken heart", -2.9f}, {"heart broken", -2.9f},
    {"bus stop", 0.0f},
};

}  // namespace

namespace {

inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline std::uint32_t load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// a[0, n) == b[0, n) for n <= 16, with fixed-size (possibly overlapping) loads: a variable-length memcmp
// would be a library call on every lookup.
inline bool equal_short(const char* a, const char* b, std::size_t n) {
  if (n >= 8) return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  if (n > 0) return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
  return true;
}

// The table hash of a key from its FNV-1a (Lexicon::key_fnv): a finaliser (MurmurHash3's) so that the
// slot index (low bits), the filter bit (bits 16..31) and the tag (high 32 bits) all depend on every byte.
[[gnu::always_inline]] inline std::uint64_t table_hash(std::uint64_t fnv) { return murmur_fmix64(fnv); }

[[gnu::always_inline]] inline std::uint64_t hash_bytes(std::string_view s) { return table_hash(Lexicon::key_fnv(s)); }

}  // namespace

std::uint64_t lex_hash(std::string_view s) { return hash_bytes(s); }

Lexicon::Lexicon() : filter_(kFilterBits / 64, 0) { slots_.resize(1024); }

[[gnu::always_inline]] inline bool Lexicon::same_key(const Record& r, std::string_view key) const {
  if (r.len != key.size()) return false;
  if (key.size() <= kInline) return equal_short(r.key, key.data(), key.size());
  return std::memcmp(arena_.data() + r.off, key.data(), key.size()) == 0;
}

[[gnu::always_inline]] inline std::size_t Lexicon::probe(std::string_view key, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = h & 0xFFFFFFFF00000000ULL;
  for (std::size_t k = h & mask;; k = (k + 1) & mask) {
    const std::uint64_t s = slots_[k];
    if (s == 0) return k;
    if ((s & 0xFFFFFFFF00000000ULL) == tag && same_key(records_[(s & 0xFFFFFFFFu) - 1], key)) return k;
  }
}

void Lexicon::grow() {
  std::vector<std::uint64_t> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t r = 0; r < records_.size(); ++r) {
    const Record& rec = records_[r];
    std::string_view key = rec.len <= kInline ? std::string_view(rec.key, rec.len)
                                              : std::string_view(arena_).substr(rec.off, rec.len);
    const std::uint64_t h = hash_bytes(key);
    std::size_t k = h & mask;
    while (slots_[k] != 0) k = (k + 1) & mask;
    slots_[k] = (h & 0xFFFFFFFF00000000ULL) | (r + 1);
  }
}

LexEntry& Lexicon::upsert(std::string_view key) {
  if ((records_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hash_bytes(key);
  const std::size_t k = probe(key, h);
  if (slots_[k] != 0) return records_[(slots_[k] & 0xFFFFFFFFu) - 1].entry;
  const std::uint32_t b = filter_bit(h);
  filter_[b >> 6] |= std::uint64_t{1} << (b & 63);
  Record& r = records_.emplace_back();
  r.len = static_cast<std::uint32_t>(key.size());
  if (key.size() <= kInline) {
    std::memcpy(r.key, key.data(), key.size());
  } else {
    r.off = static_cast<std::uint32_t>(arena_.size());
    arena_.append(key);
  }
  slots_[k] = (h & 0xFFFFFFFF00000000ULL) | records_.size();
  return r.entry;
}

const LexEntry* Lexicon::find(std::string_view key) const {
  const std::uint64_t h = hash_bytes(key);
  const std::uint32_t b = filter_bit(h);
  if (!((filter_[b >> 6] >> (b & 63)) & 1)) return nullptr;
  const std::size_t k = probe(key, h);
  const std::uint64_t s = slots_[k];
  return s == 0 ? nullptr : &records_[(s & 0xFFFFFFFFu) - 1].entry;
}

const LexEntry* Lexicon::find_hashed(std::string_view key, std::uint64_t fnv) const {
  const std::uint64_t h = table_hash(fnv);
  const std::uint32_t b = filter_bit(h);
  if (!((filter_[b >> 6] >> (b & 63)) & 1)) return nullptr;
  const std::uint64_t s = slots_[probe(key, h)];
  return s == 0 ? nullptr : &records_[(s & 0xFFFFFFFFu) - 1].entry;
}

void Lexicon::find_all(const std::string_view* keys, const std::uint64_t* fnv, std::size_t n,
                       const LexEntry** out) const {
  thread_local std::vector<std::uint64_t> hashes;
  thread_local std::vector<std::uint32_t> passed;
  if (hashes.size() < n) {
    hashes.resize(n);
    passed.resize(n);
  }
  std::uint64_t* const hs = hashes.data();
  std::uint32_t* const pass = passed.data();
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t h = table_hash(fnv[i]);
    hs[i] = h;
    const std::uint32_t b = filter_bit(h);
    out[i] = nullptr;
    pass[m] = static_cast<std::uint32_t>(i);
    m += (filter_[b >> 6] >> (b & 63)) & 1;
  }
  for (std::size_t k = 0; k < m; ++k) {
    const std::uint32_t i = pass[k];
    const std::uint64_t s = slots_[probe(keys[i], hs[i])];
    if (s != 0) out[i] = &records_[(s & 0xFFFFFFFFu) - 1].entry;
  }
}

LexEntry& Lexicon::add_mwe(std::string_view key) {
  std::size_t sp = key.find(' ');
  if (sp != std::string_view::npos) upsert(key.substr(0, sp)).flags |= kLexMweStart;
  LexEntry& e = upsert(key);
  e.flags |= kLexMwe;
  std::uint8_t words = 1;
  for (char c : key) words += c == ' ';
  e.words = words;
  return e;
}

// Cuts letter runs longer than two to two, as the tokenizer does for norm.
static std::string cut_elongation(std::string_view s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i >= 2 && s[i] == s[i - 1] && s[i] == s[i - 2] && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) continue;
    r.push_back(s[i]);
  }
  return r;
}

std::size_t Lexicon::load_vader(std::string_view text) {
  std::size_t n = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    std::size_t t1 = line.find('\t');
    if (t1 == std::string_view::npos || t1 == 0) continue;
    std::size_t t2 = line.find('\t', t1 + 1);
    std::string_view tok = line.substr(0, t1);
    std::string_view num = line.substr(t1 + 1, (t2 == std::string_view::npos ? line.size() : t2) - t1 - 1);
    float v = 0;
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
    if (ec != std::errc()) continue;
    (void)p;
    LexEntry& e = tok.find(' ') != std::string_view::npos ? add_mwe(tok) : upsert(tok);
    e.valence = v;
    e.flags |= kLexValence;
    std::string cut = cut_elongation(tok);
    if (cut != tok && !find(cut)) {
      LexEntry& c = upsert(cut);
      c.valence = v;
      c.flags |= kLexValence;
    }
    ++n;
  }
  return n;
}

void Lexicon::add_rule_words() {
  for (auto w : kBoostersUp) {
    LexEntry& e = upsert(w);
    e.flags |= kLexBooster;
    e.booster = kBoostUp;
  }
  for (auto w : kBoostersDown) {
    LexEntry& e = upsert(w);
    e.flags |= kLexBooster;
    e.booster = kBoostDown;
  }
  for (auto w : kBoosterPhrasesDown) {
    LexEntry& e = add_mwe(w);
    e.flags |= kLexBooster;
    e.booster = kBoostDown;
  }
  for (auto w : kNegators) upsert(w).flags |= kLexNegator;
  for (const Idiom& i : kIdioms) {
    LexEntry& e = add_mwe(i.text);
    e.valence = i.valence;
    e.flags |= kLexValence;
  }
  upsert("but").flags |= kLexBut;
  upsert("no").flags |= kLexNo;
  upsert("least").flags |= kLexLeast;
  upsert("at").flags |= kLexAtVery;
  upsert("very").flags |= kLexAtVery;
  upsert("never").flags |= kLexNever;
  upsert("so").flags |= kLexSoThis;
  upsert("this").flags |= kLexSoThis;
  upsert("without").flags |= kLexWithout;
  upsert("doubt").flags |= kLexDoubt;
  upsert("or").flags |= kLexOrNor;
  upsert("nor").flags |= kLexOrNor;
}

void EmojiLexicon::load(std::string_view text, const Lexicon& lex) {
  text_.assign(text);
  std::string_view t(text_);
  std::size_t pos = 0;
  while (pos < t.size()) {
    std::size_t eol = t.find('\n', pos);
    if (eol == std::string_view::npos) eol = t.size();
    std::string_view line = t.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    std::string_view desc = line.substr(tab + 1);
    auto first = static_cast<std::uint32_t>(words_.size());
    std::size_t i = 0;
    while (i < desc.size()) {
      while (i < desc.size() && (desc[i] == ' ' || desc[i] == ':' || desc[i] == ',')) ++i;
      std::size_t j = i;
      while (j < desc.size() && desc[j] != ' ' && desc[j] != ':' && desc[j] != ',') ++j;
      if (j > i) {
        std::string_view w = desc.substr(i, j - i);
        words_.push_back({w, lex.find(w)});
      }
      i = j;
    }
    spans_.emplace(std::string(line.substr(0, tab)),
                   std::make_pair(first, static_cast<std::uint32_t>(words_.size()) - first));
  }
}

std::span<const EmojiLexicon::Word> EmojiLexicon::find(std::string_view emoji) const {
  auto hit = [&](std::string_view k) -> std::span<const Word> {
    auto it = spans_.find(k);
    if (it == spans_.end()) return {};
    return std::span<const Word>(words_.data() + it->second.first, it->second.second);
  };
  if (auto s = hit(emoji); !s.empty()) return s;
  // Drop VS16 (U+FE0F) and skin-tone modifiers (U+1F3FB..U+1F3FF): the lexicon lists base forms. Built in
  // a stack buffer (emoji graphemes are short); a longer one goes to the heap.
  char stack[96];
  std::string heap;
  char* base = stack;
  if (emoji.size() + 3 > sizeof stack) {
    heap.resize(emoji.size() + 3);
    base = heap.data();
  }
  std::size_t n = 0;
  for (std::size_t i = 0; i < emoji.size();) {
    if (emoji.compare(i, 3, "\xEF\xB8\x8F") == 0) {
      i += 3;
      continue;
    }
    if (emoji.compare(i, 3, "\xF0\x9F\x8F") == 0 && i + 3 < emoji.size() &&
        static_cast<unsigned char>(emoji[i + 3]) >= 0xBB && static_cast<unsigned char>(emoji[i + 3]) <= 0xBF) {
      i += 4;
      continue;
    }
    base[n++] = emoji[i++];
  }
  if (std::string_view(base, n) != emoji) {
    if (auto s = hit(std::string_view(base, n)); !s.empty()) return s;
  }
  std::memcpy(base + n, "\xEF\xB8\x8F", 3);
  if (auto s = hit(std::string_view(base, n + 3)); !s.empty()) return s;
  return {};
}

}  // namespace parley::text
