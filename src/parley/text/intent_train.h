// Training the intent model: the labelled corpus reader, the BANKING77/CLINC150 label mappings, and a
// deterministic AdaGrad trainer for multinomial logistic regression. Used by tools/train_intent and the
// evaluation code; nothing here runs at ingest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/status.h"
#include "parley/text/analysis.h"
#include "parley/text/intent_features.h"

namespace parley::text {

// One row of data/intent/corpus.tsv (set, id, label, spam, split, text).
struct IntentCorpusRow {
  std::string set, id;
  Intent label = Intent::other;
  bool spam = false;
  bool test = false;
  std::string text;
  // Rows sharing a group must stay on one side of any split: the sentences of one Amazon review.
  std::string group() const;
};
Result<std::vector<IntentCorpusRow>> read_intent_corpus(const std::string& path);
bool parse_intent(std::string_view s, Intent& out);

// RFC 4180 records (quoted fields, doubled quotes, newlines inside quotes). The header is record 0.
std::vector<std::vector<std::string>> read_csv_records(std::string_view data);
Result<std::string> read_file(const std::string& path);

struct IntentExample {
  std::string text;
  Intent label = Intent::other;
  bool auxiliary = false;  // from BANKING77/CLINC150 rather than social posts
};

// BANKING77 category -> intent: failures, wrong charges and declines are complaints; the rest are requests
// for information or help, i.e. questions. Exposed so docs and tests can list it.
Intent banking77_intent(std::string_view category);
// CLINC150 intent -> intent: information requests are questions; commands to an assistant, chit-chat and
// out-of-scope are other; a few failure reports are complaints; thank_you is praise.
Intent clinc150_intent(std::string_view intent);

// Up to `per_category` examples of every category, the ones with the lowest text hash (a fixed, even draw).
Result<std::vector<IntentExample>> load_banking77(const std::string& shared_dir, int per_category);
Result<std::vector<IntentExample>> load_clinc150(const std::string& shared_dir, int per_category);
// VADER's lexicon as word -> mean valence.
Result<IntentValence> load_vader_valence(const std::string& shared_dir);

struct IntentTrainConfig {
  int epochs = 10;
  float learning_rate = 0.1f;
  float l2 = 1e-5f;           // applied to the buckets an example touches
  float aux_weight = 0.3f;    // loss weight of BANKING77/CLINC150 examples relative to corpus posts
  float balance = 0.5f;       // class weight = (mean class size / class size)^balance, from corpus rows
  std::uint64_t seed = 20240611;
};

struct FeaturizedExample {
  std::vector<std::uint32_t> features;
  int label = 0;
  bool auxiliary = false;
};
FeaturizedExample featurize(std::string_view text, Intent label, bool auxiliary, const IntentValence& valence);

// Dense weights (kIntentBuckets x kIntentClasses). Deterministic: same inputs and seed, same bytes.
std::vector<float> train_intent(const std::vector<const FeaturizedExample*>& data, const IntentTrainConfig& cfg);

}  // namespace parley::text
