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

// A word as two little-endian 8-byte keys (zero-padded) plus its length: words of up to 16 bytes, which is
// every stopword and nearly every word of a post, are hashed and compared with a few integer operations,
// without a call to memcmp or to an out-of-line hash.
struct WordKey {
  std::uint64_t a = 0, b = 0;
  std::uint32_t hash = 0;

  [[gnu::always_inline]] explicit WordKey(std::string_view w) {
    const std::size_t n = w.size();
    a = load_upto8(w.data(), n);
    if (n > 8) b = load_upto8(w.data() + 8, n - 8);
    std::uint64_t h = (a ^ (static_cast<std::uint64_t>(n) << 56)) * 0x9e3779b97f4a7c15ull;
    h ^= b * 0xc2b2ae3d27d4eb4full;
    if (n > 16)  // rare: the rest of a long word, eight bytes at a time
      for (std::size_t i = 16; i < n; i += 8) h = (h ^ load_upto8(w.data() + i, std::min<std::size_t>(8, n - i))) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    hash = static_cast<std::uint32_t>(h >> 32);
  }
  // Same word, given equal lengths: the keys settle words of up to 16 bytes.
  bool same(const WordKey& o, std::string_view w, std::string_view ow) const {
    return hash == o.hash && a == o.a && b == o.b && (w.size() <= 16 || w == ow);
  }
};

// Stopword -> language bits, in a small open-addressing table: it is probed for every word token of every
// post. A bitmap of 16K bits (2 KB, stays in L1) answers first: most words of a post are no stopword and
// are turned away there, without touching the table, whose probes were mostly cache misses.
class StopTable {
 public:
  StopTable() {
    for (const auto& [bit, words] : kLists) {
      std::string_view all(words);
      while (!all.empty()) {
        auto sp = all.find(' ');
        auto w = all.substr(0, sp);
        if (!w.empty()) {
          if (w.size() > 16) throw std::logic_error("stopword over 16 bytes: " + std::string(w));
          const WordKey k(w);
          const std::size_t s = probe(k, w.size());
          keys_[s] = {k.a, k.b};
          meta_[s] = static_cast<std::uint16_t>(w.size() | ((meta_[s] >> 8 | bit) << 8));
          max_word_ = std::max(max_word_, w.size());
          filter_[(k.hash >> 6) & (kFilterWords - 1)] |= 1ull << (k.hash & 63);
        }
        all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
      }
    }
  }
  // Language bits of `w`, 0 when it is no stopword; `k` is WordKey(w).
  unsigned bits(std::string_view w, const WordKey& k) const {
    if (w.size() > max_word_) return 0;  // longer than any listed word (all are at most 16 bytes)
    if (!((filter_[(k.hash >> 6) & (kFilterWords - 1)] >> (k.hash & 63)) & 1)) return 0;
    return meta_[probe(k, w.size())] >> 8;
  }

 private:
  // ~550 words in 1024 slots; the probe reads the 2-byte `meta_` (length, language bits; 0 = empty) and
  // compares the 16 key bytes only when the length agrees. Everything a lookup touches is ~20 KB.
  static constexpr std::size_t kSlots = 1024;
  static constexpr std::size_t kFilterWords = 256;  // 16K bits
  struct Key { std::uint64_t a = 0, b = 0; };
  std::size_t probe(const WordKey& k, std::size_t len) const {
    std::size_t s = (k.hash >> 14) & (kSlots - 1);
    while (meta_[s] != 0 && !((meta_[s] & 0xFF) == len && keys_[s].a == k.a && keys_[s].b == k.b))
      s = (s + 1) & (kSlots - 1);
    return s;
  }
  std::uint64_t filter_[kFilterWords] = {};
  std::uint16_t meta_[kSlots] = {};
  Key keys_[kSlots];
  std::size_t max_word_ = 0;
};

const StopTable& stopwords() {
  static const StopTable t;
  return t;
}

unsigned language_mask(std::string_view language) {
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

std::vector<std::string> key_phrases(const Tokenized& t, std::string_view language, std::size_t max_phrases) {
  const unsigned mask = language_mask(language);
  const StopTable& stops = stopwords();
  // Per-thread scratch, cleared per call: the extraction allocates nothing but its result after warm-up.
  // Words are numbered by distinct norm (a post has a few dozen words at most, so a linear search over
  // their keys beats a hash table), which makes RAKE's statistics array look-ups and phrase comparison
  // integer compares.
  struct Phrase { std::uint32_t first, count; bool hashtag; double score; std::uint64_t sig; };
  struct WordStat { std::string_view word; WordKey key; double freq, degree, ratio; };
  thread_local std::vector<std::uint32_t> words;  // word ids, in text order
  thread_local std::vector<Phrase> phrases;
  thread_local std::vector<WordStat> wstat;
  thread_local std::vector<std::uint32_t> slots;  // open addressing over word ids + 1 (0 = empty)
  thread_local std::vector<std::uint32_t> order;
  words.clear();
  phrases.clear();
  wstat.clear();
  // At most one slot in two used: a probe usually ends on its first slot, found or empty, where a linear
  // search over the words seen so far ended after a data-dependent number of steps.
  std::size_t table = 64;
  while (table < 2 * t.tokens.size()) table *= 2;
  slots.assign(table, 0);
  const std::size_t slot_mask = table - 1;
  auto id_of = [&](std::string_view w, const WordKey& k) __attribute__((always_inline)) -> std::uint32_t {
    std::size_t s = k.hash & slot_mask;
    for (; slots[s] != 0; s = (s + 1) & slot_mask) {
      const WordStat& ws = wstat[slots[s] - 1];
      if (ws.key.hash == k.hash && ws.word.size() == w.size() && k.same(ws.key, w, ws.word)) return slots[s] - 1;
    }
    wstat.push_back({w, k, 0, 0, 0});
    slots[s] = static_cast<std::uint32_t>(wstat.size());
    return static_cast<std::uint32_t>(wstat.size() - 1);
  };
  // Candidate phrases as ranges of word ids; hashtags separately.
  std::size_t run_start = 0, run_len = 0;
  auto close_run = [&] {
    if (run_len)
      phrases.push_back({static_cast<std::uint32_t>(run_start),
                         static_cast<std::uint32_t>(std::min(run_len, kMaxPhraseWords)), false, 0, 0});
    run_len = 0;
  };
  for (const auto& tok : t.tokens) {
    if (tok.kind == TokenKind::hashtag && !tok.norm.empty()) {
      close_run();
      words.push_back(id_of(tok.norm, WordKey(tok.norm)));
      phrases.push_back({static_cast<std::uint32_t>(words.size() - 1), 1, true, 0, 0});
      continue;
    }
    if (tok.kind != TokenKind::word || tok.norm.size() <= 1) { close_run(); continue; }
    const WordKey k(tok.norm);
    if (stops.bits(tok.norm, k) & mask) { close_run(); continue; }
    if (!run_len) run_start = words.size();
    words.push_back(id_of(tok.norm, k));
    ++run_len;
  }
  close_run();
  if (phrases.empty()) return {};

  // RAKE word scores: frequency and degree (co-occurrences inside phrases, itself included), and their
  // ratio, divided once per word rather than once per use.
  for (const auto& p : phrases)
    for (std::uint32_t i = 0; i < p.count; ++i) {
      WordStat& s = wstat[words[p.first + i]];
      s.freq += 1;
      s.degree += static_cast<double>(p.count);
    }
  for (WordStat& s : wstat)
    if (s.freq > 0) s.ratio = s.degree / s.freq;
  // Phrase scores; a repeated phrase (same words, same hashtag-ness, hence the same text) is listed once,
  // at its first position.
  // With fewer than 2^15 distinct words a phrase packs into one integer (up to four 15-bit ids, its length
  // and hashtag-ness), so the repeat check is one compare per earlier phrase.
  const bool packed = wstat.size() < (1u << 15);
  order.clear();
  for (std::uint32_t k = 0; k < phrases.size(); ++k) {
    Phrase& p = phrases[k];
    bool repeated = false;
    if (packed) {
      std::uint64_t sig = p.count | (p.hashtag ? 8u : 0u);
      for (std::uint32_t i = 0; i < p.count; ++i) sig |= static_cast<std::uint64_t>(words[p.first + i]) << (4 + 15 * i);
      p.sig = sig;
      for (std::uint32_t o : order) repeated |= phrases[o].sig == sig;
    } else {
      for (std::uint32_t o : order) {
        const Phrase& q = phrases[o];
        if (q.count == p.count && q.hashtag == p.hashtag &&
            std::equal(words.begin() + q.first, words.begin() + q.first + q.count, words.begin() + p.first)) {
          repeated = true;
          break;
        }
      }
    }
    if (repeated) continue;
    double score = 0;
    for (std::uint32_t i = 0; i < p.count; ++i) score += wstat[words[p.first + i]].ratio;
    p.score = score;
    order.push_back(k);
  }
  // Best first, ties in text order: a stable insertion sort, since a post has a handful of phrases and
  // std::stable_sort allocates a temporary buffer on every call.
  for (std::size_t k = 1; k < order.size(); ++k) {
    const std::uint32_t cur = order[k];
    std::size_t j = k;
    while (j > 0 && phrases[order[j - 1]].score < phrases[cur].score) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = cur;
  }
  // Only the phrases returned are turned into strings, each allocated once at its final size.
  std::vector<std::string> out;
  out.reserve(std::min(max_phrases, order.size()));
  for (std::uint32_t k : order) {
    if (out.size() == max_phrases) break;
    const Phrase& p = phrases[k];
    std::size_t size = p.hashtag ? 1 : 0;
    for (std::uint32_t i = 0; i < p.count; ++i) size += (i ? 1 : 0) + wstat[words[p.first + i]].word.size();
    std::string& text = out.emplace_back();
    text.reserve(size);
    if (p.hashtag) text.push_back('#');
    for (std::uint32_t i = 0; i < p.count; ++i) {
      if (i) text.push_back(' ');
      text.append(wstat[words[p.first + i]].word);
    }
  }
  return out;
}

}  // namespace parley::text
