// A gazetteer of two lists (the analyser's entities plus the risk terms, found in one pass) must give each
// list exactly what a gazetteer of that list alone gives: same matches, offsets and order, even where the
// lists share surface forms or their matches overlap (one list's longer match must not hide the other's).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "parley/text/gazetteer.h"
#include "parley/text/tokenizer.h"
#include "parley/text/urgency.h"

namespace parley::text {
namespace {

// Overlaps with the risk terms on purpose: the same forms ("refund", "down", "sue"), forms that contain
// or extend a risk term ("Fire Max", "caught fire sale", "not working hours"), a hashtag of one ("#cancel").
std::vector<GazetteerEntry> org() {
  return {
      {EntityKind::product, "Northwind Fiber", {"NW Fiber", "Fiber Max", "Fire Max"}},
      {EntityKind::keyword, "refund", {"refund policy", "down", "sue", "#cancel"}},
      {EntityKind::campaign, "#FiberFriday", {"caught fire sale"}},
      {EntityKind::competitor, "Contoso", {"not working hours", "Café Ñandú", "光回線", "kündigen sie"}},
  };
}

const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {
      "Northwind", "Fiber", "FIBER", "Max", "Fire", "fire", "FIRE", "caught", "sale", "on", "refund", "REFUND",
      "policy", "down", "Down", "sue", "SUE", "suing", "#cancel", "#Cancel", "cancel", "cancelled", "not",
      "working", "hours", "NW", "Contoso", "café", "CAFÉ", "Ñandú", "光回線", "ドコモ", "kündigen", "KÜNDIGEN",
      "sie", "Störung", "não", "funciona", "lawyer", "court", "courtesy", "legal", "action", "switch", "to",
      "#FiberFriday", "https://x.com/fire", "www.refund.com", "mail@sue.com", "fire_x", "😂", "🔥", "ß", "İ",
      "\xC2\xA0", "\xE3\x80\x80", "\xFF", "\x80", "\xC3", "",
  };
  return p;
}

std::string random_text(std::mt19937& rng, std::size_t words) {
  static const std::vector<std::string> sep = {" ", " ", " ", "  ", "\t", "\n", ", ", ". ", "!", "", "-", "#",
                                               "@", "/", "_", "\xC2\xA0"};
  const auto& p = pieces();
  std::string t;
  for (std::size_t k = 0; k < words; ++k) {
    if (rng() % 3 == 0) t += sep[rng() % sep.size()];
    t += p[rng() % p.size()];
    t += sep[rng() % sep.size()];
  }
  return t;
}

std::string show(const std::vector<EntityMatch>& m) {
  std::string r;
  for (const auto& x : m)
    r += std::to_string(static_cast<int>(x.kind)) + ":" + x.name + "@" + std::to_string(x.begin) + "-" +
         std::to_string(x.end) + " ";
  return r;
}

std::string show(const std::vector<GazetteerHit>& h) {
  std::string r;
  for (const auto& x : h)
    r += std::to_string(x.entry) + "@" + std::to_string(x.begin) + "-" + std::to_string(x.end) + " ";
  return r;
}

void expect_split(const Gazetteer& both, const Gazetteer& first, const Gazetteer& second, const std::string& t) {
  std::vector<GazetteerHit> got{{99, 1, 2}}, want{{99, 1, 2}};  // appends after what is already there
  const auto entities = both.match_split(t, got);
  second.scan(t, want);
  ASSERT_EQ(show(entities), show(first.match(t))) << "text: " << t;
  ASSERT_EQ(show(got), show(want)) << "text: " << t;
}

TEST(GazetteerTwoLists, EachListAsIfAlone) {
  const auto a = org();
  const std::vector<GazetteerEntry> risk(risk_term_entries().begin(), risk_term_entries().end());
  for (const auto& [first, second] : std::vector<std::pair<std::vector<GazetteerEntry>, std::vector<GazetteerEntry>>>{
           {a, risk}, {risk, a}, {{}, risk}, {a, {}}, {a, a}}) {
    Gazetteer both(first, second), one(first), two(second);
    EXPECT_EQ(both.entry_count(), first.size() + second.size());
    std::mt19937 rng(7);
    expect_split(both, one, two, "");
    for (int k = 0; k < 20000; ++k) expect_split(both, one, two, random_text(rng, rng() % 24));
    for (int k = 0; k < 30; ++k) expect_split(both, one, two, random_text(rng, 2000));  // long texts
    for (const auto& p : pieces()) expect_split(both, one, two, p);
  }
}

TEST(GazetteerTwoLists, RiskBitsMatchRiskTerms) {
  const Gazetteer both(org(), risk_term_entries());
  std::mt19937 rng(9);
  for (int k = 0; k < 5000; ++k) {
    const std::string t = random_text(rng, rng() % 20);
    std::vector<GazetteerHit> hits;
    both.match_split(t, hits);
    ASSERT_EQ(risk_bits(hits), risk_terms(t)) << "text: " << t;
  }
}
}  // namespace
}  // namespace parley::text
