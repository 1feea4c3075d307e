#include "parley/config/org_config.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(OrgConfig, ReadsEntitiesOfEveryKind) {
  auto cfg = parse_org_config(R"(
[organisation]
name = "Acme"
[[products]]
name = "Rocket Skates"
aliases = ["skates"]
[[competitors]]
name = "Roadrunner Inc"
[[campaigns]]
hashtag = "AcmeSummer"
[[keywords]]
name = "Acme"
)", "org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  EXPECT_EQ(cfg->name, "Acme");
  ASSERT_EQ(cfg->entities.size(), 4u);
  EXPECT_EQ(cfg->entities[0].kind, text::EntityKind::product);
  EXPECT_EQ(cfg->entities[0].aliases, std::vector<std::string>{"skates"});
  EXPECT_EQ(cfg->entities[1].kind, text::EntityKind::competitor);
  EXPECT_EQ(cfg->entities[2].name, "#AcmeSummer");  // a campaign hashtag gets its '#'
  EXPECT_EQ(cfg->entities[3].kind, text::EntityKind::keyword);
}

TEST(OrgConfig, SyntaxErrorNamesFileLineAndColumn) {
  auto cfg = parse_org_config("[organisation]\nname = \"Acme\n", "bad.toml");
  ASSERT_FALSE(cfg);
  EXPECT_EQ(cfg.message().rfind("bad.toml:2:", 0), 0u) << cfg.message();
}

TEST(OrgConfig, EveryMistakeIsReportedWithItsLine) {
  auto cfg = parse_org_config(R"([[products]]
aliases = ["x"]
[[competitors]]
name = "C"
colour = "red"
[[campaigns]]
hashtag = "ok"
aliases = [1]
)", "org.toml");
  ASSERT_FALSE(cfg);
  const std::string& m = cfg.message();
  EXPECT_NE(m.find("org.toml:1:"), std::string::npos) << m;   // product without a name
  EXPECT_NE(m.find("org.toml:5:"), std::string::npos) << m;   // unknown key
  EXPECT_NE(m.find("'colour'"), std::string::npos) << m;
  EXPECT_NE(m.find("org.toml:8:"), std::string::npos) << m;   // alias not a string
}

TEST(OrgConfig, DemoConfigLoads) {
  auto cfg = load_org_config(std::string(PARLEY_DATA_DIR) + "/demo/org.toml");
  ASSERT_TRUE(cfg) << cfg.message();
  EXPECT_EQ(cfg->name, "Northwind Mobile");
  EXPECT_GE(cfg->entities.size(), 7u);
}

TEST(OrgConfig, MissingFileIsAClearError) {
  auto cfg = load_org_config("/nonexistent/org.toml");
  ASSERT_FALSE(cfg);
  EXPECT_NE(cfg.message().find("/nonexistent/org.toml"), std::string::npos);
}

}  // namespace
}  // namespace parley
