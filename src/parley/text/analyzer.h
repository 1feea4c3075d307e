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

  // The parts of an Analysis a caller can ask for. A part computes what it depends on (intent needs the
  // sentiment; urgency needs sentiment, intent, risk terms and shouting; key phrases need the language),
  // but not what nobody asked for: `parley analyze --fields sentiment` pays for tokens and sentiment only.
  enum Part : unsigned {
    kLanguage = 1u << 0,
    kSentiment = 1u << 1,
    kIntent = 1u << 2,      // label, confidence and the spam flag
    kUrgency = 1u << 3,
    kEntities = 1u << 4,
    kKeyPhrases = 1u << 5,
    kSimHash = 1u << 6,
    kAllParts = (1u << 7) - 1,
  };
  // Everything but near-duplicate grouping, which needs the other posts (NearDuplicateIndex). Fields of
  // parts not asked for (nor needed by one that was) keep their defaults ("und", 0, empty).
  Analysis analyze(const Post& p, unsigned parts = kAllParts) const;

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
