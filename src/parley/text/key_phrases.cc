#include "parley/text/key_phrases.h"

#include "parley/text/load_bytes.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace parley::text {

namespace {

// Short lists written for social posts: function words plus the filler that carries no topic ("lol",
// "please", "thanks", "today"). Bits: en 1, es 2, pt 4, de 8, fr 16.
constexpr std::array<std::pair<unsigned, const char*>, 5> kLists = {{
    {1, "a an the and or but if then so of to in on at by for with from about as into over after before "
        "is are was were be been being am do does did have has had having i me my mine you your yours he him "
        "his she her it its we us our they them their this that these those there here what which who whom "
        "whose why how when where all any some no not only just very too also again still now ever never "
        "can could will would shall should may might must get got go going gone can't don't doesn't didn't "
        "won't isn't aren't wasn't i'm i've i'll you're it's that's there's please thanks thank lol omg "
        "yes yeah ok okay hi hello hey today really much more most than up out off one since until because while rt via"},
    {2, "el la los las un una unos unas y o pero si de del al a en con por para sin sobre es son fue ser "
        "estar está están estoy he ha han hay yo me mi mis tu tus te se su sus nos lo le les que qué como "
        "cómo cuando donde muy más menos ya no sí también todo todos esta este esto eso hoy gracias hola"},
    {4, "o a os as um uma uns umas e ou mas se de do da dos das no na nos nas em com por para sem sobre é "
        "são foi ser estar está estão estou tem têm eu me meu minha meus minhas você vocês te seu sua nós "
        "que como quando onde muito mais menos já não sim também tudo isso isto esta este hoje obrigado "
        "obrigada olá oi"},
    {8, "der die das den dem des ein eine einen einem einer und oder aber wenn dann von zu zum zur in im "
        "an am auf mit für aus bei nach über ist sind war waren sein bin bist hat habe haben ich mich mir "
        "mein meine du dich dein er sie es wir uns ihr euch was wie wann wo warum nicht kein keine auch noch "
        "schon sehr mehr nur heute danke bitte hallo ja nein so seit weil"},
    {16, "le la les un une des et ou mais si de du au aux à en dans sur avec pour par sans est sont était "
         "être ai as a avons avez ont je me moi mon ma mes tu te toi ton ta tes il elle nous vous ils elles "
         "se son sa ses ce cette ces que qui quoi comment quand où très plus moins déjà ne pas oui non aussi "
         "tout tous aujourd'hui merci bonjour salut c'est j'ai"},
}};

// Byte masks by word length: keep the first n bytes of the first and of the second 8-byte key.
struct KeyMasks {
  std::uint64_t a[17], b[17];
};
constexpr KeyMasks make_key_masks() {
  KeyMasks m{};
  for (int n = 0; n <= 16; ++n) {
    m.a[n] = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
    m.b[n] = n <= 8 ? 0 : n == 16 ? ~0ull : (1ull << (8 * (n - 8))) - 1;
  }
  return m;
}
constexpr KeyMasks kKeyMasks = make_key_masks();

// A word as two little-endian 8-byte keys (zero-padded) plus its length: words of up to 16 bytes, which is
// every stopword and nearly every word of a post, are hashed and compared with a few integer operations,
// without a call to memcmp or to an out-of-line hash.
struct WordKey {
  std::uint64_t a = 0, b = 0;
  std::uint32_t hash = 0;

  WordKey() = default;
  [[gnu::always_inline]] explicit WordKey(std::string_view w) {
    const std::size_t n = w.size();
    a = load_upto8(w.data(), n);
    if (n > 8) b = load_upto8(w.data() + 8, n - 8);
    finish(w.data(), n);
  }
  // The same key from a std::string. libstdc++'s strings always own at least 16 bytes (capacity() >= 15,
  // plus the terminator: the in-object buffer, or a heap buffer of capacity() + 1), so a word of up to 16
  // bytes is read as two fixed 8-byte loads inside its own buffer and the bytes past its end masked off:
  // no branches on the length, which varies from word to word and was mispredicted.
  [[gnu::always_inline]] explicit WordKey(const std::string& s) {
#if defined(__GLIBCXX__)
    const std::size_t n = s.size();
    if (n <= 16) {  // capacity() >= 15 always holds here (no test needed)
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + 8, 8);
      a &= kKeyMasks.a[n];
      b &= kKeyMasks.b[n];
      finish(s.data(), n);
      return;
    }
#endif
    *this = WordKey(std::string_view(s));
  }
  // Same word, given equal lengths: the keys settle words of up to 16 bytes.
  bool same(const WordKey& o, std::string_view w, std::string_view ow) const {
    return hash == o.hash && a == o.a && b == o.b && (w.size() <= 16 || w == ow);
  }

 private:
  // One 64x64 -> 128-bit multiply of the two keys (each offset by a constant, so a zero second key still
  // mixes), folded: every byte of both keys reaches the low 32 bits, which index the stopword filter and
  // the tables. Only lookups use the hash, never the output.
  [[gnu::always_inline]] void finish(const char* p, std::size_t n) {
    std::uint64_t x = a ^ (static_cast<std::uint64_t>(n) << 56) ^ 0x9e3779b97f4a7c15ull;
    std::uint64_t y = b ^ 0xc2b2ae3d27d4eb4full;
    if (n > 16) [[unlikely]]  // the rest of a long word, eight bytes at a time
      for (std::size_t i = 16; i < n; i += 8) y = (y ^ load_upto8(p + i, std::min<std::size_t>(8, n - i))) * 0x9e3779b97f4a7c15ull;
    const unsigned __int128 m = static_cast<unsigned __int128>(x) * y;
    hash = static_cast<std::uint32_t>(static_cast<std::uint64_t>(m) ^ static_cast<std::uint64_t>(m >> 64));
  }
};

// Stopword -> language bits, in a small open-addressing table: it is probed for every word token of every
// post. A bitmap of 16K bits (2 KB, stays in L1) answers first: most words of a post are no stopword and
// are turned away there, without touching the table, whose probes were mostly cache misses. A slot is 16
// bytes, the word's key with its length and language bits in the top two bytes (stopwords are at most
// kMaxStop bytes, so those bytes of the key are always zero): a probe reads one cache line, where a
// separate length/bits array made it two.
class StopTable {
 public:
  StopTable() {
    for (const auto& [bit, words] : kLists) {
      std::string_view all(words);
      while (!all.empty()) {
        auto sp = all.find(' ');
        auto w = all.substr(0, sp);
        if (!w.empty()) {
          if (w.size() > kMaxStop) throw std::logic_error("stopword over 14 bytes: " + std::string(w));
          const WordKey k(w);
          Slot& slot = slots_[probe(k, w.size())];
          slot.a = k.a;
          slot.b = k.b | (static_cast<std::uint64_t>(w.size()) << 48) | (slot.b & (0xFFull << 56)) |
                   (static_cast<std::uint64_t>(bit) << 56);
          max_word_ = std::max(max_word_, w.size());
          filter_[(k.hash >> 6) & (kFilterWords - 1)] |= 1ull << (k.hash & 63);
        }
        all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
      }
    }
  }
  // Language bits of `w`, 0 when it is no stopword; `k` is WordKey(w).
  unsigned bits(std::string_view w, const WordKey& k) const {
    if (w.size() > max_word_) return 0;  // longer than any listed word (all are at most kMaxStop bytes)
    if (!((filter_[(k.hash >> 6) & (kFilterWords - 1)] >> (k.hash & 63)) & 1)) return 0;
    return static_cast<unsigned>(slots_[probe(k, w.size())].b >> 56);
  }

 private:
  // ~550 words in 1024 slots of 16 bytes; an empty slot is all zero (length 0). Everything a lookup
  // touches is ~18 KB.
  static constexpr std::size_t kSlots = 1024;
  static constexpr std::size_t kFilterWords = 256;  // 16K bits
  static constexpr std::size_t kMaxStop = 14;       // key bytes 14 and 15 hold the length and the bits
  struct Slot { std::uint64_t a = 0, b = 0; };
  // `len` <= kMaxStop, so k.b's top two bytes are zero and the length lands in the slot's length byte.
  std::size_t probe(const WordKey& k, std::size_t len) const {
    const std::uint64_t want_b = k.b | (static_cast<std::uint64_t>(len) << 48);
    std::size_t s = (k.hash >> 14) & (kSlots - 1);
    while (slots_[s].b != 0 && !(slots_[s].a == k.a && (slots_[s].b & ~(0xFFull << 56)) == want_b))
      s = (s + 1) & (kSlots - 1);
    return s;
  }
  std::uint64_t filter_[kFilterWords] = {};
  Slot slots_[kSlots];
  std::size_t max_word_ = 0;
};

const StopTable& stopwords() {
  static const StopTable t;
  return t;
}

inline unsigned language_mask(std::string_view language) {
  if (language == "en") return 1;
  if (language == "es") return 1 | 2;
  if (language == "pt") return 1 | 4;
  if (language == "de") return 1 | 8;
  if (language == "fr") return 1 | 16;
  return 31;
}

constexpr std::size_t kMaxPhraseWords = 4;

}  // namespace

bool is_stopword(std::string_view norm, std::string_view language) {
  return (stopwords().bits(norm, WordKey(norm)) & language_mask(language)) != 0;
}

namespace {

// Per-thread scratch for key_phrases(), sized to the largest post seen so far and reused: the extraction
// allocates nothing but its result after warm-up, and writes through raw pointers with no capacity check
// per word. One thread_local object, so a call pays for one TLS look-up rather than one per array.
struct Scratch {
  // A distinct word of the post. Words are numbered by distinct norm, which makes RAKE's statistics array
  // look-ups and the phrase comparison integer compares.
  struct Word {
    WordKey key;
    const char* text;
    std::uint32_t size;
    std::uint32_t slot;  // its slot in `slots`, zeroed again when the call ends
  };
  // A candidate phrase as four word ids. A phrase of fewer words is padded with the id `pad` (one past
  // the post's possible word ids), a hashtag's second id is pad + 1: two phrases are the same phrase
  // (same words, same hashtag-ness, hence the same text) exactly when their four ids are, one compare of
  // two 64-bit words. Every loop over a phrase's words runs four times, with no branch on its length:
  // the pads count in statistics nobody reads and score 0.0, and x + 0.0 == x for the non-negative
  // scores, so the sums are those of the phrase's own words in the same order.
  struct Phrase {
    std::uint32_t id[4];
  };
  std::vector<Phrase> phrases;
  std::vector<Word> words;
  std::vector<std::uint32_t> freq, degree;  // per word id, pads included
  std::vector<double> ratio;                // degree / freq per word id; 0 for the pads
  std::vector<std::uint64_t> seen_lo, seen_hi;  // the distinct phrases so far, as their packed ids
  std::vector<double> score;                // of the distinct phrases
  std::vector<std::uint32_t> order;         // distinct phrases (indices into `phrases`), best first
  // Open addressing over word ids + 1 (0 = empty), at most one slot in two used so a probe usually ends
  // on its first slot. All zero between calls: a call zeroes the slots it filled (a post has a few dozen
  // words) rather than clearing the whole table.
  std::vector<std::uint32_t> slots;

  void reserve(std::size_t tokens) {
    if (phrases.size() < tokens) {
      phrases.resize(tokens);
      words.resize(tokens);
      freq.resize(tokens + 2);
      degree.resize(tokens + 2);
      ratio.resize(tokens + 2);
      seen_lo.resize(tokens);
      seen_hi.resize(tokens);
      score.resize(tokens);
      order.resize(tokens);
    }
  }
  std::uint32_t* table(std::size_t size) {
    if (slots.size() < size) slots.assign(size, 0);
    return slots.data();
  }
};

}  // namespace

std::vector<std::string> key_phrases(const Tokenized& t, std::string_view language, std::size_t max_phrases) {
  const unsigned mask = language_mask(language);
  const StopTable& stops = stopwords();
  thread_local Scratch sc;
  const std::size_t ntok = t.tokens.size();
  sc.reserve(ntok);
  Scratch::Phrase* const phrases = sc.phrases.data();
  Scratch::Word* const words = sc.words.data();
  std::size_t table = 64;
  while (table < 2 * ntok) table *= 2;
  std::uint32_t* const slots = sc.table(table);
  const std::size_t slot_mask = table - 1;
  // Word ids are below the token count, so `pad` and pad + 1 are no word's id.
  const std::uint32_t pad = static_cast<std::uint32_t>(ntok);
  std::uint32_t nphrases = 0, nwords = 0;
  std::uint32_t* const freq = sc.freq.data();  // RAKE counts per word id, zeroed as each word is numbered
  std::uint32_t* const degree = sc.degree.data();

  auto id_of = [&](const char* w, std::uint32_t n, const WordKey& k) __attribute__((always_inline)) -> std::uint32_t {
    std::size_t s = k.hash & slot_mask;
    for (; slots[s] != 0; s = (s + 1) & slot_mask) {
      const Scratch::Word& x = words[slots[s] - 1];
      if (x.key.hash == k.hash && x.size == n && x.key.a == k.a && x.key.b == k.b &&
          (n <= 16 || std::memcmp(x.text, w, n) == 0))
        return slots[s] - 1;
    }
    words[nwords] = {k, w, n, static_cast<std::uint32_t>(s)};
    freq[nwords] = 0;
    degree[nwords] = 0;
    slots[s] = ++nwords;
    return nwords - 1;
  };
  // Candidate phrases; a run of content words keeps its first four (the rest are checked against the
  // stopwords, as they end no phrase, but not numbered).
  Scratch::Phrase run = {{pad, pad, pad, pad}};
  std::uint32_t run_len = 0;
  for (const auto& tok : t.tokens) {
    const std::uint32_t n = static_cast<std::uint32_t>(tok.norm.size());
    if (tok.kind == TokenKind::word && n > 1) {
      const WordKey k(tok.norm);  // from the std::string: fixed loads
      if (!(stops.bits(tok.norm, k) & mask)) {
        if (run_len < kMaxPhraseWords) run.id[run_len] = id_of(tok.norm.data(), n, k);
        ++run_len;
        continue;
      }
    }
    if (run_len) {
      phrases[nphrases++] = run;
      run = {{pad, pad, pad, pad}};
      run_len = 0;
    }
    if (tok.kind == TokenKind::hashtag && n)
      phrases[nphrases++] = {{id_of(tok.norm.data(), n, WordKey(tok.norm)), pad + 1, pad, pad}};
  }
  if (run_len) phrases[nphrases++] = run;
  // The filled slots go back to zero for the next call.
  for (std::uint32_t w = 0; w < nwords; ++w) slots[words[w].slot] = 0;
  if (nphrases == 0) return {};

  // RAKE word scores: frequency and degree (co-occurrences inside phrases, itself included), counted as
  // integers (exact, as the doubles they replace were), and their ratio, divided once per word.
  double* const ratio = sc.ratio.data();
  for (std::uint32_t k = 0; k < nphrases; ++k) {
    const std::uint32_t* id = phrases[k].id;
    const std::uint32_t count = 1 + (id[1] < pad) + (id[2] < pad) + (id[3] < pad);
    for (int i = 0; i < 4; ++i) {
      freq[id[i]] += 1;
      degree[id[i]] += count;
    }
  }
  for (std::uint32_t w = 0; w < nwords; ++w)
    ratio[w] = freq[w] == 1 ? static_cast<double>(degree[w]) : static_cast<double>(degree[w]) / static_cast<double>(freq[w]);
  ratio[pad] = 0.0;
  ratio[pad + 1] = 0.0;
  // Distinct phrases, scored, at their first position.
  std::uint64_t* const seen_lo = sc.seen_lo.data();
  std::uint64_t* const seen_hi = sc.seen_hi.data();
  double* const score = sc.score.data();
  std::uint32_t* const order = sc.order.data();
  std::uint32_t ndistinct = 0;
  for (std::uint32_t k = 0; k < nphrases; ++k) {
    const std::uint32_t* id = phrases[k].id;
    const std::uint64_t lo = id[0] | static_cast<std::uint64_t>(id[1]) << 32;
    const std::uint64_t hi = id[2] | static_cast<std::uint64_t>(id[3]) << 32;
    bool repeated = false;
    for (std::uint32_t o = 0; o < ndistinct; ++o) repeated |= (seen_lo[o] == lo) & (seen_hi[o] == hi);
    if (repeated) continue;
    seen_lo[ndistinct] = lo;
    seen_hi[ndistinct] = hi;
    score[ndistinct] = 0.0 + ratio[id[0]] + ratio[id[1]] + ratio[id[2]] + ratio[id[3]];
    order[ndistinct] = k;
    ++ndistinct;
  }
  // Best first, ties in text order: a stable insertion sort (a post has a handful of phrases, and
  // std::stable_sort allocates a temporary buffer on every call), moving scores and phrase indices
  // together so the comparisons read one array.
  for (std::uint32_t k = 1; k < ndistinct; ++k) {
    const double s = score[k];
    const std::uint32_t cur = order[k];
    std::uint32_t j = k;
    while (j > 0 && score[j - 1] < s) {
      score[j] = score[j - 1];
      order[j] = order[j - 1];
      --j;
    }
    score[j] = s;
    order[j] = cur;
  }
  // Only the phrases returned are turned into strings. A phrase of words of at most 16 bytes is assembled
  // in `buf` from the words' keys (their bytes, zero-padded) with fixed 16-byte stores, and becomes its
  // string in one construction; one of at most 15 bytes is copied as a fixed 15 bytes and then cut, so no
  // phrase costs a memcpy call per word (nor, when short, one at all).
  const std::size_t nout = std::min<std::size_t>(max_phrases, ndistinct);
  std::vector<std::string> out;
  out.reserve(nout);
  for (std::size_t r = 0; r < nout; ++r) {
    const std::uint32_t* id = phrases[order[r]].id;
    const bool hashtag = id[1] == pad + 1;
    const std::uint32_t count = hashtag ? 1 : 1 + (id[1] < pad) + (id[2] < pad) + (id[3] < pad);
    bool short_words = true;
    for (std::uint32_t i = 0; i < count; ++i) short_words &= words[id[i]].size <= 16;
    if (short_words) {
      char buf[1 + 4 * 17 + 16];  // '#', four words of up to 16 bytes and their spaces, 16 bytes of slack
      std::size_t len = hashtag;
      buf[0] = '#';
      for (std::uint32_t i = 0; i < count; ++i) {
        const Scratch::Word& w = words[id[i]];
        buf[len] = ' ';
        len += i != 0;
        std::memcpy(buf + len, &w.key.a, 8);
        std::memcpy(buf + len + 8, &w.key.b, 8);
        len += w.size;
      }
      if (len <= 15) {
        out.emplace_back(buf, std::size_t{15}).erase(len);
      } else {
        out.emplace_back(buf, len);
      }
      continue;
    }
    std::size_t size = hashtag + (count - 1);
    for (std::uint32_t i = 0; i < count; ++i) size += words[id[i]].size;
    std::string& text = out.emplace_back();
    text.reserve(size);
    if (hashtag) text.push_back('#');
    for (std::uint32_t i = 0; i < count; ++i) {
      if (i) text.push_back(' ');
      text.append(words[id[i]].text, words[id[i]].size);
    }
  }
  return out;
}

}  // namespace parley::text
