// `parley config check` and `parley config show` as a user runs them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "../process_util.h"

namespace parley {
namespace {

using testing::run_parley;
using testing::TempDir;
using testing::write_file;

const std::string kDemo = std::string(PARLEY_DATA_DIR) + "/demo/org.toml";

TEST(ConfigCli, CheckOfTheDemoConfigIsOk) {
  auto r = run_parley("config check --config '" + kDemo + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kDemo +
                       ": ok — 6 functions, 8 teams, 15 employees, 18 rules, 4 SLA policies, 4 calendars, 3 products, "
                       "2 competitors, 2 campaigns, 1 keyword, 3 outboxes\n");
  EXPECT_EQ(r.err, "");
}

TEST(ConfigCli, CheckReportsEveryProblemWithFileLineAndColumn) {
  TempDir dir;
  const std::string f = dir.file("broken.toml");
  write_file(f, R"([organisation]
name = "Acme"
[[functions]]
id = "care"
[[teams]]
id = "care"
function = "care"
[[employees]]
handle = "ana"
teams = ["caer"]
capcity = 4
)");
  auto r = run_parley("config check --config '" + f + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, f + ":10:10: unknown team 'caer'; did you mean 'care'?\n" + f +
                       ":11:1: unknown key 'capcity' in [[employees]]; did you mean 'capacity'?\n" + f + ": 2 problems\n");
}

TEST(ConfigCli, CheckOfASyntaxErrorOrAMissingFile) {
  TempDir dir;
  const std::string f = dir.file("bad.toml");
  write_file(f, "[organisation]\nname = \"Acme\n");
  auto r = run_parley("config check --config '" + f + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind(f + ":2:", 0), 0u) << r.err;
  auto missing = run_parley("config check --config '" + dir.file("nope.toml") + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read config"), std::string::npos) << missing.err;
}

TEST(ConfigCli, CheckReadsParleyConfigFromTheEnvironment) {
  TempDir dir;
  auto shell = [&](const std::string& env) {
    const std::string cmd = "cd '" + dir.path() + "' && " + env + " '" + PARLEY_BINARY + "' config check >'" +
                            dir.file("out") + "' 2>&1";
    const int status = std::system(cmd.c_str());
    return std::pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::read_file(dir.file("out")));
  };
  auto [rc, out] = shell("env -u PARLEY_CONFIG");  // the default: parley.toml here, which does not exist
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("cannot read config 'parley.toml'"), std::string::npos) << out;
  std::tie(rc, out) = shell("PARLEY_CONFIG='" + kDemo + "'");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out.rfind(kDemo + ": ok — ", 0), 0u) << out;
}

TEST(ConfigCli, ShowJsonHasTheParsedOrganisation) {
  auto r = run_parley("config show --json --config '" + kDemo + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["organisation"], "Northwind Mobile");
  EXPECT_EQ(j["teams"].size(), 8u);
  EXPECT_EQ(j["employees"][1]["handle"], "j.ortega");
  EXPECT_EQ(j["employees"][1]["skills"]["spanish"], 5);
  EXPECT_EQ(j["calendars"][0]["hours"]["mon"][0], "08:00-20:00");
  EXPECT_EQ(j["sla_policies"][0]["first_response_s"], 1800);
  EXPECT_EQ(j["rules"][0]["when"]["spam"], true);
  EXPECT_EQ(j["rules"][0]["ignore"], true);
  EXPECT_GT(j["rules"][0]["line"].get<int>(), 1);
  EXPECT_EQ(j["default_sla"], "standard");
}

TEST(ConfigCli, ShowListsRulesInOrder) {
  auto r = run_parley("config show --config '" + kDemo + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(" 1. Spam and promotions are dropped (line "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spam=yes -> ignore"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("care-es "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace parley
