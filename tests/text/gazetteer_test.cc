#include "parley/text/gazetteer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parley::text {
namespace {

std::vector<GazetteerEntry> demo_entries() {
  return {
      {EntityKind::product, "Northwind Fiber", {"NW Fiber"}},
      {EntityKind::product, "Northwind Fiber Max", {}},
      {EntityKind::product, "Fiber Max", {}},
      {EntityKind::product, "N5", {}},
      {EntityKind::competitor, "Contoso", {"Contoso Telecom"}},
      {EntityKind::campaign, "Summer of Fiber", {"#SummerOfFiber"}},
      {EntityKind::keyword, "Café Ñandú", {}},
      {EntityKind::keyword, "Straße", {}},
      {EntityKind::keyword, "光回線", {}},
      {EntityKind::keyword, "C++", {}},
  };
}

// "name@[begin,end)" for every match, so expectations read like the text.
std::vector<std::string> found(const Gazetteer& g, std::string_view text) {
  std::vector<std::string> r;
  for (const auto& m : g.match(text))
    r.push_back(m.name + "=" + std::string(text.substr(m.begin, m.end - m.begin)));
  return r;
}

using V = std::vector<std::string>;

TEST(Gazetteer, CaseInsensitiveOnWordBoundaries) {
  Gazetteer g(demo_entries());
  EXPECT_EQ(found(g, "my n5 broke"), V{"N5=n5"});
  EXPECT_EQ(found(g, "the N55 is better"), V{});
  EXPECT_EQ(found(g, "AN5 and XN5"), V{});
  EXPECT_EQ(found(g, "N5, N5! (N5) N5-Pro"), (V{"N5=N5", "N5=N5", "N5=N5", "N5=N5"}));
  EXPECT_EQ(found(g, "n5"), V{"N5=n5"});
  EXPECT_EQ(found(g, "contosofan"), V{});
  EXPECT_EQ(found(g, "Contoso's support"), V{"Contoso=Contoso"});
}

TEST(Gazetteer, MultiwordAndWhitespace) {
  Gazetteer g(demo_entries());
  EXPECT_EQ(found(g, "northwind fiber!!"), V{"Northwind Fiber=northwind fiber"});
  EXPECT_EQ(found(g, "NORTHWIND   FIBER"), V{"Northwind Fiber=NORTHWIND   FIBER"});
  EXPECT_EQ(found(g, "Northwind\nFiber"), V{"Northwind Fiber=Northwind\nFiber"});
  EXPECT_EQ(found(g, "Northwind\u00a0Fiber"), V{"Northwind Fiber=Northwind\u00a0Fiber"});  // no-break space
  EXPECT_EQ(found(g, "nw fiber is down"), V{"Northwind Fiber=nw fiber"});
  EXPECT_EQ(found(g, "Northwind Fibers"), V{});
}

TEST(Gazetteer, LongestLeftmostNonOverlapping) {
  Gazetteer g(demo_entries());
  // "Northwind Fiber Max" beats both "Northwind Fiber" (shorter, same start) and "Fiber Max" (overlaps).
  EXPECT_EQ(found(g, "got Northwind Fiber Max today"), V{"Northwind Fiber Max=Northwind Fiber Max"});
  EXPECT_EQ(found(g, "Fiber Max vs Northwind Fiber"), (V{"Fiber Max=Fiber Max", "Northwind Fiber=Northwind Fiber"}));
  // When the longest candidate fails its boundary, a shorter one at the same start still wins.
  EXPECT_EQ(found(g, "Northwind Fiber Maximum"), V{"Northwind Fiber=Northwind Fiber"});
  EXPECT_EQ(found(g, "Contoso Telecom"), V{"Contoso=Contoso Telecom"});
}

TEST(Gazetteer, UnicodeCaseFolding) {
  Gazetteer g(demo_entries());
  EXPECT_EQ(found(g, "CAFÉ ÑANDÚ es genial"), V{"Café Ñandú=CAFÉ ÑANDÚ"});
  EXPECT_EQ(found(g, "café ñandú"), V{"Café Ñandú=café ñandú"});
  EXPECT_EQ(found(g, "cafe nandu"), V{});  // accents are significant
  EXPECT_EQ(found(g, "die STRASSE hier"), V{"Straße=STRASSE"});  // full folding: ß == ss
  EXPECT_EQ(found(g, "Straßenbahn"), V{});
  EXPECT_EQ(found(g, "ÉCafé Ñandú"), V{});  // a letter before is still a letter when non-ASCII
}

TEST(Gazetteer, NoSpaceScripts) {
  Gazetteer g(demo_entries());
  EXPECT_EQ(found(g, "新しい光回線が遅い"), V{"光回線=光回線"});
  EXPECT_EQ(found(g, "N5の画面が割れた"), V{"N5=N5"});
}

TEST(Gazetteer, Hashtags) {
  Gazetteer g(demo_entries());
  EXPECT_EQ(found(g, "loving #NorthwindFiber"), V{"Northwind Fiber=#NorthwindFiber"});
  EXPECT_EQ(found(g, "#summeroffiber is here"), V{"Summer of Fiber=#summeroffiber"});
  EXPECT_EQ(found(g, "summer of fiber"), V{"Summer of Fiber=summer of fiber"});
  EXPECT_EQ(found(g, "#N5 #N5Launch"), V{"N5=N5"});
  EXPECT_EQ(found(g, "ab#SummerOfFiber"), V{});
  EXPECT_EQ(found(g, "@contoso help"), V{"Contoso=contoso"});
  EXPECT_EQ(found(g, "I code in C++ daily, C++20"), (V{"C++=C++", "C++=C++"}));
}

TEST(Gazetteer, NothingInsideUrls) {
  Gazetteer g(demo_entries());
  EXPECT_EQ(found(g, "see https://northwind.example/n5 about N5"), V{"N5=N5"});
  EXPECT_EQ(found(g, "www.contoso.example"), V{});
}

TEST(Gazetteer, DuplicatesAndEmptyForms) {
  std::vector<GazetteerEntry> e{{EntityKind::product, "Widget", {"WIDGET", ""}},
                                {EntityKind::competitor, "widget", {}}};
  Gazetteer g(e);
  EXPECT_EQ(g.pattern_count(), 1u);
  auto m = g.match("a widget");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, EntityKind::product);
  Gazetteer empty(std::vector<GazetteerEntry>{});
  EXPECT_TRUE(empty.match("anything at all").empty());
}

TEST(Gazetteer, OffsetsPointIntoTheText) {
  Gazetteer g(demo_entries());
  std::string t = "¡Mi CAFÉ ÑANDÚ y mi N5!";
  auto m = g.match(t);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(t.substr(m[0].begin, m[0].end - m[0].begin), "CAFÉ ÑANDÚ");
  EXPECT_EQ(m[0].kind, EntityKind::keyword);
  EXPECT_EQ(t.substr(m[1].begin, m[1].end - m[1].begin), "N5");
}

}  // namespace
}  // namespace parley::text
