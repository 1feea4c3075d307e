// `parley people profile`, `parley people gaps` and `parley jd generate` (a draft from the gaps) as a user
// meets them: readable tables, JSON, and exit 2 for someone or some team the config does not have.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../process_util.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"

namespace parley {
namespace {

using testing::run_parley;
using testing::TempDir;
using testing::write_file;

constexpr const char* kConfig = R"toml(
[organisation]
name = "Test Org"

[[functions]]
id = "care"

[[teams]]
id = "care"
function = "care"

[[employees]]
handle = "ana"
teams = ["care"]
skills = { spanish = 2 }
languages = ["es"]
capacity = 3
)toml";

class PeopleCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("org.toml"), kConfig);
    ASSERT_TRUE(open_sqlite_store(dir.file("p.db")));
    auto db = sqlite::Connection::open(dir.file("p.db"));
    ASSERT_TRUE(db);
    // Eight Spanish complaints at 02:00 UTC, resolved by ana with a happy customer.
    for (int i = 0; i < 8; ++i) {
      std::int64_t at = 1767225600000 + i * 86400000LL + 2 * 3600000LL;
      ASSERT_TRUE(db->exec(
          "INSERT INTO cases(kind, status, team, function, priority, assignee, source, audience, intent, language, "
          "urgency, first_post_id, opened_at, updated_at, resolved_at, resolved_by, first_sentiment, last_sentiment, "
          "csat) VALUES('case', 'resolved', 'care', 'care', 'normal', 'ana', 'x', 'public', 'complaint', 'es', 0, 0, " +
          std::to_string(at) + ", " + std::to_string(at) + ", " + std::to_string(at + 3600000) +
          ", 'staff', -0.5, 0.5, 5)"))
          << db->error_message();
    }
  }
  std::string args(const std::string& rest) {
    return "--db '" + dir.file("p.db") + "' people " + rest + " --config '" + dir.file("org.toml") + "'";
  }
  TempDir dir;
};

TEST_F(PeopleCli, ProfileTable) {
  auto r = run_parley(args("profile ana"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("8 resolved cases of evidence"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spanish"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("strongest:"), std::string::npos) << r.out;
  auto j = run_parley(args("profile ana --json"));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto p = nlohmann::json::parse(j.out);
  EXPECT_EQ(p["cases"], 8);
  EXPECT_EQ(run_parley(args("profile nobody")).exit_code, 2);
}

TEST_F(PeopleCli, GapsTableShowsTheShortNightAndWhatToDo) {
  // Ana's eight good cases lift her Spanish from a declared 2 to a measured 3+: one skilled person on a 24x7
  // team, capacity 3, against 8 cases in 30 days at night: not short.
  auto r = run_parley(args("gaps care"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("care: 8 cases"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spanish"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("night"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Recommendations:"), std::string::npos) << r.out;
  auto j = run_parley(args("gaps care --json --since 2026-01-01T00:00:00Z --until 2026-01-05T00:00:00Z"));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto g = nlohmann::json::parse(j.out);
  EXPECT_EQ(g["cases"], 4);
  EXPECT_EQ(run_parley(args("gaps nowhere")).exit_code, 2);
}

TEST_F(PeopleCli, JdGenerateDraftsFromTheGaps) {
  auto gen = [this](const std::string& rest) {
    return run_parley("--db '" + dir.file("p.db") + "' jd generate --config '" + dir.file("org.toml") + "' " + rest);
  };
  auto r = gen("--team care");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("What you need"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Spanish"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("== Why each line"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Gender-coded wording: neutral"), std::string::npos) << r.out;
  auto j = gen("--team care --title 'Care specialist' --json --since 2026-01-01T00:00:00Z");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto d = nlohmann::json::parse(j.out);
  EXPECT_EQ(d["title"], "Care specialist");
  EXPECT_FALSE(d["lines"].empty());
  EXPECT_TRUE(d["analysis"].is_object());
  EXPECT_EQ(gen("--team nowhere").exit_code, 2);
  EXPECT_EQ(gen("--team care --since yesterday").exit_code, 2);
  auto h = run_parley("jd generate --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--team"), std::string::npos) << h.out;
}

}  // namespace
}  // namespace parley
