// The analyser: everything parley understands of one post, in one call. It owns the loaded models (the
// sentiment lexicons, the intent model, the organisation's entity matcher), so build it once and share it:
// analyze() is const and thread-safe.
#pragma once

#include <memory>
#include <vector>

#include "parley/core/post.h"
#include "parley/core/status.h"
#include "parley/text/analysis.h"
#include "parley/text/gazetteer.h"

namespace parley::text {

class SentimentModel;
class IntentModel;

class Analyzer {
 public:
  // Loads the shipped models from data/ (parley::data_path) and builds the matcher for `entities` (the
  // organisation's products, competitors, campaigns and keywords; may be empty).
  static Result<std::unique_ptr<Analyzer>> create(std::vector<GazetteerEntry> entities);
  ~Analyzer();

  // Everything but near-duplicate grouping, which needs the other posts (NearDuplicateIndex).
  Analysis analyze(const Post& p) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }

 private:
  Analyzer() = default;
  const SentimentModel* sentiment_ = nullptr;  // the process-wide instance
  std::unique_ptr<IntentModel> intent_;
  std::unique_ptr<Gazetteer> gazetteer_;
  // The same entities plus the risk terms (risk_term_entries()) in one automaton: analyze() finds both in
  // one pass over the text instead of two. gazetteer_ stays for callers of gazetteer().
  std::unique_ptr<Gazetteer> entities_and_risk_;
};

}  // namespace parley::text
