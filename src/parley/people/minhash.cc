#include "parley/people/minhash.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "parley/people/stem_words.h"
#include "parley/text/simhash.h"

namespace parley::people {

namespace {

// text::mix64 (splitmix64's finaliser) turns one shingle hash into kMinHashes independent-looking hashes
// cheaply, which is the usual substitute for kMinHashes separate hash functions.
using text::mix64;

const std::array<std::uint64_t, kMinHashes>& seeds() {
  static const std::array<std::uint64_t, kMinHashes> s = [] {
    std::array<std::uint64_t, kMinHashes> a{};
    std::uint64_t x = 0x5eed5eed5eed5eedull;
    for (auto& v : a) v = mix64(x += 0x9e3779b97f4a7c15ull);
    return a;
  }();
  return s;
}

std::vector<std::uint64_t> shingle_hashes(std::span<const std::string> words, int shingle) {
  std::vector<std::uint64_t> out;
  if (words.empty()) return out;
  const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(std::max(shingle, 1)), words.size());
  std::string buf;
  for (std::size_t i = 0; i + k <= words.size(); ++i) {
    buf.clear();
    for (std::size_t j = 0; j < k; ++j) {
      if (j) buf.push_back(' ');
      buf += words[i + j];
    }
    out.push_back(text::hash64(buf));
  }
  return out;
}

}  // namespace

MinHash minhash(std::span<const std::string> words, int shingle) {
  MinHash sig;
  sig.fill(std::numeric_limits<std::uint64_t>::max());
  const auto& s = seeds();
  for (std::uint64_t h : shingle_hashes(words, shingle))
    for (int i = 0; i < kMinHashes; ++i) sig[i] = std::min(sig[i], mix64(h ^ s[i]));
  return sig;
}

MinHash minhash_text(std::string_view text, int shingle) {
  std::vector<std::string> words;
  for (auto& w : split_words(text)) words.push_back(std::move(w.folded));
  return minhash(words, shingle);
}

double estimated_jaccard(const MinHash& a, const MinHash& b) {
  int same = 0;
  for (int i = 0; i < kMinHashes; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kMinHashes;
}

double exact_jaccard(std::span<const std::string> a, std::span<const std::string> b, int shingle) {
  auto ha = shingle_hashes(a, shingle), hb = shingle_hashes(b, shingle);
  std::unordered_set<std::uint64_t> sa(ha.begin(), ha.end()), sb(hb.begin(), hb.end());
  if (sa.empty() && sb.empty()) return 1.0;
  std::size_t inter = 0;
  for (auto h : sa) inter += sb.contains(h);
  return static_cast<double>(inter) / static_cast<double>(sa.size() + sb.size() - inter);
}

std::uint64_t LshIndex::band_key(const MinHash& sig, int band) {
  std::uint64_t k = 0x12345678ull + static_cast<std::uint64_t>(band);
  for (int r = 0; r < kRows; ++r) k = mix64(k ^ sig[static_cast<std::size_t>(band * kRows + r)]);
  return k;
}

std::uint32_t LshIndex::add(const MinHash& sig) {
  const auto item = static_cast<std::uint32_t>(sigs_.size());
  sigs_.push_back(sig);
  for (int b = 0; b < kBands; ++b) buckets_[static_cast<std::size_t>(b)][band_key(sig, b)].push_back(item);
  return item;
}

std::vector<std::uint32_t> LshIndex::candidates(const MinHash& sig) const {
  std::vector<std::uint32_t> out;
  for (int b = 0; b < kBands; ++b) {
    const auto& m = buckets_[static_cast<std::size_t>(b)];
    auto it = m.find(band_key(sig, b));
    if (it != m.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint32_t> LshIndex::similar(const MinHash& sig, double threshold) const {
  std::vector<std::uint32_t> out;
  for (auto c : candidates(sig))
    if (estimated_jaccard(sig, sigs_[c]) >= threshold) out.push_back(c);
  return out;
}

}  // namespace parley::people
