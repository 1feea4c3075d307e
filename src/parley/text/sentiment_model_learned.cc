#include "parley/text/sentiment_model_learned.h"
#include "parley/text/murmur_fmix.h"

#include <algorithm>
#include <cmath>
#include <math.h>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

#include "parley/text/fnv1a.h"

namespace parley::text {

namespace {

// File layout (little-endian; parley targets little-endian hosts, and the loader checks the magic):
//   "PARLEYSM" | u32 version | u32 dense | u32 outputs | u32 hash_bits | u32 provenance bytes | provenance |
//   dense weights (dense x outputs f32) | u32 nonzero rows | (u32 row, outputs x f32) per row, ascending |
//   u64 FNV-1a of everything before it.
// Hashed rows are stored sparsely: training touches only the rows its examples hash to, and a dense 2^18 x 4
// table would be 4 MB of mostly zeros in the repository.
constexpr char kMagic[8] = {'P', 'A', 'R', 'L', 'E', 'Y', 'S', 'M'};
constexpr std::uint32_t kVersion = 1;

std::uint64_t fnv64(std::string_view s, std::uint64_t h = kFnv1aBasis) { return fnv1a_bytes(s, h); }

// The hashed features' seeds: FNV-1a of the one-letter kind prefix, as the trainer defined them.
constexpr std::uint64_t kSeedWord = kSentimentWordSeed;
constexpr std::uint64_t kSeedHashtag = fnv1a_bytes("#");
constexpr std::uint64_t kSeedEmoji = fnv1a_bytes("e");
constexpr std::uint64_t kSeedPunct = fnv1a_bytes("p");
constexpr std::uint64_t kNumber = fnv1a_bytes("n");
constexpr std::uint64_t kMention = fnv1a_bytes("@");
constexpr std::uint64_t kUrl = fnv1a_bytes("u");

// How extract_sentiment_hashes hashes a token of each kind (indexed by TokenKind): from the kind's seed,
// FNV-1a over all of norm (words, hashtags, emoji, emoticons), over its first character (punctuation), or
// over nothing (numbers, mentions, URLs, e-mails: the hash is the seed itself, one symbol per kind).
constexpr std::uint64_t kKindSeed[] = {
    kSeedWord,     // word: "w" + norm
    kNumber,       // number: "n" (the value of a number says nothing about tone)
    kSeedHashtag,  // hashtag: "#" + norm
    kMention,      // mention: "@"
    kUrl,          // url: "u"
    kUrl,          // email: "u"
    kSeedEmoji,    // emoji: "e" + norm
    kSeedEmoji,    // emoticon: "e" + norm
    kSeedPunct,    // punct: "p" + its first character ('!' and '?' only; others are dropped)
};
static_assert(std::size(kKindSeed) == static_cast<std::size_t>(TokenKind::punct) + 1);
// The kinds other than words whose whole norm is hashed.
constexpr unsigned kHashedNormKinds = 1u << static_cast<unsigned>(TokenKind::hashtag) |
                                      1u << static_cast<unsigned>(TokenKind::emoji) |
                                      1u << static_cast<unsigned>(TokenKind::emoticon);

// A finaliser so that the top bits (the ones bucket() keeps) depend on every input bit.
std::uint64_t mix64(std::uint64_t x) { return murmur_fmix64(x); }

std::uint32_t to32(std::uint64_t h) { return static_cast<std::uint32_t>(mix64(h) >> 32); }

template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

struct Reader {
  std::string_view s;
  std::size_t pos = 0;
  bool ok = true;
  template <class T>
  T get() {
    T v{};
    if (pos + sizeof(T) > s.size()) {
      ok = false;
      return v;
    }
    std::memcpy(&v, s.data() + pos, sizeof(T));
    pos += sizeof(T);
    return v;
  }
};

// log1p of a count. Posts have small counts, so those come from a table instead of seven libm calls per
// post. The table must hold what the run-time log1pf returns (the shipped model was trained and evaluated
// with it): called directly with constant arguments, GCC folds log1pf at compile time, correctly rounded,
// and for 6, 46, 48 and 178 that is one ulp away from glibc's. Calling through a volatile pointer keeps it
// a run-time call.
float log1pf_count(int n) {
  static const std::array<float, 256> small = [] {
    float (*volatile runtime_log1pf)(float) = ::log1pf;
    std::array<float, 256> t;
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = runtime_log1pf(static_cast<float>(i));
    return t;
  }();
  n = std::max(n, 0);
  return n < static_cast<int>(small.size()) ? small[n] : std::log1p(static_cast<float>(n));
}

}  // namespace

void extract_sentiment_dense(const Sentiment& rules, const SentimentRuleStats& st, SentimentFeatures* out) {
  auto& d = out->dense;
  d[0] = 1;  // bias
  d[1] = static_cast<float>(rules.compound);
  d[2] = static_cast<float>(std::fabs(rules.compound));  // the neutral logit needs "how far from zero"
  d[3] = static_cast<float>(rules.pos);
  d[4] = static_cast<float>(rules.neu);
  d[5] = static_cast<float>(rules.neg);
  d[6] = rules.label == SentimentClass::positive;
  d[7] = rules.label == SentimentClass::negative;
  d[8] = log1pf_count(st.pos_items);
  d[9] = log1pf_count(st.neg_items);
  d[10] = log1pf_count(st.negated);
  d[11] = log1pf_count(st.negators);
  d[12] = log1pf_count(std::min(st.exclaims, 10));
  d[13] = log1pf_count(std::min(st.questions, 10));
  d[14] = st.words ? static_cast<float>(st.caps_words) / st.words : 0.f;
  d[15] = std::clamp(static_cast<float>(st.emoji_valence) / 4, -2.f, 2.f);
  d[16] = log1pf_count(st.words) / 4;  // ~1 for a 50-word post: same scale as the rest
}

void extract_sentiment_hashes(const Tokenized& tk, SentimentFeatures* out, const std::uint64_t* word_fnv) {
  // Unigrams and bigrams over a simplified token stream: words by their folded form, hashtags apart from
  // words (#fail is not quite "fail"), every @mention / URL as one symbol (names carry no sentiment but their
  // presence marks conversational tweets), '!' and '?' kept (they modulate tone), other punctuation only
  // breaks bigrams.
  //
  // Two passes over the same values, in the same order, as one loop would give them. The first finds each
  // token's unigram hash with as few branches on the token kind as possible (they mispredict); the second
  // mixes unigrams and bigrams, a straight loop whose iterations do not depend on each other, so their
  // multiply chains overlap.
  const auto& toks = tk.tokens;
  const std::size_t count = toks.size();
  thread_local std::vector<std::uint64_t> own_word_fnv;
  if (!word_fnv) {
    // Hash the words here (the caller has not): masked to an empty prefix for the other kinds, no branch.
    own_word_fnv.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t is_word = toks[i].kind == TokenKind::word;
      own_word_fnv[i] = fnv1a_prefix(toks[i].norm, toks[i].norm.size() & (0 - is_word), kSeedWord);
    }
    word_fnv = own_word_fnv.data();
  }
  struct Unigram {
    std::uint64_t h;
    bool after_prev;  // continues the previous unigram (a bigram joins them)
  };
  thread_local std::vector<Unigram> uni;
  uni.resize(count);
  std::size_t m = 0;
  bool have_prev = false;
  // A token that is dropped (punctuation other than '!' and '?', which only breaks bigrams) is written and
  // then overwritten by the next one.
  for (std::size_t i = 0; i < count; ++i) {
    const Token& t = toks[i];
    const auto kind = static_cast<unsigned>(t.kind);
    const char c = t.norm.c_str()[0];  // NUL when norm is empty
    std::uint64_t h;
    if ((kHashedNormKinds >> kind) & 1) {
      h = fnv1a_prefix(t.norm, t.norm.size(), kKindSeed[kind]);  // hashtags, emoji, emoticons: fewer
    } else {
      // Selects, not branches: words take their given hash, punctuation its first character, the other
      // kinds (numbers, mentions, URLs, e-mails) their seed alone.
      const std::uint64_t punct = (kSeedPunct ^ static_cast<unsigned char>(c)) * kFnv1aPrime;
      h = kKindSeed[kind];
      h = t.kind == TokenKind::punct ? punct : h;
      h = t.kind == TokenKind::word ? word_fnv[i] : h;
    }
    const bool keep = (t.kind != TokenKind::punct) | (c == '!') | (c == '?');
    uni[m] = {h, have_prev};
    m += keep;
    have_prev = keep;
  }
  // Written through a pointer into room for the most there can be (one unigram and one bigram per kept
  // token), then cut to size; a bigram is always computed and kept by advancing past it, not by a branch.
  auto& hs = out->hashes;
  hs.resize(2 * m);
  std::uint32_t* const w = hs.data();
  std::size_t n = 0;
  std::uint64_t prev = 0;
  for (std::size_t k = 0; k < m; ++k) {
    const std::uint64_t h = uni[k].h;
    w[n++] = to32(h);
    w[n] = to32(prev * 0x9E3779B97F4A7C15ULL + h + 0x62);  // 'b'igram salt
    n += uni[k].after_prev;
    prev = h;
  }
  hs.resize(n);
  out->hashed_value = hs.empty() ? 0.f : 1.f / std::sqrt(static_cast<float>(hs.size()));
}

void extract_sentiment_features(const Tokenized& tk, const Sentiment& rules, const SentimentRuleStats& st,
                                SentimentFeatures* out) {
  extract_sentiment_dense(rules, st, out);
  extract_sentiment_hashes(tk, out);
}

LearnedSentiment::LearnedSentiment(int hash_bits)
    : dense_w(kSentimentDense * kSentimentOutputs, 0.f),
      hashed_w(hash_bits ? (std::size_t{1} << hash_bits) * kSentimentOutputs : 0, 0.f),
      hash_bits_(hash_bits) {}

namespace {

// The four outputs' running sums as one SSE register where there is one: element k is output k, and
// _mm_add_ps / _mm_mul_ps work element by element, so each output's sum takes exactly the operations, in
// exactly the order, of the scalar loop `z[k] += x * w[k]` (which other targets run; the build does not
// contract a * b + c into an FMA).
static_assert(kSentimentOutputs == 4);
#if defined(__SSE2__)
using Sums = __m128;
inline Sums sums_zero() { return _mm_setzero_ps(); }
inline Sums sums_add(Sums z, float x, const float* w) { return _mm_add_ps(z, _mm_mul_ps(_mm_set1_ps(x), _mm_loadu_ps(w))); }
inline std::array<float, 4> sums_get(Sums z) {
  std::array<float, 4> out;
  _mm_storeu_ps(out.data(), z);
  return out;
}
#else
using Sums = std::array<float, 4>;
inline Sums sums_zero() { return {}; }
inline Sums sums_add(Sums z, float x, const float* w) {
  for (int k = 0; k < 4; ++k) z[k] += x * w[k];
  return z;
}
inline std::array<float, 4> sums_get(Sums z) { return z; }
#endif

// outputs()'s sums: the dense features, then the hashed ones (row_of(hash) is a hashed feature's row).
// Kept out of line so that the sums are returned in a register: inlined into outputs(), GCC kept them in
// the memory of outputs()'s return value throughout, which put a store and a reload on the chain of
// additions of every feature.
template <class RowOf>
[[gnu::noinline]] Sums sum_features(const SentimentFeatures& f, const float* dense_w, RowOf row_of) {
  Sums z = sums_zero();
  for (int j = 0; j < kSentimentDense; ++j) z = sums_add(z, f.dense[j], dense_w + j * kSentimentOutputs);
  const float v = f.hashed_value;
  for (std::uint32_t h : f.hashes) z = sums_add(z, v, row_of(h));
  return z;
}

// sum_features() with the hashed features' rows looked up beforehand (rows[i] is the row of f.hashes[i]):
// the same operations in the same order.
[[gnu::noinline]] Sums sum_rows(const SentimentFeatures& f, const float* dense_w, const float* const* rows) {
  Sums z = sums_zero();
  for (int j = 0; j < kSentimentDense; ++j) z = sums_add(z, f.dense[j], dense_w + j * kSentimentOutputs);
  const float v = f.hashed_value;
  const std::size_t n = f.hashes.size();
  for (std::size_t i = 0; i < n; ++i) z = sums_add(z, v, rows[i]);
  return z;
}

// predict()'s ending, from the raw outputs.
Sentiment from_outputs(const Sentiment& rules, const std::array<float, kSentimentOutputs>& z) {
  Sentiment r = rules;
  r.compound = std::clamp(static_cast<double>(z[3]), -1.0, 1.0);
  int best = 0;
  for (int k = 1; k < 3; ++k)
    if (z[k] > z[best]) best = k;
  r.label = static_cast<SentimentClass>(best);  // enum order: negative, neutral, positive
  return r;
}

// Between prepare() and finish() (per thread): the features, and the hashed features' rows when the model
// has its compact table (`compact`; load_rows() fills `rows`).
struct Prepared {
  SentimentFeatures f;
  std::vector<std::uint32_t> buckets;
  std::vector<const float*> rows;
  bool compact = false;
};
thread_local Prepared t_prepared;

}  // namespace

void LearnedSentiment::prepare(const Tokenized& tk, const std::uint64_t* word_fnv) const {
  Prepared& p = t_prepared;
  extract_sentiment_hashes(tk, &p.f, word_fnv);
  p.compact = !hashed_.empty();
  if (!p.compact) return;
  const std::size_t n = p.f.hashes.size();
  p.buckets.resize(n);
  p.rows.resize(n);
  const int shift = 32 - hash_bits_;  // hashed_ is filled only when hash_bits_ > 0
  for (std::size_t i = 0; i < n; ++i) {
    p.buckets[i] = p.f.hashes[i] >> shift;
    hashed_.prefetch(p.buckets[i]);
  }
}

void LearnedSentiment::load_rows() const {
  Prepared& p = t_prepared;
  if (p.compact) hashed_.rows(p.buckets.data(), p.buckets.size(), p.rows.data());  // prefetches each row
}

Sentiment LearnedSentiment::finish(const Sentiment& rules, const SentimentRuleStats& st) const {
  Prepared& p = t_prepared;
  extract_sentiment_dense(rules, st, &p.f);
  if (!p.compact) return from_outputs(rules, outputs(p.f));
  return from_outputs(rules, sums_get(sum_rows(p.f, dense_w.data(), p.rows.data())));
}

std::array<float, kSentimentOutputs> LearnedSentiment::outputs(const SentimentFeatures& f) const {
  if (!hashed_.empty()) {
    const int shift = 32 - hash_bits_;  // parse() fills hashed_ only when hash_bits_ > 0: bucket(h) is h >> shift
    return sums_get(sum_features(f, dense_w.data(), [&](std::uint32_t h) { return hashed_.row(h >> shift); }));
  }
  if (hash_bits_)  // a model being trained: hashed_w changes between calls
    return sums_get(sum_features(f, dense_w.data(), [&](std::uint32_t h) {
      return &hashed_w[std::size_t{bucket(h)} * kSentimentOutputs];
    }));
  SentimentFeatures dense_only;  // no hashed table: the dense features alone
  dense_only.dense = f.dense;
  return sums_get(sum_features(dense_only, dense_w.data(), [&](std::uint32_t) { return dense_w.data(); }));
}

Sentiment LearnedSentiment::predict(const Tokenized& tk, const Sentiment& rules, const SentimentRuleStats& st,
                                    const std::uint64_t* word_fnv) const {
  thread_local SentimentFeatures f;  // reused: no allocation per call once the hash vector has grown
  extract_sentiment_dense(rules, st, &f);
  extract_sentiment_hashes(tk, &f, word_fnv);
  return from_outputs(rules, outputs(f));
}


std::string LearnedSentiment::serialize(std::string_view provenance) const {
  std::string out(kMagic, sizeof kMagic);
  put<std::uint32_t>(out, kVersion);
  put<std::uint32_t>(out, kSentimentDense);
  put<std::uint32_t>(out, kSentimentOutputs);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(hash_bits_));
  put<std::uint32_t>(out, static_cast<std::uint32_t>(provenance.size()));
  out.append(provenance);
  for (float w : dense_w) put(out, w);
  std::size_t rows = hash_bits_ ? std::size_t{1} << hash_bits_ : 0;
  auto nonzero = [&](std::size_t r) {
    for (int k = 0; k < kSentimentOutputs; ++k)
      if (hashed_w[r * kSentimentOutputs + k] != 0.f) return true;
    return false;
  };
  std::uint32_t count = 0;
  for (std::size_t r = 0; r < rows; ++r) count += nonzero(r);
  put(out, count);
  for (std::size_t r = 0; r < rows; ++r) {
    if (!nonzero(r)) continue;
    put(out, static_cast<std::uint32_t>(r));
    for (int k = 0; k < kSentimentOutputs; ++k) put(out, hashed_w[r * kSentimentOutputs + k]);
  }
  put(out, fnv64(out));
  return out;
}

std::unique_ptr<LearnedSentiment> LearnedSentiment::parse(std::string_view bytes) {
  if (bytes.size() < sizeof kMagic + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return nullptr;
  std::uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (fnv64(body) != stored) return nullptr;
  Reader r{body, sizeof kMagic};
  if (r.get<std::uint32_t>() != kVersion || r.get<std::uint32_t>() != kSentimentDense ||
      r.get<std::uint32_t>() != kSentimentOutputs)
    return nullptr;
  std::uint32_t bits = r.get<std::uint32_t>();
  if (!r.ok || bits > 24) return nullptr;
  auto m = std::make_unique<LearnedSentiment>(static_cast<int>(bits));
  std::uint32_t plen = r.get<std::uint32_t>();
  if (!r.ok || r.pos + plen > body.size()) return nullptr;
  m->provenance_.assign(body.substr(r.pos, plen));
  r.pos += plen;
  for (float& w : m->dense_w) w = r.get<float>();
  std::uint32_t count = r.get<std::uint32_t>();
  std::size_t rows = bits ? std::size_t{1} << bits : 0;
  for (std::uint32_t i = 0; i < count && r.ok; ++i) {
    std::uint32_t row = r.get<std::uint32_t>();
    if (row >= rows) return nullptr;
    for (int k = 0; k < kSentimentOutputs; ++k) m->hashed_w[std::size_t{row} * kSentimentOutputs + k] = r.get<float>();
  }
  if (!r.ok || r.pos != body.size()) return nullptr;
  if (bits) m->hashed_ = SparseWeights(m->hashed_w, kSentimentOutputs);
  return m;
}

std::unique_ptr<LearnedSentiment> LearnedSentiment::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str());
}

}  // namespace parley::text
