// How soon a post needs a human, 0-100. A transparent additive score, not a model: a care lead must be able
// to read why a post is at the top of the inbox. The formula and every weight are in urgency.cc (one table,
// a sentence of why each) and docs/analysis.md, "Urgency".
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "parley/text/analysis.h"
#include "parley/text/gazetteer.h"

namespace parley::text {

// Risk-term categories, as bits.
enum RiskTerm : unsigned {
  risk_legal = 1u << 0,   // lawyer, sue, lawsuit, court...
  risk_safety = 1u << 1,  // fire, injury, unsafe, smoke, burn...
  risk_outage = 1u << 2,  // outage, down, not working, no signal...
  risk_churn = 1u << 3,   // cancel, switch to, refund, chargeback...
};

// Risk terms in an NFC text (en, es, pt, de, fr), found with the Gazetteer matcher; a bit set per category.
unsigned risk_terms(std::string_view nfc_text);
// What risk_terms() matches with: one entry per category, entry i for bit i. For callers that fold the risk
// terms into a Gazetteer of their own (Gazetteer's two-list form), so one pass finds both.
std::span<const GazetteerEntry> risk_term_entries();
// The RiskTerm bits of hits on risk_term_entries() (entry numbers within that list).
unsigned risk_bits(std::span<const GazetteerHit> hits);

// Shouting signals straight from the text: share of letters in ALL-CAPS words of 2+ letters, and '!' count.
struct Shouting {
  double caps_share = 0;  // [0, 1]
  int exclamations = 0;
};
Shouting shouting(std::string_view utf8_text);

struct UrgencyInputs {
  double sentiment_compound = 0;     // [-1, 1]; only the negative side adds urgency
  Intent intent = Intent::other;
  double intent_confidence = 1;      // [0, 1]; scales the intent's points
  bool unanswered_question = false;  // the caller knows the conversation has no reply yet
  std::uint64_t followers = 0;       // author reach
  unsigned risk = 0;                 // RiskTerm bits, e.g. from risk_terms()
  double caps_share = 0;             // from shouting()
  int exclamations = 0;              // from shouting()
};

// 0-100; monotonic: more negative sentiment, more risk categories, more followers, more caps or '!', an
// unanswered question, or a more urgent intent (praise < other < suggestion < question < complaint) never
// lower the score.
int urgency(const UrgencyInputs& in);

}  // namespace parley::text
