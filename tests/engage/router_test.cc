#include "parley/engage/router.h"

#include <gtest/gtest.h>

namespace parley::engage {
namespace {

RoutingRule rule(std::string name, std::string team) {
  RoutingRule r;
  r.name = std::move(name);
  r.team = std::move(team);
  r.line = 10;
  return r;
}

Post post(std::string text, std::string source = "x") {
  Post p;
  p.source = std::move(source);
  p.external_id = "1";
  p.author.handle = "ana";
  p.text = std::move(text);
  return p;
}

text::Analysis analysis(text::Intent intent, text::SentimentClass s = text::SentimentClass::neutral, int urgency = 0,
                        std::string lang = "en") {
  text::Analysis a;
  a.intent.label = intent;
  a.sentiment.label = s;
  a.urgency = urgency;
  a.language = std::move(lang);
  return a;
}

TEST(Router, FirstMatchingRuleWins) {
  EngageConfig c;
  auto spam = rule("spam", "");
  spam.spam = true;
  spam.ignore = true;
  auto es = rule("spanish-complaints", "care-es");
  es.intents = {text::Intent::complaint};
  es.languages = {"es"};
  auto complaints = rule("complaints", "care-en");
  complaints.intents = {text::Intent::complaint, text::Intent::question};
  c.rules = {spam, es, complaints};

  auto d = route(post("mi factura está mal"), analysis(text::Intent::complaint, text::SentimentClass::negative, 40, "es"), c);
  EXPECT_TRUE(d.matched);
  EXPECT_EQ(d.team, "care-es");
  EXPECT_EQ(d.rules, std::vector<std::string>{"spanish-complaints"});
  EXPECT_NE(d.explanation.find("language es"), std::string::npos) << d.explanation;

  d = route(post("my bill is wrong"), analysis(text::Intent::complaint), c);
  EXPECT_EQ(d.team, "care-en");

  auto a = analysis(text::Intent::other);
  a.intent.spam = true;
  d = route(post("buy followers"), a, c);
  EXPECT_TRUE(d.ignore);
  EXPECT_TRUE(d.team.empty());

  d = route(post("nice weather"), analysis(text::Intent::other), c);
  EXPECT_FALSE(d.matched);
}

TEST(Router, ContinueCollectsTagsSkillsAndHighestPriority) {
  EngageConfig c;
  auto risk = rule("risk", "");
  risk.keywords = {"Lawyer", "outage"};
  risk.priority = Priority::urgent;
  risk.tags = {"risk"};
  risk.required_skills = {{"crisis", 3}};
  risk.continue_ = true;
  auto comp = rule("competitor", "");
  comp.topics = {"competitor"};
  comp.tags = {"competitor", "risk"};
  comp.priority = Priority::low;  // never lowers what an earlier rule raised
  comp.continue_ = true;
  auto care = rule("care", "care-en");
  care.intents = {text::Intent::complaint};
  care.required_skills = {{"crisis", 2}, {"billing", 2}};
  care.sla = "standard";
  c.rules = {risk, comp, care};
  c.default_sla = "fallback";

  auto a = analysis(text::Intent::complaint, text::SentimentClass::negative, 80);
  text::EntityMatch m;
  m.kind = text::EntityKind::competitor;
  m.name = "Contoso";
  a.entities.push_back(m);
  auto d = route(post("Talking to my LAWYER, switching to Contoso"), a, c);
  EXPECT_EQ(d.team, "care-en");
  EXPECT_EQ(d.priority, Priority::urgent);
  EXPECT_EQ(d.tags, (std::vector<std::string>{"risk", "competitor"}));
  EXPECT_EQ(d.required_skills.at("crisis"), 3);
  EXPECT_EQ(d.required_skills.at("billing"), 2);
  EXPECT_EQ(d.sla, "standard");
  EXPECT_EQ(d.rules.size(), 3u);

  // Only the continue rules match: tags but no team, so no case; the default SLA is filled in.
  d = route(post("outage again"), analysis(text::Intent::other), c);
  EXPECT_FALSE(d.matched);
  EXPECT_EQ(d.tags, std::vector<std::string>{"risk"});
  EXPECT_EQ(d.sla, "fallback");
}

TEST(Router, ConditionsOnChannelAudienceAuthorUrgencyAndSentiment) {
  RoutingRule r = rule("internal", "experts");
  r.audience = Audience::internal;
  r.author_kinds = {AuthorKind::employee};
  r.channels = {"slack"};
  r.min_urgency = 10;
  r.max_urgency = 50;
  r.sentiments = {text::SentimentClass::neutral, text::SentimentClass::negative};
  Post p = post("how do I refund a fiber order?", "slack");
  p.audience = Audience::internal;
  p.author.kind = AuthorKind::employee;
  auto a = analysis(text::Intent::question, text::SentimentClass::neutral, 20);
  std::string why;
  EXPECT_TRUE(rule_matches(r, p, a, "how do i refund a fiber order?", &why));
  EXPECT_NE(why.find("audience internal"), std::string::npos) << why;

  auto hot = a;
  hot.urgency = 51;
  EXPECT_FALSE(rule_matches(r, p, hot, "", nullptr));
  auto happy = a;
  happy.sentiment.label = text::SentimentClass::positive;
  EXPECT_FALSE(rule_matches(r, p, happy, "", nullptr));
  Post pub = p;
  pub.audience = Audience::public_;
  EXPECT_FALSE(rule_matches(r, pub, a, "", nullptr));
  Post other_channel = p;
  other_channel.source = "x";
  EXPECT_FALSE(rule_matches(r, other_channel, a, "", nullptr));
  Post customer = p;
  customer.author.kind = AuthorKind::customer;
  EXPECT_FALSE(rule_matches(r, customer, a, "", nullptr));
}

TEST(Router, LanguageFallsBackToTheSourcesTagWhenUndetermined) {
  RoutingRule r = rule("pt", "care-pt");
  r.languages = {"pt"};
  Post p = post("ok");
  p.language = "pt-BR";
  auto a = analysis(text::Intent::other, text::SentimentClass::neutral, 0, "und");
  EXPECT_TRUE(rule_matches(r, p, a, "ok", nullptr));
  a.language = "es";
  EXPECT_FALSE(rule_matches(r, p, a, "ok", nullptr));
}

TEST(Router, EmptyConfigRoutesNothing) {
  EngageConfig c;
  auto d = route(post(""), analysis(text::Intent::complaint), c);
  EXPECT_FALSE(d.matched);
  EXPECT_FALSE(d.ignore);
}

}  // namespace
}  // namespace parley::engage
