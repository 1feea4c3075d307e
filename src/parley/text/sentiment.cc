// VADER (Hutto & Gilbert, ICWSM 2014), implemented from the paper's description of its rules:
//   valence = lexicon mean rating of each word (-4..+4), then
//   - a booster/dampener within the 3 preceding words adds +-0.293 (0.95x at distance 2, 0.9x at 3);
//   - ALL-CAPS words (when the text mixes case) add +-0.733, to the word or to its booster;
//   - a negation within the 3 preceding words multiplies by -0.74 ("never so/this" intensifies instead);
//   - "least" negates unless "at least"/"very least"; "no" before a sentiment word negates it;
//   - "but": words before count half, words after 1.5x;
//   - '!' adds 0.292 each (up to 4) and 2-3 '?' add 0.18 each (0.96 for more), away from zero;
//   - compound = sum / sqrt(sum^2 + 15); pos/neu/neg are the shares of (|valence| + 1) and neutral words.
// parley's departures (SentimentOptions) are documented in docs/sentiment.md with their dev-set figures.
#include "parley/text/sentiment.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "parley/core/data_dir.h"
#include "parley/text/fnv1a.h"
#include "parley/text/sentiment_emoji_valence.h"
#include "parley/text/sentiment_model_learned.h"

namespace parley::text {

namespace {

constexpr double kCapsIncrement = 0.733;
constexpr double kQuestionIncrement = 0.18;
constexpr double kQuestionMax = 0.96;

// Whether w contains "n't" or "n’t". One pass over the bytes instead of two substring searches: it runs
// on every word, and the apostrophe (or the lead byte of U+2019) is rare, so most words cost a short loop.
bool contains_nt(std::string_view w) {
  const std::size_t n = w.size();
  for (std::size_t k = 1; k + 1 < n; ++k) {
    const char c = w[k];
    if (c == '\'') {
      if (w[k - 1] == 'n' && w[k + 1] == 't') return true;
    } else if (c == '\xE2') {
      if (w[k - 1] == 'n' && k + 3 < n && w[k + 1] == '\x80' && w[k + 2] == '\x99' && w[k + 3] == 't') return true;
    }
  }
  return false;
}

enum ItemKind : std::uint8_t { kWord, kEmoticon, kEmoji, kOpaque };

struct Item {
  const LexEntry* e = nullptr;
  // Copies of e->flags and e->booster (0 when e is null), so the context rules in step 2 read the items
  // array alone instead of following a pointer into the lexicon for every neighbour they look at.
  std::uint16_t flags = 0;
  float booster = 0;
  float valence = 0;        // lexical valence (0 = none)
  bool has_valence = false;
  bool caps = false;
  bool elongated = false;
  bool clause_start = false;  // punctuation or "but" right before: negation scope stops here
  bool negator = false;
  std::uint8_t kind = kWord;
  std::uint32_t sentence = 0;  // index of the sentence (split at . ! ? runs)
};

// A sentiment item's score after step 2 (items without valence score 0 and are not listed).
struct Scored {
  std::uint32_t item;
  bool lexically_positive;  // the item's lexicon valence is > 0
  double v;
};

struct Scratch {
  std::vector<Item> items;
  std::vector<Scored> scored;  // in item order
  std::vector<float> emoji_valences;  // of the emoji and emoticon items, in item order
  std::string lower;  // backing store for split hashtag words
  std::string key;    // n-gram probe
  std::vector<std::string_view> keys;  // per token: its norm when it is looked up, else empty
  std::vector<std::uint64_t> fnv;        // per token: Lexicon::key_fnv(keys[i])
  std::vector<const LexEntry*> entries;  // per token: its lexicon entry (Lexicon::find_all)
};

// Per thread: the rules keep their scratch (items, look-up keys and hashes) here between posts.
thread_local Scratch t_scratch;

// The token kinds whose norm step 1 looks up in the lexicon (mentions, URLs and e-mails only when
// skip_mentions is off, which looks them up itself).
constexpr unsigned kLookedUpKinds = 1u << static_cast<unsigned>(TokenKind::word) |
                                    1u << static_cast<unsigned>(TokenKind::number) |
                                    1u << static_cast<unsigned>(TokenKind::hashtag) |
                                    1u << static_cast<unsigned>(TokenKind::emoticon);

// Where the next byte that can start an apostrophe ('\'' or the lead byte of U+2019) is in `text` at or
// after `from`; text.size() if none.
std::size_t next_apostrophe(std::string_view text, std::size_t from) {
  if (from >= text.size()) return text.size();
  const char* p = text.data() + from;
  const std::size_t n = text.size() - from;
  const void* a = std::memchr(p, '\'', n);
  const void* b = std::memchr(p, '\xE2', a ? static_cast<std::size_t>(static_cast<const char*>(a) - p) : n);
  const void* first = b ? b : a;
  return first ? static_cast<std::size_t>(static_cast<const char*>(first) - text.data()) : text.size();
}

// SentimentModel::id_: from 1 (0 marks an empty emoji cache entry).
std::uint64_t next_model_id() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::string read_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  if (in) ss << in.rdbuf();
  if (ok) *ok = static_cast<bool>(in);
  return ss.str();
}

}  // namespace

// Chosen by choose_cuts() on the VADER tweets dev half (gold neutral = |mean rating| < 0.5): the grid
// maximum was VADER's own +-0.05 (macro recall 0.709; +-0.15 gave 0.707, +-0.40 0.691), so it is kept.
ThreeClassCuts broad_neutral_cuts() { return {-0.05, 0.05}; }

SentimentClass classify(double compound, ThreeClassCuts cuts) {
  if (compound >= cuts.positive) return SentimentClass::positive;
  if (compound <= cuts.negative) return SentimentClass::negative;
  return SentimentClass::neutral;
}

SentimentModel::SentimentModel(std::string_view vader_lexicon, std::string_view emoji_lexicon, SentimentOptions opts)
    : opts_(opts), id_(next_model_id()) {
  for (std::size_t k = 0; k < kCountDampTable; ++k)
    count_damp_[k] = std::pow(static_cast<double>(k), opts_.count_power);
  if (lex_.load_vader(vader_lexicon) == 0) return;
  lex_.add_rule_words();
  emoji_.load(emoji_lexicon, lex_);
}

SentimentModel::~SentimentModel() = default;
SentimentModel::SentimentModel(SentimentModel&& o) noexcept
    : lex_(std::move(o.lex_)),
      emoji_(std::move(o.emoji_)),
      opts_(o.opts_),
      learned_(std::move(o.learned_)),
      id_(next_model_id()) {
  std::copy(std::begin(o.count_damp_), std::end(o.count_damp_), count_damp_);
  o.id_ = next_model_id();
}
SentimentModel& SentimentModel::operator=(SentimentModel&& o) noexcept {
  lex_ = std::move(o.lex_);
  emoji_ = std::move(o.emoji_);
  opts_ = o.opts_;
  std::copy(std::begin(o.count_damp_), std::end(o.count_damp_), count_damp_);
  learned_ = std::move(o.learned_);
  id_ = next_model_id();
  o.id_ = next_model_id();
  return *this;
}

float SentimentModel::emoji_valence_uncached(std::string_view raw) const {
  // Only the base emoji plus VS16 / skin tone, not a longer ZWJ sequence starting with it.
  if (const float* hand = hand_emoji_valence(raw)) return *hand;
  // Sum of the description's word valences, kept on the lexicon's scale.
  float v = 0;
  for (const auto& w : emoji_.find(raw))
    if (w.entry && (w.entry->flags & kLexValence)) v += w.entry->valence;
  return std::clamp(v, -3.5f, 3.5f);
}

float SentimentModel::emoji_valence(std::string_view raw) const {
  // Posts draw their emoji from a small set, and finding one's valence (a binary search, then a hash map
  // of the descriptions with a retry without VS16 / skin tones, then the description words) cost about as
  // much as the rest of an emoji item: a direct-mapped cache per thread of (model, bytes) -> valence.
  struct Entry {
    std::uint64_t model = 0;  // 0: empty (model ids start at 1)
    std::uint64_t w[3] = {};  // the bytes, zero-padded
    std::uint32_t len = 0;
    float valence = 0;
  };
  thread_local Entry cache[256];
  if (raw.size() > sizeof Entry::w) return emoji_valence_uncached(raw);
  std::uint64_t w[3] = {};
  std::memcpy(w, raw.data(), raw.size());
  const std::uint64_t h = (w[0] ^ (w[1] * 0x9E3779B97F4A7C15ULL) ^ (w[2] * 0xC2B2AE3D27D4EB4FULL) ^ raw.size()) *
                          0xff51afd7ed558ccdULL;
  Entry& e = cache[h >> 56];
  if (e.model == id_ && e.len == raw.size() && e.w[0] == w[0] && e.w[1] == w[1] && e.w[2] == w[2]) return e.valence;
  e.valence = emoji_valence_uncached(raw);
  e.model = id_;
  e.len = static_cast<std::uint32_t>(raw.size());
  std::copy(std::begin(w), std::end(w), e.w);
  return e.valence;
}

std::unique_ptr<SentimentModel> SentimentModel::from_dir(const std::string& dir, SentimentOptions opts,
                                                         const std::string& learned_model) {
  bool ok = false;
  std::string lex = read_file(dir + "/vader_lexicon.txt", &ok);
  if (!ok) return nullptr;
  std::string emo = read_file(dir + "/emoji_utf8_lexicon.txt", nullptr);
  auto m = std::make_unique<SentimentModel>(lex, emo, opts);
  if (!learned_model.empty()) m->attach_learned(learned_model);
  return m;
}

bool SentimentModel::attach_learned(const std::string& path) {
  auto l = LearnedSentiment::load(path);
  if (!l) return false;
  learned_ = std::move(l);
  return true;
}

const SentimentModel& SentimentModel::instance() {
  static const std::unique_ptr<SentimentModel> model = [] {
    auto m = from_dir(parley::data_path("lexicons"), {}, parley::data_path("models/sentiment.model"));
    return m ? std::move(m) : std::make_unique<SentimentModel>("", "");
  }();
  return *model;
}

Sentiment SentimentModel::analyze(const Tokenized& tk) const {
  if (!opts_.learned || !learned_) return analyze_rules(tk);
  SentimentRuleStats stats;
  // The rules hash every word's norm for the lexicon with the learned layer's word seed: the learned layer
  // takes those hashes (in prepare(), called from inside the rules) instead of hashing the words again.
  static_assert(Lexicon::kKeySeed == kSentimentWordSeed);
  Sentiment r = rules(tk, &stats, learned_.get());
  return learned_->finish(r, stats);
}

Sentiment analyze_sentiment(const Tokenized& tokens) { return SentimentModel::instance().analyze(tokens); }

double SentimentModel::count_damp(int k) const {
  // std::pow for the counts posts have, from a table filled with std::pow itself (the same values); a post
  // with more sentiment items than that calls it.
  return k < static_cast<int>(kCountDampTable) ? count_damp_[k] : std::pow(static_cast<double>(k), opts_.count_power);
}

Sentiment SentimentModel::analyze_rules(const Tokenized& tk, SentimentRuleStats* stats) const {
  return rules(tk, stats, nullptr);
}

Sentiment SentimentModel::rules(const Tokenized& tk, SentimentRuleStats* stats, const LearnedSentiment* learned) const {
  Scratch& scratch = t_scratch;
  auto& items = scratch.items;
  auto& scored = scratch.scored;
  items.clear();
  scored.clear();
  scratch.emoji_valences.clear();
  scratch.lower.clear();
  scratch.lower.reserve(tk.text.size() + 16);  // never reallocates below: views into it stay valid

  // 1. Tokens -> scoring items: words (with multi-word entries merged), emoticons, emoji (as their
  //    description words, or one item with a direct valence), and punctuation counts.
  int exclaims = 0, questions = 0;
  bool pending_clause = false;
  std::uint32_t sentence = 0;
  thread_local std::vector<char> sentence_is_question;
  sentence_is_question.assign(1, 0);
  int caps_words = 0, word_items = 0;
  // A token's norm can contain "n't" only if its bytes in the text hold an apostrophe: the tokenizer copies
  // '\'' and U+2019 into the norm from the text and makes neither from anything else. So contains_nt() (a
  // loop over the bytes that mispredicts its exit on most words) runs only for the tokens whose range holds
  // one; most posts have none. `apos` is the next such byte at or after the current token. A word that is
  // not a token's own norm (`t` null: hashtag parts, emoji description words) is always checked.
  std::size_t apos = next_apostrophe(tk.text, 0);
  auto may_have_nt = [&](const Token* t) {
    if (!t) return true;
    if (apos < t->begin) apos = next_apostrophe(tk.text, t->begin);
    return apos < t->end;
  };
  // `known`, when not null, is the lexicon entry of `norm` already looked up by the caller (possibly null
  // for "not in the lexicon"), so a word is hashed and probed once; `from` is the token whose norm it is.
  auto add_word = [&](std::string_view norm, bool caps, bool elong, std::uint8_t kind,
                      const LexEntry* const* known = nullptr, const Token* from = nullptr)
      __attribute__((always_inline)) -> Item& {
    Item& it = items.emplace_back();
    it.kind = kind;
    it.caps = caps;
    it.elongated = elong;
    it.clause_start = pending_clause;
    it.sentence = sentence;
    pending_clause = false;
    it.sentence = sentence;
    it.e = known ? *known : lex_.find(norm);
    if (!it.e && elong) {
      // Elongations are cut to two letters in norm ("goood" -> "good"); the word may need one ("soo").
      char buf[64];
      std::size_t n = 0;
      for (std::size_t k = 0; k < norm.size() && n < sizeof buf; ++k)
        if (k == 0 || norm[k] != norm[k - 1] || !std::isalpha(static_cast<unsigned char>(norm[k]))) buf[n++] = norm[k];
      it.e = lex_.find(std::string_view(buf, n));
    }
    if (it.e) {
      it.flags = it.e->flags;
      it.booster = it.e->booster;
      it.has_valence = it.e->flags & kLexValence;
      it.valence = it.e->valence;
      it.negator = it.e->flags & kLexNegator;
    }
    if (!it.negator && kind == kWord && may_have_nt(from) && contains_nt(norm)) it.negator = true;
    if (kind == kWord) {
      ++word_items;
      caps_words += caps;
    }
    return it;
  };

  const auto& toks = tk.tokens;
  // The lexicon entries of all the tokens' norms in one batch (Lexicon::find_all), before the loop below
  // whose branches on the token kinds would otherwise sit between the look-ups.
  auto& keys = scratch.keys;
  auto& fnv = scratch.fnv;
  auto& ents = scratch.entries;
  keys.resize(toks.size());
  fnv.resize(toks.size());
  ents.resize(toks.size());
  for (std::size_t ti = 0; ti < toks.size(); ++ti) {
    const Token& t = toks[ti];
    // An empty key for the other kinds, made with a mask rather than a (mispredicted) branch.
    const std::size_t look = (kLookedUpKinds >> static_cast<unsigned>(t.kind)) & 1;
    const std::size_t len = t.norm.size() & (0 - look);
    keys[ti] = std::string_view(t.norm.data(), len);
    fnv[ti] = fnv1a_prefix(t.norm, len, Lexicon::kKeySeed);
  }
  // The learned layer's features are hashed here and its index lines start loading, so that their cache
  // misses overlap the rules.
  if (learned) learned->prepare(tk, fnv.data());
  lex_.find_all(keys.data(), fnv.data(), toks.size(), ents.data());

  for (std::size_t ti = 0; ti < toks.size(); ++ti) {
    const Token& t = toks[ti];
    switch (t.kind) {
      case TokenKind::punct: {
        char c = t.norm.empty() ? 0 : t.norm[0];
        if (c == '!') exclaims += static_cast<int>(t.norm.size());
        else if (c == '?') questions += static_cast<int>(t.norm.size());
        if (c == '?' ) sentence_is_question[sentence] = 1;
        if (c == '.' || c == '!' || c == '?') {
          ++sentence;
          sentence_is_question.push_back(0);
        }
        if (c != '\'' && c != '"' && c != '#' && c != '@' && c != '&' && c != '*' && c != '-') pending_clause = true;
        break;
      }
      case TokenKind::word:
      case TokenKind::number: {
        // VADER drops one-character tokens ("a", "I", "2").
        if (!opts_.single_letters && t.end - t.begin == 1) break;
        const LexEntry* const e = ents[ti];
        if ((opts_.multiword || opts_.kind_of) && t.kind == TokenKind::word) {
          if (e && (e->flags & kLexMweStart)) {
            // Longest n-gram first (3 then 2 words) over the next word tokens.
            const LexEntry* hit = nullptr;
            std::size_t used = 0;
            std::string& key = scratch.key;  // reused buffer: no allocation per n-gram probe
            key.assign(t.norm);
            std::uint64_t key_fnv = fnv[ti];  // FNV-1a continues over the appended bytes
            for (std::size_t k = ti + 1; k < toks.size() && k <= ti + 2; ++k) {
              if (toks[k].kind != TokenKind::word) break;
              key += ' ';
              key += toks[k].norm;
              key_fnv = fnv1a_prefix(toks[k].norm, toks[k].norm.size(), (key_fnv ^ ' ') * kFnv1aPrime);
              const LexEntry* m = lex_.find_hashed(key, key_fnv);
              if (m && (m->flags & kLexMwe) && ((m->flags & kLexBooster) ? opts_.kind_of : opts_.multiword)) {
                hit = m;
                used = k - ti;
              }
            }
            if (hit) {
              Item& it = items.emplace_back();
              it.kind = kWord;
              it.e = hit;
              it.flags = hit->flags;
              it.booster = hit->booster;
              it.has_valence = hit->flags & kLexValence;
              it.valence = hit->valence;
              it.clause_start = pending_clause;
              it.sentence = sentence;
              pending_clause = false;
              ++word_items;
              ti += used;
              break;
            }
          }
        }
        Item& it = add_word(t.norm, t.all_caps, t.elongated, kWord, &e, &t);
        // VADER: "kind" in "kind of" is not the adjective.
        if (!opts_.kind_of && t.norm == "kind" && ti + 1 < toks.size() && toks[ti + 1].norm == "of") {
          it.has_valence = false;
          it.valence = 0;
        }
        break;
      }
      case TokenKind::hashtag: {
        if (opts_.hashtag_split && !ents[ti]) {
          // "#EpicFail" / "#epic_fail" -> "epic", "fail": split ASCII camel case and underscores.
          std::string_view raw = tk.raw(t).substr(1);
          std::size_t start = scratch.lower.size();
          std::vector<std::pair<std::size_t, std::size_t>> parts;
          bool ascii = true;
          for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
          if (ascii) {
            std::size_t b = 0;
            for (std::size_t k = 1; k <= raw.size(); ++k) {
              bool cut = k == raw.size() || raw[k] == '_' ||
                         (std::isupper(static_cast<unsigned char>(raw[k])) &&
                          std::islower(static_cast<unsigned char>(raw[k - 1])));
              if (!cut) continue;
              if (k > b) {
                std::size_t off = scratch.lower.size();
                for (std::size_t q = b; q < k; ++q)
                  if (raw[q] != '_') scratch.lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(raw[q]))));
                if (scratch.lower.size() > off) parts.emplace_back(off, scratch.lower.size() - off);
              }
              b = k;
            }
          }
          if (parts.size() > 1) {
            for (auto [off, len] : parts) {
              if (len < 2) continue;
              add_word(std::string_view(scratch.lower).substr(off, len), false, false, kWord);
            }
            break;
          }
          scratch.lower.resize(start);
        }
        add_word(t.norm, t.all_caps, t.elongated, kWord, &ents[ti], &t);
        break;
      }
      case TokenKind::mention:
      case TokenKind::url:
      case TokenKind::email:
        if (opts_.skip_mentions) {
          Item& it = items.emplace_back();
          it.kind = kOpaque;
          it.clause_start = pending_clause;
          it.sentence = sentence;
          pending_clause = false;
        } else {
          add_word(t.norm, t.all_caps, false, kWord);
        }
        break;
      case TokenKind::emoticon: {
        Item& it = add_word(t.norm, false, false, kEmoticon, &ents[ti]);
        if (!it.e) {
          // ":D" and ":d" are both listed, but not every face in both cases.
          std::string low = t.norm;
          for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if ((it.e = lex_.find(low))) {
            it.flags = it.e->flags;
            it.booster = it.e->booster;
            it.has_valence = it.e->flags & kLexValence;
            it.valence = it.e->valence;
          }
        }
        break;
      }
      case TokenKind::emoji: {
        if (opts_.emoji_direct) {
          Item& it = items.emplace_back();
          it.kind = kEmoji;
          it.clause_start = pending_clause;
          it.sentence = sentence;
          pending_clause = false;
          it.valence = emoji_valence(tk.raw(t));
          it.has_valence = it.valence != 0;
          break;
        }
        for (const auto& w : emoji_.find(tk.raw(t))) add_word(w.text, false, false, kWord);
        break;
      }
    }
  }

  // The learned layer's index lines (prefetched above) have had step 1 to arrive: find its rows now, which
  // starts loading them for the rest of the rules.
  if (learned) learned->load_rows();

  // 2. Per-item valence with VADER's context rules.
  const bool cap_diff = caps_words > 0 && caps_words < word_items;
  const double nscalar = opts_.neg_scalar;
  const std::size_t n = items.size();
  auto flag = [&](std::size_t k, std::uint16_t f) { return (items[k].flags & f) != 0; };
  auto in_lex = [&](std::size_t k) { return items[k].has_valence; };
  std::size_t clause_begin = 0;
  std::ptrdiff_t last_negator = -1;  // most recent negator in the current clause
  std::ptrdiff_t but_at = -1;
  // Only the items with a valence get a score; every other item scores 0. Steps 3 and 4 then visit the
  // scored items alone (a few per post) instead of every item: skipping an item whose score is +-0 changes
  // no sum (each sum starts at +0 and can never become -0, so adding +-0 leaves it as it is), and +-0 counts
  // as neutral either way.
  int negators = 0, opaque_items = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Item& it = items[i];
    negators += it.negator;
    opaque_items += it.kind == kOpaque;
    if (it.kind == kEmoji || it.kind == kEmoticon) scratch.emoji_valences.push_back(it.valence);
    if (it.clause_start) {
      clause_begin = i;
      last_negator = -1;
    }
    if (but_at < 0 && flag(i, kLexBut)) but_at = static_cast<std::ptrdiff_t>(i);
    if (opts_.negation_to_clause && flag(i, kLexBut)) {
      clause_begin = i;
      last_negator = -1;
    }
    if (it.flags & kLexBooster) {
      continue;  // boosters modify the next words; they carry no valence of their own
    }
    if (!it.has_valence) {
      if (it.negator) last_negator = static_cast<std::ptrdiff_t>(i);
      continue;
    }
    double v = it.valence;
    bool negated = false;
    // "no" followed by a sentiment word is a negation, not the lexicon's -1.2.
    if (flag(i, kLexNo) && i + 1 < n && in_lex(i + 1)) {
      v = 0;
    }
    if ((i > 0 && flag(i - 1, kLexNo)) || (i > 1 && flag(i - 2, kLexNo)) ||
        (i > 2 && flag(i - 3, kLexNo) && flag(i - 1, kLexOrNor))) {
      v *= nscalar;
      negated = true;
    }
    if (it.caps && cap_diff) v += v > 0 ? kCapsIncrement : -kCapsIncrement;
    if (opts_.elongation && it.elongated && it.kind == kWord) v += v > 0 ? kCapsIncrement / 2 : -kCapsIncrement / 2;

    for (std::size_t d = 1; d <= 3 && d <= i; ++d) {
      const Item& p = items[i - d];
      if (opts_.window_in_sentence && p.sentence != it.sentence) break;
      if (in_lex(i - d)) {
        if (opts_.negation_blocked) break;
        continue;
      }
      // Booster at distance d, scaled down with distance.
      if (p.flags & kLexBooster) {
        double s = p.booster;
        if (v < 0) s = -s;
        if (p.caps && cap_diff) s += v > 0 ? kCapsIncrement : -kCapsIncrement;
        if (d == 2) s *= 0.95;
        if (d == 3) s *= 0.9;
        v += s;
      }
      // Negation at distance d.
      if (d == 1) {
        if (p.negator) {
          v *= nscalar;
          negated = true;
        }
      } else {
        bool never_so = flag(i - d, kLexNever) &&
                        (flag(i - d + 1, kLexSoThis) || (d == 3 && flag(i - 1, kLexSoThis)));
        bool without_doubt = flag(i - d, kLexWithout) &&
                             (flag(i - d + 1, kLexDoubt) || (d == 3 && flag(i - 1, kLexDoubt)));
        if (never_so) {
          v *= 1.25;  // "never so good": emphasis
        } else if (without_doubt) {
          // not a negation
        } else if (p.negator) {
          v *= nscalar;
          negated = true;
        }
      }
    }
    // "least": "least good" negates, "at least good" / "very least" do not.
    if (i > 0 && flag(i - 1, kLexLeast) && !in_lex(i - 1)) {
      if (!(i > 1 && flag(i - 2, kLexAtVery))) v *= nscalar, negated = true;
    }
    // parley: a negator earlier in the same clause, beyond VADER's 3-word window ("I don't think this
    // phone is good").
    if (opts_.negation_to_clause && !negated && last_negator >= static_cast<std::ptrdiff_t>(clause_begin) &&
        static_cast<std::ptrdiff_t>(i) - last_negator > 3) {
      v *= nscalar;
    }
    if (it.negator) last_negator = static_cast<std::ptrdiff_t>(i);
    scored.push_back({static_cast<std::uint32_t>(i), it.valence > 0, v});
  }

  if (opts_.question_damp != 1.0)
    for (Scored& sc : scored)
      if (items[sc.item].sentence < sentence_is_question.size() && sentence_is_question[items[sc.item].sentence])
        sc.v *= opts_.question_damp;

  // 3. "but": what follows counts more than what precedes.
  if (but_at >= 0) {
    for (Scored& sc : scored) {
      if (static_cast<std::ptrdiff_t>(sc.item) < but_at) sc.v *= 0.5;
      else if (static_cast<std::ptrdiff_t>(sc.item) > but_at) sc.v *= 1.5;
    }
  }

  // 4. Sum, punctuation emphasis, normalisation, proportions. Every item scoring +-0 is neutral, except
  //    @names and URLs when they are skipped.
  double sum = 0, pos = 0, neg = 0;
  int nonzero = 0;
  for (const Scored& sc : scored) {
    const double s = sc.v;
    sum += s;
    if (s > 0) pos += s + 1;
    else if (s < 0) neg += s - 1;
    nonzero += s != 0;
  }
  const int neu = static_cast<int>(n) - (opts_.skip_mentions ? opaque_items : 0) - nonzero;
  if (opts_.count_power > 0 && nonzero > 1) sum /= count_damp(nonzero);
  double amp = std::min(exclaims, 4) * opts_.exclaim;
  if (questions > 1) amp += questions <= 3 ? questions * kQuestionIncrement : kQuestionMax;

  Sentiment r;
  if (sum != 0) {
    if (sum > 0) sum += amp;
    else sum -= amp;
    r.compound = std::clamp(sum / std::sqrt(sum * sum + opts_.alpha), -1.0, 1.0);
    if (pos > std::fabs(neg)) pos += amp;
    else if (pos < std::fabs(neg)) neg -= amp;
    double total = pos + std::fabs(neg) + neu;
    r.pos = std::fabs(pos / total);
    r.neg = std::fabs(neg / total);
    r.neu = std::fabs(neu / total);
  }
  r.label = classify(r.compound, ThreeClassCuts{});
  if (stats) {
    stats->exclaims = exclaims;
    stats->questions = questions;
    stats->words = word_items;
    stats->caps_words = caps_words;
    stats->negators += negators;
    for (const Scored& sc : scored) {
      stats->pos_items += sc.v > 0;
      stats->neg_items += sc.v < 0;
      // Sign differs from the lexical valence: a negator (or "least"/"no") turned it round.
      stats->negated += sc.v != 0 && (sc.v > 0) != sc.lexically_positive;
    }
    for (float v : scratch.emoji_valences) stats->emoji_valence += v;
  }
  return r;
}

}  // namespace parley::text
