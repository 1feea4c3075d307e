// Skill mentions in free text, on a small hand-made taxonomy: synonyms, inflections, word boundaries,
// Unicode, exact-case names and overlapping labels.
#include "parley/people/skill_matcher.h"

#include <gtest/gtest.h>

namespace parley::people {
namespace {

const char* kTaxonomy =
    "id\tlabel\tgroup\ttype\tsource\tsynonyms\turis\n"
    "manage-online-community\tmanage online community\tsocial_media\trelationship_communication\tesco\t"
    "community management | gestión de comunidades\tu1\n"
    "social-media-marketing\tsocial media marketing\tsocial_media\tstrategic_analytical\tesco\t\tu2\n"
    "social-media\tsocial media\tsocial_media\ttool_knowledge\tesco\t\tu3\n"
    "marketing\tmarketing\tmarketing\tstrategic_analytical\tesco\t\tu4\n"
    "less\tLESS\ttechnical\ttool_knowledge\tesco\t=LESS\tu5\n"
    "handle-customer-complaints\thandle customer complaints\tcustomer_service\trelationship_communication\tesco\t\tu6\n";

class SkillMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = Taxonomy::parse(kTaxonomy, "id\tlabel\turi\ttitles\tessential\toptional\n");
    ASSERT_TRUE(t.is_ok()) << t.message();
    taxonomy = std::move(*t);
    matcher = std::make_unique<SkillMatcher>(taxonomy);
  }
  std::vector<std::string> ids(std::string_view text, bool all = false) const {
    std::vector<std::string> out;
    for (const auto& m : all ? matcher->find_all(text) : matcher->find(text))
      out.push_back(taxonomy.skills()[m.skill].id);
    return out;
  }
  Taxonomy taxonomy;
  std::unique_ptr<SkillMatcher> matcher;
};

TEST_F(SkillMatcherTest, InflectionsAndDeterminersOnBothSides) {
  const std::string text = "You will be managing our online communities and handling the customer complaints.";
  auto found = matcher->find(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(taxonomy.skills()[found[0].skill].id, "manage-online-community");
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "managing our online communities");
  EXPECT_EQ(taxonomy.skills()[found[1].skill].id, "handle-customer-complaints");
}

TEST_F(SkillMatcherTest, Synonyms) {
  EXPECT_EQ(ids("Experience in Community Management"), std::vector<std::string>{"manage-online-community"});
}

TEST_F(SkillMatcherTest, WordBoundaries) {
  EXPECT_TRUE(ids("remarketing and marketingplan").empty());
  EXPECT_EQ(ids("marketing, (marketing)"), (std::vector<std::string>{"marketing", "marketing"}));
}

TEST_F(SkillMatcherTest, UnicodeCaseFolding) {
  EXPECT_EQ(ids("Experiencia en GESTIÓN DE COMUNIDADES."), std::vector<std::string>{"manage-online-community"});
  EXPECT_TRUE(ids("gestion de comunidades").empty()) << "accents are not removed";
}

TEST_F(SkillMatcherTest, ExactCaseNames) {
  EXPECT_EQ(ids("CSS preprocessors such as LESS"), std::vector<std::string>{"less"});
  EXPECT_TRUE(ids("no less than three years").empty());
}

TEST_F(SkillMatcherTest, OverlappingLabelsLongestWins) {
  EXPECT_EQ(ids("strong social media marketing skills"), std::vector<std::string>{"social-media-marketing"});
  EXPECT_EQ(ids("strong social media marketing skills", true),
            (std::vector<std::string>{"social-media-marketing", "social-media", "marketing"}));
}

}  // namespace
}  // namespace parley::people
