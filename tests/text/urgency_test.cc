#include "parley/text/urgency.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace parley::text {
namespace {

UrgencyInputs praise() { return {.sentiment_compound = 0.8, .intent = Intent::praise, .followers = 300}; }
UrgencyInputs neutral_question() { return {.sentiment_compound = 0.0, .intent = Intent::question, .followers = 300}; }
UrgencyInputs mild_complaint() { return {.sentiment_compound = -0.3, .intent = Intent::complaint, .followers = 300}; }
UrgencyInputs legal_threat_big_account() {
  return {.sentiment_compound = -0.7, .intent = Intent::complaint, .followers = 100000, .risk = risk_legal,
          .exclamations = 2};
}

TEST(Urgency, OrdersTypicalPosts) {
  int legal = urgency(legal_threat_big_account()), mild = urgency(mild_complaint()),
      question = urgency(neutral_question()), thanks = urgency(praise());
  EXPECT_GT(legal, mild);
  EXPECT_GT(mild, question);
  EXPECT_GT(question, thanks);
  EXPECT_EQ(thanks, 0);
  EXPECT_GE(legal, 70);
  EXPECT_LE(legal, 100);
  std::printf("urgency: legal threat %d > mild complaint %d > neutral question %d > praise %d\n", legal, mild,
              question, thanks);
}

TEST(Urgency, AnUnansweredQuestionOutranksAnAnsweredOne) {
  auto q = neutral_question();
  auto waiting = q;
  waiting.unanswered_question = true;
  EXPECT_GT(urgency(waiting), urgency(q));
}

TEST(Urgency, SafetyOutranksOutageOutranksNothing) {
  auto base = mild_complaint();
  auto outage = base, safety = base;
  outage.risk = risk_outage;
  safety.risk = risk_safety;
  EXPECT_GT(urgency(safety), urgency(outage));
  EXPECT_GT(urgency(outage), urgency(base));
}

TEST(Urgency, ReachAmplifiesComplaintsButNotPraise) {
  auto small = mild_complaint(), big = mild_complaint();
  big.followers = 1000000;
  EXPECT_GT(urgency(big), urgency(small));
  auto fan = praise();
  fan.followers = 5000000;
  EXPECT_EQ(urgency(fan), 0);
}

// Monotonic in every input, checked over a grid of starting points: improving any one signal never lowers
// the score, and adding risk terms never lowers it.
TEST(Urgency, MonotonicInEachInput) {
  const Intent order[] = {Intent::praise, Intent::other, Intent::suggestion, Intent::question, Intent::complaint};
  for (double compound : {0.9, 0.2, 0.0, -0.2, -0.6, -1.0})
    for (int ii = 0; ii < 5; ++ii)
      for (std::uint64_t followers : {0ull, 50ull, 1000ull, 100000ull, 50000000ull})
        for (unsigned risk = 0; risk < 16; ++risk) {
          UrgencyInputs in{.sentiment_compound = compound, .intent = order[ii], .followers = followers,
                           .risk = risk, .caps_share = 0.2, .exclamations = 1};
          int u = urgency(in);
          ASSERT_GE(u, 0);
          ASSERT_LE(u, 100);
          auto more = in;
          more.sentiment_compound -= 0.1;
          EXPECT_GE(urgency(more), u);
          if (ii + 1 < 5) { more = in; more.intent = order[ii + 1]; EXPECT_GE(urgency(more), u); }
          more = in; more.followers = followers * 10 + 1; EXPECT_GE(urgency(more), u);
          for (unsigned bit = 1; bit < 16; bit <<= 1) { more = in; more.risk |= bit; EXPECT_GE(urgency(more), u); }
          more = in; more.caps_share = 0.9; EXPECT_GE(urgency(more), u);
          more = in; more.exclamations = 4; EXPECT_GE(urgency(more), u);
          more = in; more.unanswered_question = true; EXPECT_GE(urgency(more), u);
          more = in; more.intent_confidence = 0.5; EXPECT_LE(urgency(more), u);
        }
}

TEST(Urgency, OutOfRangeInputsAreClamped) {
  UrgencyInputs in{.sentiment_compound = -50, .intent = Intent::complaint, .followers = ~0ull, .risk = ~0u,
                   .caps_share = 7, .exclamations = 1000};
  EXPECT_LE(urgency(in), 100);
  EXPECT_GE(urgency(in), 95);
  EXPECT_EQ(urgency({.sentiment_compound = 1e9, .intent = Intent::praise, .exclamations = -3}), 0);
}

TEST(RiskTerms, FindsEachCategoryInSeveralLanguages) {
  EXPECT_EQ(risk_terms("I'm calling my lawyer"), risk_legal);
  EXPECT_EQ(risk_terms("the charger caught FIRE"), risk_safety);
  EXPECT_EQ(risk_terms("internet is down again, no signal"), risk_outage);
  EXPECT_EQ(risk_terms("I want a refund or I switch to Contoso"), risk_churn);
  EXPECT_EQ(risk_terms("voy a demandar a la empresa, el router echó humo"), risk_legal | risk_safety);
  EXPECT_EQ(risk_terms("a internet não funciona, vou cancelar"), risk_outage | risk_churn);
  EXPECT_EQ(risk_terms("Das Internet funktioniert nicht, ich werde kündigen"), risk_outage | risk_churn);
  EXPECT_EQ(risk_terms("panne depuis hier, je vais résilier"), risk_outage | risk_churn);
  EXPECT_EQ(risk_terms("thanks, great service"), 0u);
  EXPECT_EQ(risk_terms("courtesy and a suitcase"), 0u);  // word boundaries: not "court", not "sue"
}

TEST(Shouting, CapsShareAndExclamations) {
  auto s = shouting("THIS IS the WORST!!!");
  EXPECT_EQ(s.exclamations, 3);
  EXPECT_NEAR(s.caps_share, 11.0 / 14.0, 1e-9);
  EXPECT_EQ(shouting("I am fine").caps_share, 0);  // single capitals are not shouting
  EXPECT_NEAR(shouting("ÉCOUTEZ").caps_share, 1.0, 1e-9);
  EXPECT_EQ(shouting("").caps_share, 0);
}

TEST(Urgency, RiskTermsNeverLowerUrgencyEndToEnd) {
  const char* calm = "my order is late";
  const char* risky = "my order is late, I will sue and cancel, the box was on fire";
  UrgencyInputs a{.sentiment_compound = -0.2, .intent = Intent::complaint, .risk = risk_terms(calm)};
  UrgencyInputs b = a;
  b.risk = risk_terms(risky);
  EXPECT_EQ(b.risk, risk_legal | risk_churn | risk_safety);
  EXPECT_GT(urgency(b), urgency(a));
}

}  // namespace
}  // namespace parley::text
