#include "parley/text/analysis.h"

namespace parley::text {

std::string_view to_string(SentimentClass c) {
  switch (c) {
    case SentimentClass::negative: return "negative";
    case SentimentClass::neutral: return "neutral";
    case SentimentClass::positive: return "positive";
  }
  return "neutral";
}

std::string_view to_string(Intent i) {
  switch (i) {
    case Intent::complaint: return "complaint";
    case Intent::praise: return "praise";
    case Intent::question: return "question";
    case Intent::suggestion: return "suggestion";
    case Intent::other: return "other";
  }
  return "other";
}

std::string_view to_string(EntityKind k) {
  switch (k) {
    case EntityKind::product: return "product";
    case EntityKind::competitor: return "competitor";
    case EntityKind::campaign: return "campaign";
    case EntityKind::keyword: return "keyword";
  }
  return "keyword";
}

std::optional<EntityKind> parse_entity_kind(std::string_view s) {
  for (auto k : {EntityKind::product, EntityKind::competitor, EntityKind::campaign, EntityKind::keyword})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<Intent> parse_intent(std::string_view s) {
  for (auto i : {Intent::complaint, Intent::praise, Intent::question, Intent::suggestion, Intent::other})
    if (to_string(i) == s) return i;
  return std::nullopt;
}

std::optional<SentimentClass> parse_sentiment_class(std::string_view s) {
  for (auto c : {SentimentClass::negative, SentimentClass::neutral, SentimentClass::positive})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

}  // namespace parley::text
