// What parley understands of one post. Computed at ingest and by `parley analyze`; every field is derived
// from the post's text and metadata by the components in src/parley/text/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::text {

enum class SentimentClass : std::uint8_t { negative, neutral, positive };
enum class Intent : std::uint8_t { complaint, praise, question, suggestion, other };

std::string_view to_string(SentimentClass c);
std::string_view to_string(Intent i);

struct Sentiment {
  double compound = 0;  // [-1, 1], VADER's normalised sum
  double pos = 0, neu = 1, neg = 0;  // proportions of the text, as in VADER
  SentimentClass label = SentimentClass::neutral;  // compound >= 0.05 positive, <= -0.05 negative
};

struct IntentResult {
  Intent label = Intent::other;
  double confidence = 0;       // probability of `label`, [0, 1]
  bool spam = false;           // spam or promotion
};

enum class EntityKind : std::uint8_t { product, competitor, campaign, keyword };

std::string_view to_string(EntityKind k);
std::optional<EntityKind> parse_entity_kind(std::string_view s);
std::optional<Intent> parse_intent(std::string_view s);
std::optional<SentimentClass> parse_sentiment_class(std::string_view s);

struct EntityMatch {
  EntityKind kind = EntityKind::keyword;
  std::string name;             // canonical name from the organisation's config
  std::uint32_t begin = 0, end = 0;  // byte range in the normalised text
};

struct Analysis {
  std::string language = "und";  // ISO 639-1 code, or "und" when unsure
  Sentiment sentiment;
  IntentResult intent;
  int urgency = 0;               // 0-100, see docs/analysis.md
  std::vector<EntityMatch> entities;
  std::vector<std::string> key_phrases;
  std::uint64_t simhash = 0;     // 64-bit SimHash over word shingles
};

}  // namespace parley::text
