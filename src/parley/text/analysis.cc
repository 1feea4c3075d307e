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

}  // namespace parley::text
