#include "parley/text/intent_features.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "parley/text/sentiment.h"

namespace parley::text {

namespace {

// Seeds of the feature families. Arbitrary distinct odd constants.
constexpr std::uint64_t kSeedWord = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kSeedHashtag = 0xc2b2ae3d27d4eb4full;
constexpr std::uint64_t kSeedUni = 0x165667b19e3779f9ull;
constexpr std::uint64_t kSeedBi = 0x27d4eb2f165667c5ull;
constexpr std::uint64_t kSeedStart = 0x85ebca77c2b2ae63ull;
constexpr std::uint64_t kSeedCue = 0xff51afd7ed558ccdull;

constexpr std::size_t kMaxTokens = 256;

// Word classes the cues need. Looked up by the token's hash in a small table built once, so the cue pass
// costs one probe per token instead of dozens of string comparisons.
enum CueBit : std::uint64_t {
  kShould = 1u << 0, kWouldCould = 1u << 1, kNiceAdj = 1u << 2, kPlease = 1u << 3, kRequestVerb = 1u << 4,
  kWish = 1u << 5, kHope = 1u << 6, kYouThey = 1u << 7, kAdvise = 1u << 8, kWhy = 1u << 9, kNotAux = 1u << 10,
  kThanks = 1u << 11, kAnyone = 1u << 12, kNegator = 1u << 13, kOpener = 1u << 14, kBe = 1u << 15,
  // Spam rule words (see intent_spam_rule).
  kSpamStrong = 1u << 16, kSpamWeak = 1u << 17, kWinEnter = 1u << 18, kWinNext = 1u << 19, kSign = 1u << 20,
  kUp = 1u << 21, kShop = 1u << 22, kNow = 1u << 23, kClick = 1u << 24, kClickNext = 1u << 25, kFollow = 1u << 26,
  kFollowNext = 1u << 27, kEarn = 1u << 28, kMoney = 1u << 29, kOff = 1u << 30, kSpamTag = 1u << 31,
  // Brand-directed cues (complaint, request, suggestion wording).
  kComplain = 1ull << 32, kTimeUnit = 1ull << 33, kWorking = 1ull << 34, kSubject = 1ull << 35, kHelp = 1ull << 36,
  kFeature = 1ull << 37, kRequestNoun = 1ull << 38, kOptionNoun = 1ull << 39, kIdea = 1ull << 40,
  kImperative = 1ull << 41, kYou = 1ull << 42, kCouldWould = 1ull << 43, kHow = 1ull << 44, kAbout = 1ull << 45,
  kArticle = 1ull << 46, kGreeting = 1ull << 47,
};

// Looked up for every word and punctuation token, so the look-up has no loop and no data-dependent branch:
// a probe loop's exit (hit, miss, one slot or two) was a misprediction on a good share of tokens. Keys are
// placed in buckets of four slots, one 64-byte line each (keys, then their bits); a word is in the bucket
// its mix selects or in none, so a look-up compares four keys and ORs the bits of the one that matches.
// Which bits of the mix select the bucket is chosen when the table is built, as the first choice that
// leaves no bucket with more than four words (the word list is fixed, so this is always the same choice).
// A 1 KB bit filter sends most words outside the list to an always-empty bucket instead (a select, not a
// branch), so they do not pull random lines of the 32 KB table into a cache the other analysers share;
// the listed words are common ones, whose few lines stay cached.
struct CueTable {
  static constexpr std::size_t kBuckets = 512, kWays = 4;  // ~400 words in 2,048 slots: 32 KB
  static constexpr unsigned kFilterBitsLog2 = 13;           // 1 KB; ~5% of other words pass
  struct alignas(64) Bucket {
    std::array<std::uint64_t, kWays> keys{};  // word hash | 1; 0 = empty (never matches: keys are odd)
    std::array<std::uint64_t, kWays> bits{};
  };
  std::array<Bucket, kBuckets + 1> buckets{};  // the last one stays empty: where filtered-out words look
  std::array<std::uint64_t, (std::size_t{1} << kFilterBitsLog2) / 64> filter{};
  unsigned shift = 0;

  // Words and their bits, merged per word (several classes share words), before placement.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> words;
  void add(std::initializer_list<std::string_view> list, std::uint64_t bit) {
    for (auto w : list) {
      const std::uint64_t h = intent_hash(w, kSeedWord) | 1;
      auto it = std::find_if(words.begin(), words.end(), [h](const auto& e) { return e.first == h; });
      if (it == words.end()) words.emplace_back(h, bit);
      else it->second |= bit;
    }
  }
  std::size_t bucket_of(std::uint64_t mixed) const { return (mixed >> shift) & (kBuckets - 1); }
  static std::uint64_t filter_bit(std::uint64_t mixed) { return mixed >> (64 - kFilterBitsLog2); }
  // Places `words`; false if no choice of bits fits them (not so for the fixed list: cue_table() would abort
  // in every extractor test).
  bool place() {
    for (shift = 0; shift + 9 <= 64 - kFilterBitsLog2; ++shift) {  // bucket bits apart from the filter's
      std::array<unsigned char, kBuckets> used{};
      bool fits = true;
      for (const auto& [h, b] : words) fits = fits && used[bucket_of(intent_mix(h))]++ < kWays;
      if (!fits) continue;
      buckets = {};
      filter = {};
      for (const auto& [h, b] : words) {
        const std::uint64_t m = intent_mix(h);
        Bucket& k = buckets[bucket_of(m)];
        std::size_t j = 0;
        while (k.keys[j]) ++j;
        k.keys[j] = h;
        k.bits[j] = b;
        filter[filter_bit(m) >> 6] |= std::uint64_t{1} << (filter_bit(m) & 63);
      }
      return true;
    }
    return false;
  }
  std::uint64_t find(std::uint64_t word_hash) const { return find(word_hash, intent_mix(word_hash | 1)); }
  // `mixed` = intent_mix(word_hash | 1): the valence table probes with the same value, so a word's mix is
  // computed once for both.
  std::uint64_t find(std::uint64_t word_hash, std::uint64_t mixed) const {
    const std::uint64_t h = word_hash | 1, f = filter_bit(mixed);
    const std::uint64_t pass = (filter[f >> 6] >> (f & 63)) & 1;
    const std::size_t b = bucket_of(mixed);
    const Bucket& k = buckets[b + ((kBuckets - b) & (pass - 1))];  // not passed: the empty bucket
    static_assert(kWays == 4);  // written out: GCC -O2 kept the loop
    return (k.bits[0] & (0 - std::uint64_t{k.keys[0] == h})) | (k.bits[1] & (0 - std::uint64_t{k.keys[1] == h})) |
           (k.bits[2] & (0 - std::uint64_t{k.keys[2] == h})) | (k.bits[3] & (0 - std::uint64_t{k.keys[3] == h}));
  }
};

const CueTable& cue_table() {
  static const CueTable t = [] {
    CueTable c;
    c.add({"should", "shoulda", "ought"}, kShould);
    c.add({"would", "could", "'d"}, kWouldCould);
    c.add({"nice", "great", "good", "better", "cool", "awesome", "helpful", "useful", "nicer", "amazing", "handy",
           "lovely", "brilliant", "ideal", "perfect", "easier", "fab"},
          kNiceAdj);
    c.add({"please", "pls", "plz"}, kPlease);
    c.add({"add", "make", "bring", "consider", "include", "allow", "let", "give", "put", "change", "offer", "stock",
           "support", "show", "introduce", "open", "do"},
          kRequestVerb);
    c.add({"wish", "wished", "wishing"}, kWish);
    c.add({"hope"}, kHope);
    c.add({"you", "they"}, kYouThey);
    c.add({"suggest", "suggestion", "recommend", "recommendation", "advice", "tip"}, kAdvise);
    c.add({"why"}, kWhy);
    c.add({"don't", "dont", "not", "doesn't", "can't", "cant", "won't", "isn't"}, kNotAux);
    c.add({"thank", "thanks", "thx", "ty", "thanx", "tnx", "cheers", "kudos", "congrats"}, kThanks);
    c.add({"anyone", "anybody", "someone", "somebody"}, kAnyone);
    c.add({"not", "no", "never", "cannot", "nothing", "none", "nobody", "nor", "without", "neither", "dont",
           "cant", "wont", "didnt", "doesnt", "isnt", "wasnt", "arent", "couldnt", "shouldnt", "wouldnt", "aint"},
          kNegator);
    c.add({"what", "how", "why", "when", "where", "who", "which", "whats", "what's", "how's", "where's", "can",
           "could", "does", "do", "did", "is", "are", "will", "would", "should", "has", "have", "any", "anyone",
           "anybody", "was", "were", "am"},
          kOpener);
    c.add({"be"}, kBe);
    // Words of dissatisfaction with a service: waiting, repeats, money back, failure, strong disapproval.
    c.add({"still", "again", "never", "worst", "waiting", "waited", "refund", "refunded", "cancel", "cancelled",
           "canceled", "broken", "broke", "charged", "overcharged", "ridiculous", "unacceptable", "useless",
           "terrible", "awful", "disgraceful", "shocking", "joke", "scam", "fuming", "rubbish", "hold", "late",
           "delayed", "delay", "missing", "lost", "crashes", "crashing", "crashed", "outage", "faulty", "fault",
           "disappointed", "disappointing", "nobody", "declined", "wrong", "appalling", "pathetic", "horrible",
           "compensation", "complaint", "ignored", "twice", "fix", "fixed", "stuck", "fail", "failed", "fails"},
          kComplain);
    c.add({"minutes", "mins", "min", "hours", "hrs", "hour", "days", "day", "weeks", "week", "months", "month"},
          kTimeUnit);
    c.add({"working", "work", "works", "worked", "arrived", "turned", "showed", "received"}, kWorking);
    c.add({"i", "you", "we", "u", "there", "it", "this", "they", "my", "your", "anyone"}, kSubject);
    c.add({"help", "helpful", "handy", "useful"}, kHelp);
    c.add({"feature"}, kFeature);
    c.add({"request", "requests"}, kRequestNoun);
    c.add({"option", "options", "button", "way", "setting", "settings", "mode", "feature", "toggle", "filter"},
          kOptionNoun);
    c.add({"idea", "suggestion", "suggestions", "proposal", "psa", "tip", "advice"}, kIdea);
    c.add({"add", "make", "bring", "let", "fix", "give", "stop", "sort", "refund", "send", "check", "try", "get",
           "put", "allow", "cancel", "answer", "explain", "offer", "consider", "support", "stock", "show", "turn",
           "avoid", "measure", "include", "please", "pls", "plz", "tell", "keep", "use", "remove", "change"},
          kImperative);
    c.add({"you", "u", "ya", "y'all"}, kYou);
    c.add({"could", "would", "can"}, kCouldWould);
    c.add({"how"}, kHow);
    c.add({"about"}, kAbout);
    c.add({"a", "an", "the", "some", "more"}, kArticle);
    c.add({"hi", "hey", "hello", "hiya", "dear", "yo", "ok", "so", "ugh", "honestly", "lol", "wow"}, kGreeting);
    // Strong: only promotions and engagement farming talk like this. Weak: common in ads, and elsewhere.
    c.add({"giveaway", "giveaways", "sweepstakes", "followback", "f4f", "promo", "coupon", "coupons", "discount",
           "prizes", "prize", "prizey"},
          kSpamStrong);
    c.add({"free", "win", "contest", "deal", "deals", "offer", "sale", "subscribe", "check", "tips", "rt", "vote",
           "limited", "exclusive", "new", "ends"},
          kSpamWeak);
    c.add({"win", "enter"}, kWinEnter);
    c.add({"a", "an", "the", "your", "free", "now", "to"}, kWinNext);
    c.add({"sign"}, kSign);
    c.add({"up"}, kUp);
    c.add({"shop"}, kShop);
    c.add({"now"}, kNow);
    c.add({"click"}, kClick);
    c.add({"here", "now", "link"}, kClickNext);
    c.add({"follow"}, kFollow);
    c.add({"me", "us", "back"}, kFollowNext);
    c.add({"earn", "earning", "make"}, kEarn);
    c.add({"money", "cash", "$"}, kMoney);
    c.add({"off"}, kOff);
    c.add({"giveaway", "win", "contest", "sweepstakes", "freebie", "promo", "ad", "sponsored", "followback", "f4f",
           "teamfollowback", "follow4follow", "deal", "deals", "sale"},
          kSpamTag);  // looked up by the hashtag's text, like a word
    if (!c.place()) std::abort();  // cannot happen for this fixed list; every extractor test would abort
    c.words.clear();
    c.words.shrink_to_fit();
    return c;
  }();
  return t;
}

// A token's text as the first pass reads it: its first 8 bytes as one integer (byte k at bits 8k..8k+7),
// from which the hash, the "n't" and "rt" tests and the punctuation counts are computed without branching
// on the length: lengths follow no pattern, so a byte loop's exit or a "size() > 3" test is mispredicted
// for many words, while the fixed 8 hashing steps measured no slower than the loop.
// The 8-byte load stays inside the string's storage, which holds capacity() + 1 >= 9 bytes (libstdc++'s
// inline buffer holds 16); the bytes past size() are masked off or only feed hashing steps thrown away.
struct TokenText {
  const char* p;
  std::size_t len;
  std::uint64_t w;  // bytes [0, min(len, 8)) as loaded; the rest are not meaningful
  std::array<char, 16> copy;  // only for strings whose storage holds fewer than 9 bytes

  explicit TokenText(const std::string& s) : p(s.data()), len(s.size()) {
    if (s.capacity() < 8) [[unlikely]] {  // not with libstdc++; then p[0, 16) must still be readable
      copy = {};
      std::memcpy(copy.data(), p, len);
      p = copy.data();
    }
    std::memcpy(&w, p, 8);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  }
  TokenText(const TokenText&) = delete;
  TokenText& operator=(const TokenText&) = delete;
  std::uint64_t byte(std::size_t k) const { return (w >> (8 * k)) & 0xff; }

  // intent_hash of the first `n` bytes (n <= len): all 8 steps over `w`, keeping the state after n of them.
  std::uint64_t hash(std::size_t n, std::uint64_t seed) const {
    std::array<std::uint64_t, 9> after;  // after[k]: the hash of the first k bytes
    std::uint64_t h = seed;
    after[0] = h;
#pragma GCC unroll 8
    for (unsigned k = 0; k < 8; ++k) {
      h = (h ^ byte(k)) * 0x100000001b3ull;
      after[k + 1] = h;
    }
    h = after[std::min<std::size_t>(n, 8)];
    for (std::size_t i = 8; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ull;
    return h;
  }
  // The text ends in "n't" after at least one more byte (size() > 3). The 4 bytes read are the last 4, or
  // for a shorter text its first 4 (inside the storage, see above), whose answer the length test discards.
  bool ends_nt() const {
    std::uint32_t tail;
    std::memcpy(&tail, p + ((len - 4) & (0 - std::size_t{len > 3})), 4);
    if constexpr (std::endian::native == std::endian::big) tail = __builtin_bswap32(tail);
    return (len > 3) & ((tail >> 8) == (std::uint32_t{'n'} | std::uint32_t{'\''} << 8 | std::uint32_t{'t'} << 16));
  }
  bool is_rt() const { return (len == 2) & ((w & 0xffff) == (std::uint64_t{'r'} | std::uint64_t{'t'} << 8)); }

  // For punctuation: how many bytes are '?' and '!', and whether any of '.', '!', '?' occurs.
  static std::uint64_t eq_bytes(std::uint64_t w, unsigned char c) {  // the top bit of each byte equal to c
    const std::uint64_t x = w ^ (0x0101010101010101ull * c), low7 = 0x7f7f7f7f7f7f7f7full;
    return ~(((x & low7) + low7) | x | low7);
  }
  static int count_top_bits(std::uint64_t m) { return static_cast<int>(((m >> 7) * 0x0101010101010101ull) >> 56); }
  // Over the first 8 bytes without a branch on the length, then the rest.
  void punct_counts8(int& q, int& excl, bool& end) const {
    static constexpr std::array<std::uint64_t, 9> kFirst = {0,           0xff,         0xffff,         0xffffff,
                                                            0xffffffff,  0xffffffffff, 0xffffffffffff, 0xffffffffffffff,
                                                            ~std::uint64_t{0}};
    const std::uint64_t mask = kFirst[std::min<std::size_t>(len, 8)];
    const std::uint64_t qm = eq_bytes(w, '?') & mask, em = eq_bytes(w, '!') & mask, dm = eq_bytes(w, '.') & mask;
    q = count_top_bits(qm);
    excl = count_top_bits(em);
    end = (qm | em | dm) != 0;
  }
  void punct_counts_rest(int& q, int& excl, bool& end) const {
    for (std::size_t i = 8; i < len; ++i) {
      q += p[i] == '?';
      excl += p[i] == '!';
      end |= p[i] == '.' || p[i] == '!' || p[i] == '?';
    }
  }
};

// Cue names are hashed at compile time: the inference path hashes only the text.
consteval std::uint64_t cue(std::string_view name) { return intent_hash(name, kSeedCue); }

// Per TokenKind: the placeholder feature hash of the kinds whose text is not hashed, else 0.
constexpr std::array<std::uint64_t, 9> kPlaceholder = [] {
  std::array<std::uint64_t, 9> p{};
  p[static_cast<std::size_t>(TokenKind::number)] = cue("<num>");
  p[static_cast<std::size_t>(TokenKind::mention)] = cue("<@>");
  p[static_cast<std::size_t>(TokenKind::url)] = cue("<url>");
  p[static_cast<std::size_t>(TokenKind::email)] = cue("<email>");
  return p;
}();
static_assert(static_cast<std::size_t>(TokenKind::punct) == 8, "kPlaceholder has a slot per kind");
// Per TokenKind: what it adds to the extractor's packed count of hashtags, mentions and URLs.
constexpr std::array<std::uint64_t, 9> kKindCount = [] {
  std::array<std::uint64_t, 9> c{};
  c[static_cast<std::size_t>(TokenKind::hashtag)] = 1;
  c[static_cast<std::size_t>(TokenKind::mention)] = std::uint64_t{1} << 16;
  c[static_cast<std::size_t>(TokenKind::url)] = std::uint64_t{1} << 32;
  return c;
}();

}  // namespace

void IntentValence::insert(std::string_view word, float valence) {
  if (keys_.empty() || (count_ + 1) * 2 > keys_.size()) {
    // Grow to keep the load under 1/2, so probes stay short.
    std::vector<std::uint64_t> old_keys = std::move(keys_);
    std::vector<float> old_values = std::move(values_);
    std::size_t cap = old_keys.empty() ? 1024 : old_keys.size() * 2;
    keys_.assign(cap, 0);
    values_.assign(cap, 0.f);
    count_ = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (!old_keys[i]) continue;
      std::size_t mask = cap - 1, j = intent_mix(old_keys[i]) & mask;
      while (keys_[j]) j = (j + 1) & mask;
      keys_[j] = old_keys[i];
      values_[j] = old_values[i];
      ++count_;
    }
  }
  std::uint64_t h = intent_hash(word, kSeedWord) | 1;  // never 0, the empty marker
  std::size_t mask = keys_.size() - 1, j = intent_mix(h) & mask;
  while (keys_[j] && keys_[j] != h) j = (j + 1) & mask;
  if (!keys_[j]) ++count_;
  keys_[j] = h;
  values_[j] = valence;
  if (filter_.empty()) filter_.assign(std::size_t{1} << (kFilterBitsLog2 - 6), 0);
  add_to_filter(h);
}

float IntentValence::probe(std::uint64_t word_hash, std::uint64_t mixed) const {
  std::uint64_t h = word_hash | 1;
  std::size_t mask = keys_.size() - 1, j = mixed & mask;
  while (keys_[j]) {
    if (keys_[j] == h) return values_[j];
    j = (j + 1) & mask;
  }
  return 0;
}

void IntentValence::assign(std::vector<std::uint64_t> keys, std::vector<float> values) {
  keys_ = std::move(keys);
  values_ = std::move(values);
  count_ = static_cast<std::size_t>(std::count_if(keys_.begin(), keys_.end(), [](std::uint64_t k) { return k; }));
  filter_.clear();
  if (keys_.empty()) return;
  filter_.assign(std::size_t{1} << (kFilterBitsLog2 - 6), 0);
  for (std::uint64_t k : keys_)
    if (k) add_to_filter(k);
}

void extract_intent_features(const Tokenized& t, const IntentValence* valence, IntentFeatures& out) {
  extract_intent_features(t, valence, out, nullptr);
}

void extract_intent_features(const Tokenized& t, const IntentValence* valence, IntentFeatures& out, bool* spam,
                             const double* known_compound) {
  // The same features, in the same order, as the straightforward pass-per-rule version this replaced (kept
  // as the reference in tests/text/intent_features_reference.inc). What changed is the shape of the work:
  // one pass reads each token once, emits the n-gram and sentence-start features (their places in `out` are
  // known in advance), and notes the few tokens the later rules need (cue words, lexicon words, spam words),
  // so those rules visit only them. Token kinds, cue hits and lexicon hits follow no pattern a branch
  // predictor can learn, so the pass computes rather than branches wherever it can.
  const CueTable& cues = cue_table();
  const std::size_t n = std::min(t.tokens.size(), kMaxTokens);
  static_assert(kMaxTokens <= 256, "token indices are kept in bytes");
  // Plain arrays, left uninitialised: only the entries written below are read. bits has two zero entries
  // on each side of the tokens', so the rules' "next", "the one after" and "the one before" need no check.
  std::array<std::uint64_t, kMaxTokens> th;     // the token's feature hash
  std::array<std::uint64_t, kMaxTokens> mixed;  // intent_mix(th | 1): the cue and valence tables' probe
  std::array<std::uint64_t, kMaxTokens + 4> bits_store;
  std::uint64_t* const bits = bits_store.data() + 2;
  std::array<std::uint8_t, kMaxTokens> cue_words;      // tokens that start a cue (kStartsCue below)
  std::array<std::uint8_t, kMaxTokens> lexicon_words;  // words the lexicon's filter lets through
  std::array<std::uint8_t, kMaxTokens> spam_words;     // hashtags and words of a spam-rule class
  std::array<std::uint8_t, kMaxTokens> openers;        // sentence starts with an opener word
  std::size_t n_cue = 0, n_lexicon = 0, n_spam = 0, n_openers = 0;
  constexpr std::uint64_t kStartsCue = kShould | kWouldCould | kCouldWould | kPlease | kRequestVerb | kFeature |
                                       kIdea | kHow | kWish | kHope | kAdvise | kWhy | kThanks | kAnyone;
  constexpr std::uint64_t kSpamWords = kSpamStrong | kWinEnter | kSign | kShop | kClick | kFollow | kEarn | kOff |
                                       kSpamWeak;
  int q_marks = 0, excl = 0, hashtags = 0, mentions = 0, urls = 0, caps = 0, elong = 0;
  int negations = 0, complain = 0;
  bool duration = false, not_working = false;
  bits[-2] = bits[-1] = 0;
  std::uint64_t kind_counts = 0;  // hashtags, mentions and URLs, 16 bits each (n <= 256): one add per token

  // Word unigrams and bigrams (with sentence-edge markers) are the bulk of the signal and the first
  // features: 2n + 2 of them. Sentence starts follow, at most n + 1: no bound check for either.
  static_assert(3 * kMaxTokens + 3 < IntentFeatures::kMax);
  auto bucket_of = [](std::uint64_t h) {
    return static_cast<std::uint32_t>(intent_mix(h) >> (64 - kIntentBucketsLog2));  // as IntentFeatures::add
  };
  out.index[0] = bucket_of(cue("bias"));
  std::size_t m = 2 + 2 * n;  // where the sentence-start features go
  std::uint64_t prev = cue("<s>");

  // Sentence openers: a wh-/aux-word starting a sentence (after leading @mentions and "RT") marks questions
  // better than a question mark alone, which sarcasm and rhetoric also use. "how do I", "can I", "is there",
  // "do you" (an opener with a subject right after it) is the usual shape of a request for information; a
  // base verb first ("add", "fix", "please ...", after greetings) is an imperative: a request or a demand.
  // A token keeps the sentence-start state, sets it, or clears it; a word that is no greeting starts a
  // sentence when the state is set. The state moves without branches; only a start (a few per post) does.
  constexpr std::uint8_t kKeep = 1, kSet = 2, kCandidate = 4;
  bool at_start = true, first_word = true;
  int wh_starts = 0, imperatives = 0;
  bool prev_number = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = t.tokens[i];
    const TokenKind kind = tok.kind;
    const TokenText text(tok.norm);
    // Which user or link it is says nothing about intent; that there is one does: those kinds hash to a
    // placeholder, the others hash their text.
    const std::uint64_t placeholder = kPlaceholder[static_cast<std::size_t>(kind)];
    const std::uint64_t h = text.hash(placeholder ? 0 : text.len, kind == TokenKind::hashtag ? kSeedHashtag : kSeedWord);
    th[i] = placeholder ? placeholder : h;
    mixed[i] = intent_mix(th[i] | 1);
    const std::uint32_t unigram = bucket_of(th[i] ^ kSeedUni), bigram = bucket_of((prev * 31) ^ th[i] ^ kSeedBi);
    out.index[1 + 2 * i] = unigram;
    out.index[2 + 2 * i] = bigram;
    prev = th[i];
    if (out.weights) {
      out.weights->prefetch(unigram);
      out.weights->prefetch(bigram);
    }

    const bool word = kind == TokenKind::word, punct = kind == TokenKind::punct;
    // Words and punctuation ("$", "%" for the spam rule) have cue bits; any "-n't" contraction negates,
    // listed or not.
    std::uint64_t b = cues.find(th[i], mixed[i]) & (0 - std::uint64_t{word || punct});
    b |= (word & text.ends_nt()) ? std::uint64_t{kNegator} : 0;
    bits[i] = b;
    if (valence) {
      valence->prefetch(mixed[i] & (0 - std::uint64_t{word}));
      lexicon_words[n_lexicon] = static_cast<std::uint8_t>(i);  // kept when it may be in the lexicon
      n_lexicon += word && valence->may_contain(mixed[i]);
    }
    cue_words[n_cue] = static_cast<std::uint8_t>(i);
    n_cue += (b & kStartsCue) != 0;
    spam_words[n_spam] = static_cast<std::uint8_t>(i);
    n_spam += kind == TokenKind::hashtag || (b & kSpamWords);
    // Complaint cues: the "not working" and "3 days" pairs, seen from their second token.
    negations += (b & kNegator) != 0;
    complain += (b & kComplain) != 0;
    not_working |= (b & kWorking) && ((bits[i - 1] | bits[i - 2]) & kNegator);
    duration |= (b & kTimeUnit) && prev_number;
    prev_number = kind == TokenKind::number;
    kind_counts += kKindCount[static_cast<std::size_t>(kind)];
    caps += tok.all_caps;
    elong += tok.elongated;
    bool end = false;
    if (punct) {  // a branch: the counts cost more for every word than its misprediction on some tokens
      int q = 0, e = 0;
      text.punct_counts8(q, e, end);
      if (text.len > 8) [[unlikely]]
        text.punct_counts_rest(q, e, end);  // "!!!!!!!!!"
      q_marks += q;
      excl += e;
    }

    // "RT" before a retweet's text does not start its sentence; nor does a greeting. (Only the kinds shown
    // by their text can be "rt": words, and in principle emoji and emoticons.)
    const bool rt = text.is_rt() && !placeholder && kind != TokenKind::hashtag;
    const std::uint8_t word_op = rt || (b & kGreeting) ? kKeep : kCandidate;
    const std::uint8_t punct_op = end ? kSet : kKeep;
    const std::uint8_t other_op = kind == TokenKind::mention || rt ? kKeep : 0;
    const std::uint8_t op = word ? word_op : punct ? punct_op : other_op;
    if (at_start && (op & kCandidate)) {
      out.index[m++] = bucket_of(th[i] ^ kSeedStart);
      if (b & kOpener) {
        ++wh_starts;
        openers[n_openers++] = static_cast<std::uint8_t>(i);
      }
      if (b & kImperative) {
        ++imperatives;
        if (first_word) out.index[m++] = bucket_of(cue("imperative_first"));
      }
      first_word = false;
    }
    at_start = (at_start && (op & kKeep)) || (op & kSet);
  }
  bits[n] = bits[n + 1] = 0;
  hashtags = static_cast<int>(kind_counts & 0xffff);
  mentions = static_cast<int>((kind_counts >> 16) & 0xffff);
  urls = static_cast<int>(kind_counts >> 32);
  out.index[1 + 2 * n] = bucket_of((prev * 31) ^ cue("</s>") ^ kSeedBi);
  out.n = m;
  int opener_subject = 0;  // an opener with a subject one or two tokens after it
  for (std::size_t k = 0; k < n_openers; ++k)
    opener_subject += ((bits[openers[k] + 1] | bits[openers[k] + 2]) & kSubject) != 0;

  // Suggestion and request cues that single words miss ("would be nice", "please add", "hope you").
  for (std::size_t k = 0; k < n_cue; ++k) {
    const std::size_t i = cue_words[k];
    const std::uint64_t b = bits[i], b1 = bits[i + 1], b2 = bits[i + 2];
    if (b & kShould) out.add(cue("modal_should"));
    if ((b & kWouldCould) && (b1 & kBe) && (b2 & kNiceAdj)) out.add(cue("would_be_nice"));
    if ((b & kWouldCould) && (b1 & kHelp)) out.add(cue("would_help"));
    if ((b & kCouldWould) && (b1 & kYou)) out.add(cue("could_you"));
    if ((b & kPlease) && (b1 & kRequestVerb)) out.add(cue("please_verb"));
    if ((b & kRequestVerb) && ((b1 & kOptionNoun) || ((b1 & kArticle) && (b2 & kOptionNoun))))
      out.add(cue("add_option"));
    if ((b & kFeature) && (b1 & kRequestNoun)) out.add(cue("feature_request"));
    if (b & kIdea) out.add(cue("idea"));
    if ((b & kHow) && (b1 & kAbout)) out.add(cue("how_about"));
    if (b & kWish) out.add(cue("wish"));
    if ((b & kHope) && (b1 & kYouThey)) out.add(cue("hope_you"));
    if (b & kAdvise) out.add(cue("advise"));
    if ((b & kWhy) && (b1 & kNotAux)) out.add(cue("why_not"));
    if (b & kThanks) out.add(cue("thanks"));
    if (b & kAnyone) out.add(cue("anyone"));
  }

  // Lexicon valence with a three-token negation scope (VADER's window), bucketed into counts. A negator
  // opens the scope for the two tokens after it (the previous code counted a scope of 3 down from the
  // negator itself) and its own valence is not counted. Only the words the lexicon's filter let through
  // are looked up, in token order: the sums are taken in the same order as before, and the words they skip
  // added nothing.
  int pos_words = 0, neg_words = 0;
  float pos = 0, neg = 0;
  for (std::size_t k = 0; k < n_lexicon; ++k) {
    const std::size_t i = lexicon_words[k];
    if (bits[i] & kNegator) continue;
    float v = valence->find(th[i], mixed[i]);
    if ((bits[i - 1] | bits[i - 2]) & kNegator) v = -0.74f * v;  // VADER's negation scalar
    if (v > 0) {
      pos += v;
      ++pos_words;
    }
    if (v < 0) {
      neg -= v;
      ++neg_words;
    }
  }
  auto bucket = [](float x) { return x <= 0 ? 0 : x < 2 ? 1 : x < 4 ? 2 : x < 7 ? 3 : 4; };
  static constexpr std::array<std::uint64_t, 5> kPos = {cue("pos0"), cue("pos1"), cue("pos2"), cue("pos3"),
                                                        cue("pos4")};
  static constexpr std::array<std::uint64_t, 5> kNeg = {cue("neg0"), cue("neg1"), cue("neg2"), cue("neg3"),
                                                        cue("neg4")};
  static constexpr std::array<std::uint64_t, 4> kPosWords = {cue("posw0"), cue("posw1"), cue("posw2"),
                                                             cue("posw3")};
  static constexpr std::array<std::uint64_t, 4> kNegWords = {cue("negw0"), cue("negw1"), cue("negw2"),
                                                             cue("negw3")};
  static constexpr std::array<std::uint64_t, 4> kComplainN = {cue("cc0"), cue("cc1"), cue("cc2"), cue("cc3")};
  out.add(kPos[bucket(pos)]);
  out.add(kNeg[bucket(neg)]);
  out.add(kPosWords[std::min(pos_words, 3)]);
  out.add(kNegWords[std::min(neg_words, 3)]);
  if (neg > pos + 1) out.add(cue("net_negative"));
  if (pos > neg + 1) out.add(cue("net_positive"));
  const int complaint_cues = complain + duration + not_working;
  out.add(kComplainN[std::min(complaint_cues, 3)]);
  if (duration) out.add(cue("duration"));
  if (not_working) out.add(cue("not_working"));

  // Sentence-level sentiment from the sentiment module (its rules: negation, boosters, "but", emoji...),
  // in five bands, alone and together with "addressed to someone": negative at a brand is a complaint far
  // more often than negative in general.
  const double compound = known_compound ? *known_compound : SentimentModel::instance().analyze(t).compound;
  const int band = compound <= -0.5 ? 0 : compound <= -0.05 ? 1 : compound < 0.05 ? 2 : compound < 0.5 ? 3 : 4;
  static constexpr std::array<std::uint64_t, 5> kSent = {cue("sent0"), cue("sent1"), cue("sent2"), cue("sent3"),
                                                         cue("sent4")};
  static constexpr std::array<std::uint64_t, 5> kSentAddr = {cue("sent0@"), cue("sent1@"), cue("sent2@"),
                                                             cue("sent3@"), cue("sent4@")};
  out.add(kSent[band]);
  const bool lead_mention = n && t.tokens[0].kind == TokenKind::mention;
  if (mentions) out.add(kSentAddr[band]);
  if (lead_mention) out.add(cue("lead_mention"));

  // The text the last rules compare: a token's norm, or "" for the kinds the features replace by a
  // placeholder (<#>, <num>, <@>, <url>, <email>), which none of those comparisons matches.
  auto shown = [&t](std::size_t i) -> std::string_view {
    switch (t.tokens[i].kind) {
      case TokenKind::hashtag:
      case TokenKind::number:
      case TokenKind::mention:
      case TokenKind::url:
      case TokenKind::email: return {};
      default: return t.tokens[i].norm;
    }
  };
  const bool q_end = n && shown(n - 1).find('?') != std::string_view::npos;
  if (negations) out.add(cue("negation"));
  if (q_marks) out.add(cue("q_mark"));
  if (q_end) out.add(cue("q_end"));
  if (wh_starts) out.add(cue("wh_start"));
  if (wh_starts && q_marks) out.add(cue("wh_start_q"));
  if (opener_subject) out.add(cue("opener_subject"));
  if (opener_subject && q_marks) out.add(cue("opener_subject_q"));
  if (imperatives) out.add(cue("imperative"));
  if (q_marks && complaint_cues) out.add(cue("q_and_complaint"));
  if (excl) out.add(cue("excl"));
  if (excl >= 3) out.add(cue("excl3"));
  if (caps) out.add(cue("all_caps"));
  if (elong) out.add(cue("elongated"));
  if (urls) out.add(cue("has_url"));
  if (hashtags >= 3) out.add(cue("hashtags3"));
  if (mentions) out.add(cue("has_mention"));
  // Length bands: review snippets, tweets and one-word replies behave differently.
  out.add(n < 4 ? cue("len0") : n < 10 ? cue("len1") : n < 25 ? cue("len2") : cue("len3"));

  if (spam) {
    // The spam rule, on the bits already looked up. Documented in docs/intent.md: a strong promo cue with a
    // link, a second cue or hashtags; a link with two weak cues; or tag stuffing.
    int strong = 0, weak = 0;
    for (std::size_t k = 0; k < n_spam; ++k) {
      const std::size_t i = spam_words[k];
      const std::uint64_t b = bits[i], b1 = bits[i + 1];
      if (t.tokens[i].kind == TokenKind::hashtag) {
        if (cues.find(intent_hash(t.tokens[i].norm, kSeedWord)) & kSpamTag) ++strong;
        continue;
      }
      if (b & kSpamStrong) ++strong;
      if ((b & kWinEnter) && (b1 & kWinNext)) ++strong;
      if ((b & kSign) && (b1 & kUp)) ++strong;
      if ((b & kShop) && (b1 & kNow)) ++strong;
      if ((b & kClick) && (b1 & kClickNext)) ++strong;
      if ((b & kFollow) && (b1 & kFollowNext)) ++strong;
      if ((b & kEarn) && (b1 & kMoney)) ++strong;
      if ((b & kOff) && i > 0 && shown(i - 1) == "%") ++strong;  // "50% off"
      if (t.tokens[i].kind == TokenKind::word && (b & kSpamWeak)) ++weak;
    }
    *spam = (strong >= 1 && (urls || strong >= 2 || hashtags >= 2)) || (urls && weak >= 2) || hashtags >= 5 ||
            mentions >= 6;
  }
}

bool intent_spam_rule(const Tokenized& t) {
  IntentFeatures f;
  bool spam = false;
  extract_intent_features(t, nullptr, f, &spam);
  return spam;
}

}  // namespace parley::text
