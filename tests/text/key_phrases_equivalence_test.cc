// key_phrases() against the implementation it replaced (kept here, unchanged, as the reference): the same
// phrases in the same order on generated posts in several languages, through the real tokenizer, with
// repeated words and phrases, hashtags, long runs, non-ASCII and long words.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "parley/text/key_phrases.h"
#include "parley/text/lexicon.h"
#include "parley/text/tokenizer.h"

namespace parley::text {
namespace {

// ---- The previous implementation, verbatim. ----

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

// Stopword -> language bits, in a small open-addressing table: it is probed for every word token of every
// post, and std::unordered_map<std::string_view, ...> spent more time hashing and chasing nodes than the
// rest of the extraction.
class StopTable {
 public:
  StopTable() {
    for (const auto& [bit, words] : kLists) {
      std::string_view all(words);
      while (!all.empty()) {
        auto sp = all.find(' ');
        auto w = all.substr(0, sp);
        if (!w.empty()) {
          Slot& s = slots_[probe(w, hash(w))];
          s.word = w;
          s.hash = hash(w);
          s.bits |= bit;
          max_word_ = std::max(max_word_, w.size());
        }
        all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
      }
    }
  }
  // Language bits of `w`, 0 when it is no stopword; `h` is hash(w).
  unsigned bits(std::string_view w, std::uint32_t h) const {
    if (w.size() > max_word_) return 0;  // longer than any listed word
    return slots_[probe(w, h)].bits;
  }
  // The lexicon's word hash: eight bytes per step, where FNV took one multiply per byte.
  static std::uint32_t hash(std::string_view w) { return static_cast<std::uint32_t>(lex_hash(w)); }

 private:
  static constexpr std::size_t kSlots = 2048;  // ~550 words: under 30% full, so probes are short
  struct Slot {
    std::string_view word;
    std::uint32_t hash = 0;  // compared first: most probes are for content words, which miss
    unsigned bits = 0;
  };
  std::size_t probe(std::string_view w, std::uint32_t h) const {
    std::size_t s = h & (kSlots - 1);
    while (!slots_[s].word.empty() && !(slots_[s].hash == h && slots_[s].word == w)) s = (s + 1) & (kSlots - 1);
    return s;
  }
  Slot slots_[kSlots];
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


std::vector<std::string> reference_key_phrases(const Tokenized& t, std::string_view language, std::size_t max_phrases) {
  const unsigned mask = language_mask(language);
  const StopTable& stops = stopwords();
  // Per-thread scratch, cleared per call: the extraction allocates nothing but its result after warm-up.
  // Words are numbered by distinct norm (a post has a few dozen words at most, so a linear search over
  // their hashes beats a hash table), which makes RAKE's statistics array look-ups and phrase comparison
  // integer compares.
  struct Phrase { std::uint32_t first, count; bool hashtag; double score; };
  struct WordStat { std::string_view word; std::uint32_t hash; double freq, degree; };
  thread_local std::vector<std::uint32_t> words;  // word ids, in text order
  thread_local std::vector<Phrase> phrases;
  thread_local std::vector<WordStat> wstat;
  thread_local std::vector<std::uint32_t> order;
  words.clear();
  phrases.clear();
  wstat.clear();
  auto id_of = [&](std::string_view w, std::uint32_t h) -> std::uint32_t {
    for (std::size_t k = 0; k < wstat.size(); ++k)
      if (wstat[k].hash == h && wstat[k].word == w) return static_cast<std::uint32_t>(k);
    wstat.push_back({w, h, 0, 0});
    return static_cast<std::uint32_t>(wstat.size() - 1);
  };
  // Candidate phrases as ranges of word ids; hashtags separately.
  std::size_t run_start = 0, run_len = 0;
  auto close_run = [&] {
    if (run_len)
      phrases.push_back({static_cast<std::uint32_t>(run_start),
                         static_cast<std::uint32_t>(std::min(run_len, kMaxPhraseWords)), false, 0});
    run_len = 0;
  };
  for (const auto& tok : t.tokens) {
    if (tok.kind == TokenKind::hashtag && !tok.norm.empty()) {
      close_run();
      words.push_back(id_of(tok.norm, StopTable::hash(tok.norm)));
      phrases.push_back({static_cast<std::uint32_t>(words.size() - 1), 1, true, 0});
      continue;
    }
    if (tok.kind != TokenKind::word || tok.norm.size() <= 1) { close_run(); continue; }
    const std::uint32_t h = StopTable::hash(tok.norm);
    if (stops.bits(tok.norm, h) & mask) { close_run(); continue; }
    if (!run_len) run_start = words.size();
    words.push_back(id_of(tok.norm, h));
    ++run_len;
  }
  close_run();
  if (phrases.empty()) return {};

  // RAKE word scores: frequency and degree (co-occurrences inside phrases, itself included).
  for (const auto& p : phrases)
    for (std::uint32_t i = 0; i < p.count; ++i) {
      WordStat& s = wstat[words[p.first + i]];
      s.freq += 1;
      s.degree += static_cast<double>(p.count);
    }
  // Phrase scores; a repeated phrase (same words, same hashtag-ness, hence the same text) is listed once,
  // at its first position.
  order.clear();
  for (std::uint32_t k = 0; k < phrases.size(); ++k) {
    Phrase& p = phrases[k];
    bool repeated = false;
    for (std::uint32_t o : order) {
      const Phrase& q = phrases[o];
      if (q.count == p.count && q.hashtag == p.hashtag &&
          std::equal(words.begin() + q.first, words.begin() + q.first + q.count, words.begin() + p.first)) {
        repeated = true;
        break;
      }
    }
    if (repeated) continue;
    double score = 0;
    for (std::uint32_t i = 0; i < p.count; ++i) {
      const WordStat& s = wstat[words[p.first + i]];
      score += s.degree / s.freq;
    }
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
  // Only the phrases returned are turned into strings.
  std::vector<std::string> out;
  out.reserve(std::min(max_phrases, order.size()));
  for (std::uint32_t k : order) {
    if (out.size() == max_phrases) break;
    const Phrase& p = phrases[k];
    std::string& text = out.emplace_back();
    if (p.hashtag) text.push_back('#');
    for (std::uint32_t i = 0; i < p.count; ++i) {
      if (i) text.push_back(' ');
      text.append(wstat[words[p.first + i]].word);
    }
  }
  return out;
}


// ---- The comparison. ----

TEST(KeyPhrasesEquivalence, SameAsThePreviousImplementation) {
  const std::vector<std::string> pieces = {
      "the", "The", "a", "and", "of", "to", "is", "not", "please", "thanks", "lol", "rt", "RT", "el", "la", "que",
      "não", "está", "der", "die", "und", "nicht", "le", "les", "très", "aujourd'hui", "c'est", "j'ai",
      "router", "Router", "ROUTER", "internet", "fiber", "Northwind", "N5", "phone", "battery", "broken",
      "dropping", "again", "refund", "service", "Störung", "Verspätung", "fußball", "café", "ÉCOUTEZ",
      "光回線", "😂", "#FiberFriday", "#fail", "#", "@NorthwindCare", "https://x.co/abc", "mail@x.com", "123",
      "4.5", ":)", "!", ",", ".", "?", "x", "I", "supercalifragilisticexpialidocious",
      "internationalisation", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefgh", "abcdefghi", "sooooo",
      "don't", "can't", "i'm", "it's", "Wi-Fi", "e-mail", "déjà", "Ωmega"};
  const std::vector<std::string> langs = {"en", "es", "pt", "de", "fr", "und", "nl", ""};
  std::mt19937 rng(99);
  for (int k = 0; k < 20000; ++k) {
    std::string text;
    const std::size_t words = k < 19000 ? rng() % 40 : 100 + rng() % 300;
    for (std::size_t w = 0; w < words; ++w) {
      text += pieces[rng() % pieces.size()];
      text += rng() % 5 ? " " : (rng() % 2 ? ", " : ". ");
    }
    const Tokenized t = tokenize(text);
    const std::string& lang = langs[rng() % langs.size()];
    for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{1000}})
      ASSERT_EQ(key_phrases(t, lang, max), reference_key_phrases(t, lang, max)) << text;
  }
}

// Hashtags whose norm is also a content word ("#ux" and "ux" share a word id but are different phrases),
// phrases repeated with and without their hashtag, runs of exactly 3-5 words, few distinct words.
TEST(KeyPhrasesEquivalence, HashtagsAndWordsSharingNorms) {
  const std::vector<std::string> pieces = {"ux", "#ux", "#UX", "UX", "fail", "#fail", "fail", "router", "#router",
                                           "the", "and", ",", "!", "😂", "fiber", "fiber", "#Fiber"};
  std::mt19937 rng(7);
  for (int k = 0; k < 20000; ++k) {
    std::string text;
    const std::size_t words = rng() % 30;
    for (std::size_t w = 0; w < words; ++w) {
      text += pieces[rng() % pieces.size()];
      text += " ";
    }
    const Tokenized t = tokenize(text);
    for (std::size_t max : {std::size_t{1}, std::size_t{5}, std::size_t{1000}})
      ASSERT_EQ(key_phrases(t, "en", max), reference_key_phrases(t, "en", max)) << text;
  }
}

// key_phrases() reads a norm of up to 16 bytes as two fixed 8-byte loads from the string's own buffer and
// masks off what lies past its end: norms in heap buffers with leftover bytes after them (a long string
// cut short), in the in-object buffer after a longer short string, and of every length 0 to 20 must give
// the same phrases as fresh copies.
TEST(KeyPhrasesEquivalence, NormBuffersWithLeftoverBytes) {
  const std::vector<std::string> pieces = {"router", "the", "a", "fiber", "down", "abcdefgh", "abcdefghi",
                                           "abcdefghijklmnop", "abcdefghijklmnopq", "störung", "#ux", "ok",
                                           "thanks", "xy", "internationalisation", ",", "x"};
  std::mt19937 rng(31);
  for (int k = 0; k < 5000; ++k) {
    std::string text;
    const std::size_t words = rng() % 30;
    for (std::size_t w = 0; w < words; ++w) {
      text += pieces[rng() % pieces.size()];
      if (rng() % 3 == 0) text += std::string(rng() % 5, "qzj"[rng() % 3]);  // lengths 0..20 in all
      text += " ";
    }
    const Tokenized fresh = tokenize(text);
    Tokenized dirty = fresh;
    for (auto& tok : dirty.tokens) {
      std::string norm = tok.norm;
      if (rng() % 2) {
        tok.norm.assign(40, static_cast<char>(rng()));  // heap buffer full of other bytes
      } else {
        tok.norm.assign(15, static_cast<char>(rng()));  // in-object buffer full of other bytes
      }
      tok.norm.assign(norm);
    }
    for (const char* lang : {"en", "de", "und"})
      ASSERT_EQ(key_phrases(dirty, lang, 1000), key_phrases(fresh, lang, 1000)) << text;
  }
}

TEST(KeyPhrasesEquivalence, StopwordsAgree) {
  for (const auto& [bit, words] : kLists) {
    std::string_view all(words);
    while (!all.empty()) {
      auto sp = all.find(' ');
      auto w = all.substr(0, sp);
      for (const char* lang : {"en", "es", "pt", "de", "fr", "und"})
        EXPECT_EQ(is_stopword(w, lang), (stopwords().bits(w, StopTable::hash(w)) & language_mask(lang)) != 0) << w;
      all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
    }
  }
  for (const char* w : {"router", "", "x", "thee", "aujourd'hu", "aujourd'huii", "abcdefghijklmnopqrstu"})
    EXPECT_FALSE(is_stopword(w, "und")) << w;
}

}  // namespace
}  // namespace parley::text
