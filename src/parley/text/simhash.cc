#include "parley/text/simhash.h"

#include "parley/text/load_bytes.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace parley::text {

namespace {

inline std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

#if defined(__SSE2__)
// Bit votes over all features in 64 byte counters, four SSE2 registers: a feature's bits are spread to
// bytes (each byte of the hash copied eight times by unpacks, then tested against its own bit) and every
// set bit adds one, ~20 vector instructions per feature where byte-lane SWAR took eight table loads and
// eight read-modify-write adds. Byte counters are flushed to wide ones before one can wrap (at 255).
// The four counters are separate members, never indexed, so they stay in registers.
class Votes {
 public:
  [[gnu::always_inline]] void add(std::uint64_t h) {
    const __m128i x = _mm_cvtsi64_si128(static_cast<long long>(h));
    const __m128i b2 = _mm_unpacklo_epi8(x, x);     // bytes 0..7, each twice
    const __m128i lo = _mm_unpacklo_epi16(b2, b2);  // bytes 0..3, each four times
    const __m128i hi = _mm_unpackhi_epi16(b2, b2);  // bytes 4..7
    const __m128i sel = _mm_set1_epi64x(static_cast<long long>(0x8040201008040201ull));
    // Counter v, byte i holds byte (16v + i) / 8 of the hash; AND with its bit and compare gives 0xFF (-1)
    // exactly when bit 16v + i is set, so subtracting it counts the vote.
    c0_ = _mm_sub_epi8(c0_, _mm_cmpeq_epi8(_mm_and_si128(_mm_unpacklo_epi32(lo, lo), sel), sel));
    c1_ = _mm_sub_epi8(c1_, _mm_cmpeq_epi8(_mm_and_si128(_mm_unpackhi_epi32(lo, lo), sel), sel));
    c2_ = _mm_sub_epi8(c2_, _mm_cmpeq_epi8(_mm_and_si128(_mm_unpacklo_epi32(hi, hi), sel), sel));
    c3_ = _mm_sub_epi8(c3_, _mm_cmpeq_epi8(_mm_and_si128(_mm_unpackhi_epi32(hi, hi), sel), sel));
    if (++pending_ == 255) [[unlikely]] flush();
    ++n_;
  }
  std::uint64_t result() {
    if (n_ < 255) {
      // Never flushed: bit b is set when 2 * count > n, i.e. count >= t = n / 2 + 1, i.e. when the
      // unsigned byte max of count and t is count; movemask gathers 16 of those per counter, in bit order.
      const __m128i t = _mm_set1_epi8(static_cast<char>(n_ / 2 + 1));
      auto ge = [&](__m128i c) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(c, t), c))));
      };
      return ge(c0_) | ge(c1_) << 16 | ge(c2_) << 32 | ge(c3_) << 48;
    }
    flush();
    const std::uint32_t* const counts = wide();
    std::uint64_t r = 0;
    for (int i = 0; i < 64; ++i)
      if (2 * static_cast<std::uint64_t>(counts[i]) > n_) r |= 1ull << i;
    return r;
  }

 private:
  // Out of line, as it runs once per 255 features.
  [[gnu::noinline]] static void spill(std::uint32_t* counts, __m128i c) {
    alignas(16) std::uint8_t b[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(b), c);
    for (int i = 0; i < 16; ++i) counts[i] += b[i];
  }
  void flush() {
    std::uint32_t* const counts = wide();
    if (!flushed_) {  // the wide counters are only needed past 254 features: zeroed on first use
      std::fill(counts, counts + 64, 0u);
      flushed_ = true;
    }
    spill(counts, c0_);
    spill(counts + 16, c1_);
    spill(counts + 32, c2_);
    spill(counts + 48, c3_);
    c0_ = c1_ = c2_ = c3_ = _mm_setzero_si128();
    pending_ = 0;
  }
  __m128i c0_ = _mm_setzero_si128(), c1_ = _mm_setzero_si128(), c2_ = _mm_setzero_si128(), c3_ = _mm_setzero_si128();
  // The wide counters (texts of 255+ features only) are per-thread scratch, not a member: a member array
  // passed to spill() would make the whole object addressable and keep the byte counters in memory (a
  // load and a store each per feature) instead of in registers.
  static std::uint32_t* wide() {
    thread_local std::uint32_t counts[64];
    return counts;
  }
  std::uint32_t pending_ = 0, n_ = 0;
  bool flushed_ = false;
};
#else
// byte value -> eight byte-lanes holding its bits, so one add counts 8 bits of a feature hash at once.
std::array<std::uint64_t, 256> make_spread() {
  std::array<std::uint64_t, 256> t{};
  for (int v = 0; v < 256; ++v)
    for (int j = 0; j < 8; ++j)
      if (v & (1 << j)) t[v] |= 1ull << (8 * j);
  return t;
}
const std::array<std::uint64_t, 256> kSpread = make_spread();

// Bit votes over all features, counted in byte lanes (SWAR) and flushed to wide counters before a lane
// can overflow: ~16 adds per feature instead of 64 increments.
class Votes {
 public:
  void add(std::uint64_t h) {
    for (int k = 0; k < 8; ++k) lanes_[k] += kSpread[(h >> (8 * k)) & 0xFF];
    if (++pending_ == 255) flush();
    ++n_;
  }
  std::uint64_t result() {
    if (n_ < 255) {
      // Never flushed: every count is still a byte of lanes_, so compare all eight of a lane at once. A bit
      // is set when 2 * count > n, i.e. count >= t; adding 128 - t to each byte sets its top bit exactly
      // then (count <= n <= 254 and t = n / 2 + 1 keep every byte below 256: no carry into the next), and
      // the multiply gathers the eight top bits into one byte.
      const std::uint64_t t = n_ / 2 + 1;
      const std::uint64_t bias = (128 - t) * 0x0101010101010101ull;
      std::uint64_t r = 0;
      for (int k = 0; k < 8; ++k) {
        const std::uint64_t top = ((lanes_[k] + bias) >> 7) & 0x0101010101010101ull;
        r |= ((top * 0x0102040810204080ull) >> 56) << (8 * k);
      }
      return r;
    }
    flush();
    std::uint64_t r = 0;
    for (int i = 0; i < 64; ++i)
      if (2 * counts_[i] > n_) r |= 1ull << i;
    return r;
  }

 private:
  void flush() {
    for (int k = 0; k < 8; ++k) {
      for (int j = 0; j < 8; ++j) counts_[8 * k + j] += static_cast<std::uint32_t>((lanes_[k] >> (8 * j)) & 0xFF);
      lanes_[k] = 0;
    }
    pending_ = 0;
  }
  std::array<std::uint64_t, 8> lanes_{};
  std::array<std::uint32_t, 64> counts_{};
  std::uint32_t pending_ = 0, n_ = 0;
};
#endif

template <class WordHashes>
std::uint64_t simhash_of(std::size_t n, std::size_t shingle, WordHashes&& word) {
  if (n == 0) return 0;
  Votes v;
  if (n < shingle) {
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < n; ++i) h = mix64(rotl(h, 23) ^ word(i));
    v.add(h);
    return v.result();
  }
  // Shingle hash: order-sensitive combination of the word hashes ("a b" != "b a").
  for (std::size_t i = 0; i + shingle <= n; ++i) {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < shingle; ++k) h = mix64(rotl(h, 23) ^ word(i + k));
    v.add(h);
  }
  return v.result();
}

}  // namespace

namespace {

// hash64's body given its starting state (the mix of seed and length), inline so simhash() hashes each
// word without a call.
[[gnu::always_inline]] inline std::uint64_t hash64_from(std::uint64_t h, const char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = mix64(h ^ w);
  }
  if (i < n) h = mix64(h ^ load_upto8(p + i, n - i) ^ 0xff51afd7ed558ccdull);
  return h;
}

inline std::uint64_t hash64_start(std::uint64_t seed, std::size_t n) { return mix64(seed ^ (n * 0x9e3779b97f4a7c15ull)); }

// hash64's starting state for seed 0 by length: the word hashes of simhash() skip one of their two mixes
// (a word of up to 8 bytes is then one mix, plus the shingle's).
constexpr std::size_t kStartLens = 32;
const std::array<std::uint64_t, kStartLens> kStart0 = [] {
  std::array<std::uint64_t, kStartLens> t{};
  for (std::size_t n = 0; n < kStartLens; ++n) t[n] = hash64_start(0, n);
  return t;
}();

[[gnu::always_inline]] inline std::uint64_t hash64_seed0(const char* p, std::size_t n) {
  return hash64_from(n < kStartLens ? kStart0[n] : hash64_start(0, n), p, n);
}

// For the words of up to 16 bytes read as two whole 8-byte words: by length, the mask keeping a word's
// bytes of each, and the tail constant that hash64 mixes in with a partial last word (none when the last
// word is whole).
struct ShortWord {
  std::uint64_t mask_a[17], mask_b[17], tail_a[17], tail_b[17];
};
constexpr ShortWord make_short_word() {
  ShortWord t{};
  for (int n = 0; n <= 16; ++n) {
    t.mask_a[n] = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
    t.mask_b[n] = n <= 8 ? 0 : n == 16 ? ~0ull : (1ull << (8 * (n - 8))) - 1;
    t.tail_a[n] = n < 8 ? 0xff51afd7ed558ccdull : 0;
    t.tail_b[n] = n < 16 ? 0xff51afd7ed558ccdull : 0;
  }
  return t;
}
constexpr ShortWord kShortWord = make_short_word();

// hash64(s) for a token's norm. libstdc++'s strings always own at least 16 bytes (capacity() >= 15, plus
// the terminator), so a norm of 1 to 16 bytes is read as two fixed 8-byte loads inside its own buffer and
// the bytes past its end masked off: the same words hash64 would form (zero-padded), without its branches
// on the length, which varies from word to word.
[[gnu::always_inline]] inline std::uint64_t hash64_norm(const std::string& s) {
  const std::size_t n = s.size();
#if defined(__GLIBCXX__)
  if (n - 1 < 16) {
    std::uint64_t a, b;
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + 8, 8);
    std::uint64_t h = mix64(kStart0[n] ^ (a & kShortWord.mask_a[n]) ^ kShortWord.tail_a[n]);
    if (n > 8) h = mix64(h ^ (b & kShortWord.mask_b[n]) ^ kShortWord.tail_b[n]);
    return h;
  }
#endif
  return hash64_seed0(s.data(), n);
}

}  // namespace

std::uint64_t hash64(std::string_view s, std::uint64_t seed) {
  return hash64_from(hash64_start(seed, s.size()), s.data(), s.size());
}

std::uint64_t simhash_words(std::span<const std::string_view> words, int shingle) {
  return simhash_of(words.size(), static_cast<std::size_t>(std::max(shingle, 1)), [&](std::size_t i) { return hash64(words[i]); });
}

std::uint64_t simhash(const Tokenized& t) {
  auto counts = [](const Token& tok) {
    if (tok.kind != TokenKind::word && tok.kind != TokenKind::number && tok.kind != TokenKind::hashtag) return false;
    // retweet marker, not content; compared by hand, as == "rt" is a memcmp call for every word
    return !(tok.kind == TokenKind::word && tok.norm.size() == 2 && tok.norm[0] == 'r' && tok.norm[1] == 't');
  };
  if constexpr (kShingle == 1) {
    // One word per shingle: each shingle hash is mix64(rotl(0, 23) ^ word hash) = mix64(word hash), voted
    // as it is made, with no array of word hashes.
    Votes v;
    std::size_t n = 0;
    for (const auto& tok : t.tokens)
      if (counts(tok)) {
        v.add(mix64(hash64_norm(tok.norm)));
        ++n;
      }
    return n ? v.result() : 0;
  }
  // Word hashes on the stack for typical posts; long texts fall back to the heap.
  constexpr std::size_t kStack = 128;
  std::uint64_t stack[kStack];
  std::vector<std::uint64_t> heap;
  std::uint64_t* hashes = stack;
  std::size_t n = 0;
  for (const auto& tok : t.tokens) {
    if (!counts(tok)) continue;
    if (n == kStack && heap.empty()) {
      heap.assign(stack, stack + kStack);
      hashes = nullptr;
    }
    std::uint64_t h = hash64(tok.norm);
    if (heap.empty()) hashes[n] = h;
    else heap.push_back(h);
    ++n;
  }
  const std::uint64_t* hs = heap.empty() ? stack : heap.data();
  return simhash_of(n, kShingle, [&](std::size_t i) { return hs[i]; });
}

NearDuplicateIndex::NearDuplicateIndex(int max_distance) : k_(max_distance) {
  if (k_ < 0 || k_ > 15) throw std::invalid_argument("NearDuplicateIndex: max_distance must be 0..15");
  const int blocks = k_ + 1;
  int start = 0;
  nodes_.resize(static_cast<std::size_t>(blocks));
  items_.resize(static_cast<std::size_t>(blocks));
  sparse_.resize(static_cast<std::size_t>(blocks));
  for (int b = 0; b < blocks; ++b) {
    int width = 64 / blocks + (b < 64 % blocks ? 1 : 0);
    shift_.push_back(start);
    mask_.push_back(width == 64 ? ~0ull : ((1ull << width) - 1));
    // The sketch starts right after the block: with K = 0 the one block is the whole hash and the sketch
    // repeats its low bits, which is still a valid (if useless) filter.
    sketch_rot_.push_back((start + width) % 64);
    // Dense: one head node per value. Sparse: node 0 is a placeholder so that 0 can mean "no next node".
    const std::size_t heads = width <= 16 ? std::size_t{1} << width : 1;
    nodes_[static_cast<std::size_t>(b)].resize(heads);
    items_[static_cast<std::size_t>(b)].resize(heads * Node::kCap);
    start += width;
  }
}

std::uint32_t NearDuplicateIndex::head(int b, std::uint64_t value) const {
  if (mask_[static_cast<std::size_t>(b)] <= 0xFFFF) return static_cast<std::uint32_t>(value);
  const auto& m = sparse_[static_cast<std::size_t>(b)];
  auto it = m.find(value);
  return it == m.end() ? kNone : it->second;
}

std::uint32_t NearDuplicateIndex::head_for_insert(int b, std::uint64_t value) {
  if (mask_[static_cast<std::size_t>(b)] <= 0xFFFF) return static_cast<std::uint32_t>(value);
  auto& nodes = nodes_[static_cast<std::size_t>(b)];
  auto [it, inserted] = sparse_[static_cast<std::size_t>(b)].try_emplace(value, 0);
  if (inserted) {
    it->second = static_cast<std::uint32_t>(nodes.size());
    nodes.emplace_back();
    items_[static_cast<std::size_t>(b)].resize(nodes.size() * Node::kCap);
  }
  return it->second;
}

inline std::uint32_t NearDuplicateIndex::candidates(const Node& node, std::uint32_t s) const {
  static_assert(sizeof(Node) == 64 && Node::kCap <= 16);
#if defined(__SSE2__)
  // Four sketches per SSE2 register, the whole line in four steps (the last reads count and next too; slots
  // past `count` are masked off below). Popcount by the bit-slicing adds, as SSE2 has no popcount or byte
  // shuffle; a lane is a candidate when its count is not above K.
  const __m128i q = _mm_set1_epi32(static_cast<int>(s));
  const __m128i m1 = _mm_set1_epi32(0x55555555), m2 = _mm_set1_epi32(0x33333333);
  const __m128i m4 = _mm_set1_epi32(0x0F0F0F0F), m6 = _mm_set1_epi32(0x3F), k = _mm_set1_epi32(k_);
  std::uint32_t hits = 0;
  for (int v = 0; v < 4; ++v) {
    __m128i x = _mm_xor_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(&node) + v), q);
    x = _mm_sub_epi32(x, _mm_and_si128(_mm_srli_epi32(x, 1), m1));
    x = _mm_add_epi32(_mm_and_si128(x, m2), _mm_and_si128(_mm_srli_epi32(x, 2), m2));
    x = _mm_and_si128(_mm_add_epi32(x, _mm_srli_epi32(x, 4)), m4);
    x = _mm_add_epi32(x, _mm_srli_epi32(x, 8));
    x = _mm_and_si128(_mm_add_epi32(x, _mm_srli_epi32(x, 16)), m6);
    const int far = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(x, k)));
    hits |= static_cast<std::uint32_t>(~far & 0xF) << (4 * v);
  }
#else
  std::uint32_t hits = 0;
  for (std::uint32_t i = 0; i < Node::kCap; ++i)
    hits |= static_cast<std::uint32_t>(popcount64(node.sketch[i] ^ s) <= k_) << i;
#endif
  return hits & ((1u << node.count) - 1);
}

std::uint32_t NearDuplicateIndex::find(std::uint32_t x) const {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

std::uint32_t NearDuplicateIndex::group(std::uint32_t item) const { return find(item); }

// exact_ slots: (mix64(hash) >> 32) << 32 | (item + 1), 0 = empty. The tag settles nearly every probe
// without reading hashes_[item], which is one more cache miss per add.
std::uint32_t NearDuplicateIndex::first_with(std::uint64_t hash) const {
  if (exact_.empty()) return kNone;
  const std::uint64_t m = mix64(hash), tag = m & 0xFFFFFFFF00000000ull;
  const std::size_t mask = exact_.size() - 1;
  for (std::size_t s = m & mask;; s = (s + 1) & mask) {
    const std::uint64_t slot = exact_[s];
    if (slot == 0) return kNone;
    if ((slot & 0xFFFFFFFF00000000ull) == tag) {
      const auto item = static_cast<std::uint32_t>((slot & 0xFFFFFFFFu) - 1);
      if (hashes_[item] == hash) return item;
    }
  }
}

void NearDuplicateIndex::remember_first(std::uint64_t hash, std::uint32_t item) {
  // Kept at most half full so probes stay short; grows by doubling and re-inserting the first items.
  auto put = [this](std::uint64_t h, std::uint32_t it) {
    const std::uint64_t m = mix64(h);
    const std::size_t mask = exact_.size() - 1;
    std::size_t s = m & mask;
    while (exact_[s] != 0) s = (s + 1) & mask;
    exact_[s] = (m & 0xFFFFFFFF00000000ull) | (static_cast<std::uint64_t>(it) + 1);
  };
  if ((distinct_ + 1) * 2 > exact_.size()) {
    std::vector<std::uint64_t> old;
    old.swap(exact_);
    exact_.assign(std::max<std::size_t>(1024, old.size() * 2), 0);
    for (std::uint64_t slot : old)
      if (slot != 0) {
        const auto it = static_cast<std::uint32_t>((slot & 0xFFFFFFFFu) - 1);
        put(hashes_[it], it);
      }
  }
  put(hash, item);
  ++distinct_;
}

std::vector<std::uint32_t> NearDuplicateIndex::near(std::uint64_t hash) const {
  std::vector<std::uint32_t> r;
  for (int b = 0; b <= k_; ++b) {
    const auto& nodes = nodes_[static_cast<std::size_t>(b)];
    const auto& items = items_[static_cast<std::size_t>(b)];
    const std::uint32_t s = sketch(hash, b);
    for (std::uint32_t n = head(b, block(hash, b)); n != kNone;) {
      const Node& node = nodes[n];
      for (std::uint32_t c = candidates(node, s); c; c &= c - 1) {
        const std::uint32_t first = items[n * Node::kCap + static_cast<std::uint32_t>(__builtin_ctz(c))];
        if (hamming(hashes_[first], hash) <= k_)
          for (std::uint32_t it = first; it != kNone; it = next_same_[it]) r.push_back(it);
      }
      n = node.next ? node.next : kNone;
    }
  }
  std::sort(r.begin(), r.end());
  r.erase(std::unique(r.begin(), r.end()), r.end());
  return r;
}

std::uint32_t NearDuplicateIndex::nearest_group(std::uint64_t hash) const {
  if (const std::uint32_t first = first_with(hash); first != kNone) return find(first);
  std::uint32_t best = kNone;
  for (int b = 0; b <= k_; ++b) {
    const auto& nodes = nodes_[static_cast<std::size_t>(b)];
    const auto& items = items_[static_cast<std::size_t>(b)];
    const std::uint32_t s = sketch(hash, b);
    std::uint32_t scanned = 0;
    for (std::uint32_t n = head(b, block(hash, b)); n != kNone && scanned < kMaxBucket;) {
      const Node& node = nodes[n];
      for (std::uint32_t c = candidates(node, s); c; c &= c - 1) {
        const std::uint32_t first = items[n * Node::kCap + static_cast<std::uint32_t>(__builtin_ctz(c))];
        if (hamming(hashes_[first], hash) <= k_) best = std::min(best, find(first));
      }
      scanned += node.count;
      n = node.next ? node.next : kNone;
    }
  }
  return best;
}

std::uint32_t NearDuplicateIndex::add(std::uint64_t hash) {
  const auto item = static_cast<std::uint32_t>(hashes_.size());
  // The exact-table slot and the K+1 head nodes are independent cache misses (the index is far bigger than
  // L2): ask for all of them before waiting on any, so they load in parallel. For the few posts whose hash
  // is already indexed the head prefetches are wasted, which costs less than making every new hash wait
  // for the exact probe first.
  if (!exact_.empty()) __builtin_prefetch(&exact_[mix64(hash) & (exact_.size() - 1)]);
  for (int b = 0; b <= k_; ++b)
    if (mask_[static_cast<std::size_t>(b)] <= 0xFFFF)
      __builtin_prefetch(&nodes_[static_cast<std::size_t>(b)][block(hash, b)]);
  const std::uint32_t first = first_with(hash);
  hashes_.push_back(hash);
  parent_.push_back(item);
  next_same_.push_back(kNone);
  last_same_.push_back(item);
  if (first != kNone) {
    // A copy of an indexed hash: same neighbours, so the first post's group is this post's group.
    parent_[item] = find(first);
    next_same_[last_same_[first]] = item;
    last_same_[first] = item;
    return item;
  }
  remember_first(hash, item);
  std::uint32_t heads[16];
  for (int b = 0; b <= k_; ++b) {
    heads[b] = head_for_insert(b, block(hash, b));
    if (mask_[static_cast<std::size_t>(b)] > 0xFFFF) __builtin_prefetch(&nodes_[static_cast<std::size_t>(b)][heads[b]]);
  }
  for (int b = 0; b <= k_; ++b) {
    auto& nodes = nodes_[static_cast<std::size_t>(b)];
    auto& items = items_[static_cast<std::size_t>(b)];
    const std::uint32_t s = sketch(hash, b);
    std::uint32_t n = heads[b];
    std::uint32_t scanned = 0;
    while (true) {
      Node& node = nodes[n];
      if (node.next) __builtin_prefetch(&nodes[node.next]);
      comparisons_ += node.count;
      for (std::uint32_t c = candidates(node, s); c; c &= c - 1) {
        const std::uint32_t other = items[n * Node::kCap + static_cast<std::uint32_t>(__builtin_ctz(c))];
        if (hamming(hashes_[other], hash) > k_) continue;
        // Union by smallest item number, so a group is always named by its earliest member.
        std::uint32_t a = find(other), d = find(item);
        if (a != d) parent_[std::max(a, d)] = std::min(a, d);
      }
      scanned += node.count;
      if (scanned >= kMaxBucket) break;  // full bucket: compared enough, keep no more (see kMaxBucket)
      if (node.next) {
        n = node.next;
        continue;
      }
      if (node.count < Node::kCap) {
        items[n * Node::kCap + node.count] = item;
        node.sketch[node.count++] = s;
      } else {
        const auto added = static_cast<std::uint32_t>(nodes.size());
        nodes[n].next = added;  // before emplace_back, which may move the nodes
        nodes.emplace_back();
        nodes.back().sketch[0] = s;
        nodes.back().count = 1;
        items.resize(nodes.size() * Node::kCap);
        items[added * Node::kCap] = item;
      }
      break;
    }
  }
  return item;
}

}  // namespace parley::text
