// The shipped taxonomy: it loads, its rules type and group well-known skills as docs/skills.md says, and
// bad files are rejected with the line named. Also: the shipped files are what the builder makes today.
#include "parley/people/taxonomy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "../process_util.h"
#include "parley/people/taxonomy_build.h"

namespace parley::people {
namespace {

const Taxonomy& shipped() {
  static const Result<Taxonomy> t = Taxonomy::load(std::string(PARLEY_DATA_DIR) + "/skills");
  EXPECT_TRUE(t.is_ok()) << t.message();
  static const Taxonomy empty;
  return t.is_ok() ? *t : empty;
}

TEST(Taxonomy, ShippedFilesLoadWithEveryGroupAndType) {
  const auto& t = shipped();
  EXPECT_GT(t.skills().size(), 500u);
  EXPECT_EQ(t.occupations().size(), 35u);
  std::set<std::string> groups;
  std::set<SkillType> types;
  for (const auto& s : t.skills()) groups.insert(s.group), types.insert(s.type);
  EXPECT_EQ(groups.size(), skill_groups().size());
  EXPECT_EQ(types.size(), 3u);
  const auto* ocm = [&]() -> const Occupation* {
    for (const auto& o : t.occupations())
      if (o.id == "esco:online-community-manager") return &o;
    return nullptr;
  }();
  ASSERT_NE(ocm, nullptr);
  EXPECT_GT(ocm->essential.size(), 10u);
  EXPECT_NE(std::find(ocm->titles.begin(), ocm->titles.end(), "social media manager"), ocm->titles.end());
}

TEST(Taxonomy, TypingAndGroupingOfKnownSkills) {
  const auto& t = shipped();
  auto check = [&](const char* id, const char* group, SkillType type) {
    const Skill* s = t.find(id);
    ASSERT_NE(s, nullptr) << id;
    EXPECT_EQ(s->group, group) << id;
    EXPECT_EQ(s->type, type) << id;
  };
  check("listen-actively", "communication", SkillType::relationship_communication);
  check("handle-customer-complaints", "customer_service", SkillType::relationship_communication);
  check("plan-social-media-marketing-campaigns", "social_media", SkillType::strategic_analytical);
  check("track-key-performance-indicators", "analytics", SkillType::strategic_analytical);
  check("search-engine-optimisation", "technical", SkillType::tool_knowledge);
  check("hootsuite", "social_media", SkillType::tool_knowledge);
  check("microsoft-excel", "tools_platforms", SkillType::tool_knowledge);
  check("data-protection", "management", SkillType::tool_knowledge);
  check("draft-press-releases", "pr_reputation", SkillType::tool_knowledge);
}

TEST(Taxonomy, RulesOnLabels) {
  EXPECT_EQ(type_of_label("develop communications strategies", false), SkillType::strategic_analytical);
  EXPECT_EQ(type_of_label("liaise with journalists", false), SkillType::relationship_communication);
  EXPECT_EQ(type_of_label("edit photographs", false), SkillType::tool_knowledge);
  EXPECT_EQ(type_of_label("listen to customers", true), SkillType::tool_knowledge) << "technologies are tools";
  EXPECT_EQ(group_of_label("carry out forum moderation", false), "social_media");
  EXPECT_EQ(group_of_label("deal with pressure", false), "work_habits") << "'press' is not 'pressure'";
  EXPECT_EQ(group_of_label("Sprout Social", true), "social_media");
  EXPECT_EQ(slug("Apply social-media Marketing (C++)"), "apply-social-media-marketing-cplusplus");
}

TEST(Taxonomy, BadFilesNameTheLine) {
  const std::string header = "id\tlabel\tgroup\ttype\tsource\tsynonyms\turis\n";
  const std::string occ = "id\tlabel\turi\ttitles\tessential\toptional\n";
  auto bad_type = Taxonomy::parse(header + "a\tA\tcontent\tsoft\tesco\t\t\n", occ);
  ASSERT_FALSE(bad_type.is_ok());
  EXPECT_NE(bad_type.message().find("taxonomy.tsv:2: unknown type 'soft'"), std::string::npos) << bad_type.message();
  auto bad_group = Taxonomy::parse(header + "a\tA\tnope\ttool_knowledge\tesco\t\t\n", occ);
  EXPECT_FALSE(bad_group.is_ok());
  auto short_row = Taxonomy::parse(header + "a\tA\n", occ);
  EXPECT_FALSE(short_row.is_ok());
  auto unknown_skill = Taxonomy::parse(header + "a\tA\tcontent\ttool_knowledge\tesco\t\t\n",
                                       occ + "esco:x\tX\tu\t\ta b\t\n");
  ASSERT_FALSE(unknown_skill.is_ok());
  EXPECT_NE(unknown_skill.message().find("unknown skill 'b'"), std::string::npos) << unknown_skill.message();
}

TEST(TaxonomyBuild, ShippedFilesAreWhatTheBuilderMakes) {
  const std::string skills = std::string(PARLEY_SHARED_DATA) + "/skills";
  if (!std::filesystem::exists(skills + "/esco/skills_of_selected_occupations.csv")) GTEST_SKIP() << "no " << skills;
  auto built = build_taxonomy(skills);
  ASSERT_TRUE(built.is_ok()) << built.message();
  const std::string data = std::string(PARLEY_DATA_DIR) + "/skills/";
  EXPECT_TRUE(built->taxonomy_tsv == testing::read_file(data + "taxonomy.tsv"))
      << "data/skills/taxonomy.tsv is stale: run `make taxonomy`";
  EXPECT_TRUE(built->occupations_tsv == testing::read_file(data + "occupations.tsv"))
      << "data/skills/occupations.tsv is stale: run `make taxonomy`";
  auto again = build_taxonomy(skills);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->taxonomy_tsv, built->taxonomy_tsv) << "the build is deterministic";
}

TEST(TaxonomyBuild, SmallFixture) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.file("esco"));
  std::filesystem::create_directories(dir.file("onet"));
  auto w = [&](const std::string& f, const std::string& s) { testing::write_file(dir.file(f), s); };
  w("esco/skills_of_selected_occupations.csv",
    "conceptUri,preferredLabel,skillType,reuseLevel,altLabels,description\n"
    "u:1,listen actively,skill/competence,transversal,\"pay attention | listen attentively\",\"Listen, well.\"\n"
    "u:2,perform data analysis,skill/competence,cross-sector,analyse data,x\n"
    "u:3,CSS,knowledge,sector-specific,Cascading Style Sheets | CSS,x\n");
  w("esco/skills_social_comm_customer.csv",
    "conceptUri,preferredLabel,skillType,reuseLevel,altLabels,description,linkedToSelectedOccupation\n"
    "u:9,show empathy,skill/competence,transversal,be empathetic,x,no\n"
    "u:10,communicate mooring plans,skill/competence,x,,x,no\n");
  w("esco/occupations_selected.csv",
    "conceptUri,preferredLabel,iscoGroup,code,altLabels,description\n"
    "o:1,online community manager,2432,2432.1,social media manager | community manager,x\n");
  w("esco/occupation_skill_relations_selected.csv",
    "occupationUri,occupationLabel,relationType,skillUri,skillLabel,skillType,reuseLevel\n"
    "o:1,online community manager,essential,u:1,listen actively,skill/competence,transversal\n"
    "o:1,online community manager,optional,u:2,perform data analysis,skill/competence,cross-sector\n");
  w("onet/occupations.csv", "O*NET-SOC Code,Title,Description\n11-2032.00,Public Relations Managers,x\n");
  w("onet/alternate_titles.csv", "O*NET-SOC Code,Title,Alternate Title\n11-2032.00,PRM,Social Media Manager\n");
  w("onet/skills_importance.csv",
    "O*NET-SOC Code,Title,Element ID,Element Name,Scale ID,Data Value\n"
    "11-2032.00,PRM,2.A.1.b,Active Listening,IM,4.12\n11-2032.00,PRM,2.B.3.a,Repairing,IM,1.2\n");
  w("onet/technology_skills.csv",
    "O*NET-SOC Code,Title,Example,Commodity Code,Commodity Title,Hot Technology,In Demand\n"
    "11-2032.00,PRM,Hootsuite,43232305,Enterprise application integration software,N,N\n"
    "11-2032.00,PRM,Microsoft Excel,43232110,Spreadsheet software,Y,Y\n"
    "11-2032.00,PRM,Oracle JD Edwards,43231602,Enterprise resource planning ERP software,N,N\n");
  auto b = build_taxonomy(dir.path());
  ASSERT_TRUE(b.is_ok()) << b.message();
  auto t = Taxonomy::parse(b->taxonomy_tsv, b->occupations_tsv);
  ASSERT_TRUE(t.is_ok()) << t.message();
  EXPECT_EQ(t->skills().size(), 7u) << b->taxonomy_tsv;  // 3 ESCO + show empathy + Active Listening + 2 tools
  ASSERT_NE(t->find("perform-data-analysis"), nullptr);
  EXPECT_EQ(t->find("perform-data-analysis")->synonyms, (std::vector<std::string>{"data analysis", "analyse data"}));
  EXPECT_EQ(t->find("css")->synonyms, (std::vector<std::string>{"=CSS", "Cascading Style Sheets"}));
  EXPECT_EQ(t->find("microsoft-excel")->synonyms, std::vector<std::string>{"=Excel"});
  EXPECT_EQ(t->find("repairing"), nullptr) << "unimportant O*NET skills stay out";
  EXPECT_EQ(t->find("oracle-jd-edwards"), nullptr) << "off-topic technologies stay out";
  EXPECT_EQ(t->find("communicate-mooring-plans"), nullptr) << "only curated extras";
  ASSERT_EQ(t->occupations().size(), 2u);
  EXPECT_EQ(t->occupations()[0].id, "esco:online-community-manager");
  EXPECT_EQ(t->occupations()[0].essential, std::vector<std::string>{"listen-actively"});
  EXPECT_EQ(t->occupations()[1].essential, std::vector<std::string>{"active-listening"});
  EXPECT_EQ(t->occupations()[1].optional, std::vector<std::string>{"microsoft-excel"});
  EXPECT_EQ(t->occupations()[1].titles, std::vector<std::string>{"Social Media Manager"});
}

}  // namespace
}  // namespace parley::people
