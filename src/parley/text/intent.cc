#include "parley/text/intent.h"

#include <cmath>
#include <cstring>
#include <fstream>

#include "parley/core/data_dir.h"

namespace parley::text {

namespace {

// File layout (little-endian, as written by the x86-64/ARM64 machines parley targets):
//   "PRLYINT2", u32 classes, u32 buckets_log2, u32 rows, rows x {u32 bucket, f32 w[classes]},
//   u32 valence_slots, valence_slots x {u64 hash}, valence_slots x {f32 valence}
constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'I', 'N', 'T', '2'};  // 2: brand-directed cues, sentiment bands

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

struct Reader {
  const std::string& s;
  std::size_t pos = 0;
  template <typename T>
  bool get(T& v) {
    if (s.size() - pos < sizeof v) return false;
    std::memcpy(&v, s.data() + pos, sizeof v);
    pos += sizeof v;
    return true;
  }
};

}  // namespace

IntentModel::IntentModel(std::vector<float> weights, IntentValence valence)
    : weights_(std::move(weights)), table_(weights_, kIntentClasses), valence_(std::move(valence)) {}

Result<IntentModel> IntentModel::load_default() { return load(data_path("intent/intent.model")); }

Result<IntentModel> IntentModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open intent model " + path + " (run `make train-intent`?)");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bad = [&](const char* why) { return Status::error("intent model " + path + " is corrupt: " + why); };
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return bad("not a parley intent model (bad magic)");
  Reader r{data, sizeof kMagic};
  std::uint32_t classes = 0, log2 = 0, rows = 0;
  if (!r.get(classes) || !r.get(log2) || !r.get(rows)) return bad("truncated header");
  if (classes != kIntentClasses || log2 != kIntentBucketsLog2)
    return bad("built for a different feature layout; retrain with this version of train_intent");
  std::vector<float> w(std::size_t(kIntentBuckets) * kIntentClasses, 0.f);
  for (std::uint32_t i = 0; i < rows; ++i) {
    std::uint32_t b = 0;
    if (!r.get(b)) return bad("truncated weights");
    if (b >= kIntentBuckets) return bad("bucket out of range");
    for (int k = 0; k < kIntentClasses; ++k)
      if (!r.get(w[std::size_t(b) * kIntentClasses + k])) return bad("truncated weights");
  }
  std::uint32_t slots = 0;
  if (!r.get(slots) || (slots & (slots - 1)) != 0) return bad("bad valence table size");
  if (data.size() - r.pos != std::size_t(slots) * 12) return bad("valence table size mismatch");
  std::vector<std::uint64_t> keys(slots);
  std::vector<float> values(slots);
  for (auto& k : keys) r.get(k);
  for (auto& v : values) r.get(v);
  IntentValence valence;
  valence.assign(std::move(keys), std::move(values));
  return IntentModel(std::move(w), std::move(valence));
}

Status IntentModel::save(const std::string& path) const {
  std::string out(kMagic, sizeof kMagic);
  put(out, std::uint32_t(kIntentClasses));
  put(out, std::uint32_t(kIntentBucketsLog2));
  std::uint32_t rows = 0;
  for (std::uint32_t b = 0; b < kIntentBuckets; ++b)
    for (int k = 0; k < kIntentClasses; ++k)
      if (weights_[std::size_t(b) * kIntentClasses + k] != 0.f) {
        ++rows;
        break;
      }
  put(out, rows);
  for (std::uint32_t b = 0; b < kIntentBuckets; ++b) {
    const float* w = &weights_[std::size_t(b) * kIntentClasses];
    bool any = false;
    for (int k = 0; k < kIntentClasses; ++k) any |= w[k] != 0.f;
    if (!any) continue;
    put(out, b);
    for (int k = 0; k < kIntentClasses; ++k) put(out, w[k]);
  }
  put(out, std::uint32_t(valence_.keys().size()));
  for (auto k : valence_.keys()) put(out, k);
  for (auto v : valence_.values()) put(out, v);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Status::error("cannot write intent model " + path);
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!f) return Status::error("write failed for intent model " + path);
  return Status::ok();
}

std::array<double, kIntentClasses> IntentModel::probabilities(const Tokenized& t) const {
  return probabilities(t, nullptr);
}

std::array<double, kIntentClasses> IntentModel::probabilities(const Tokenized& t, bool* spam,
                                                            const double* compound) const {
  IntentFeatures f;
  f.weights = &table_;
  extract_intent_features(t, &valence_, f, spam, compound);
  // Find every feature's row and prefetch it before summing, so that the rows' cache misses overlap rather
  // than each waiting behind the previous feature's additions.
  std::array<const float*, IntentFeatures::kMax> rows;
  table_.rows(f.index.data(), f.n, rows.data());
  // The five sums in registers (an array here lived on the stack, one store and reload per addition), each
  // accumulated in feature order as before.
  float z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0;
  static_assert(kIntentClasses == 5);
  for (std::size_t i = 0; i < f.n; ++i) {
    const float* w = rows[i];
    z0 += w[0];
    z1 += w[1];
    z2 += w[2];
    z3 += w[3];
    z4 += w[4];
  }
  const std::array<float, kIntentClasses> z = {z0, z1, z2, z3, z4};
  float mx = z[0];
  for (float v : z) mx = v > mx ? v : mx;
  std::array<double, kIntentClasses> p{};
  double sum = 0;
  for (int k = 0; k < kIntentClasses; ++k) sum += p[k] = std::exp(double(z[k] - mx));
  for (auto& v : p) v /= sum;
  return p;
}

IntentResult IntentModel::classify(const Tokenized& t) const { return classify_with(t, nullptr); }

IntentResult IntentModel::classify(const Tokenized& t, const Sentiment& sentiment) const {
  return classify_with(t, &sentiment.compound);
}

IntentResult IntentModel::classify_with(const Tokenized& t, const double* compound) const {
  IntentResult r;
  auto p = probabilities(t, &r.spam, compound);
  int best = 0;
  for (int k = 1; k < kIntentClasses; ++k)
    if (p[k] > p[best]) best = k;
  r.label = static_cast<Intent>(best);
  r.confidence = p[best];
  return r;
}

}  // namespace parley::text
