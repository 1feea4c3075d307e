// `parley jd analyze` as a user meets it: the readable report, JSON, corpus summary, bad JSONL lines named by
// file and line, and exit codes.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "../process_util.h"

namespace parley {
namespace {

using testing::run_parley;
using testing::TempDir;
using testing::write_file;

const char* kPosting =
    "# Social Media Manager\n\nYou will plan social media marketing campaigns, handle customer complaints on "
    "Twitter and track key performance indicators. Young and dynamic team.\n";

TEST(JdCli, ReadableReportForOneMarkdownFile) {
  TempDir dir;
  write_file(dir.file("jd.md"), kPosting);
  auto r = run_parley("jd analyze '" + dir.file("jd.md") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Social Media Manager"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Skills asked"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("plan social media marketing campaigns"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Nearest occupation"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Exclusionary phrase: \"Young and dynamic\" (age)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Suggestions:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("== Corpus"), std::string::npos) << "one posting: no corpus summary";
}

TEST(JdCli, JsonlWithBadLinesIsNamedByFileAndLineAndCorpusSummary) {
  TempDir dir;
  const std::string f = dir.file("p.jsonl");
  const std::string hiring =
      "Candidates for this position can expect the hiring process to follow the order below and may be declined "
      "at any stage of the process by the recruiting team.";
  write_file(f, nlohmann::json({{"id", "a"}, {"title", "Community Advocate"},
                                {"text", "Engage with our community on Twitter.\\n\\n" + hiring}}).dump() + "\n" +
                    "{not json\n" + R"({"title":"no text"})" + "\n" +
                    nlohmann::json({{"id", "b"}, {"title", "Accountant"},
                                    {"text", "Maintain financial records.\n\n" + hiring}}).dump() + "\n");
  auto r = run_parley("jd analyze --json '" + f + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(f + ":2: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(f + ":3: no \"text\" string"), std::string::npos) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["postings"].size(), 2u);
  EXPECT_EQ(j["postings"][0]["id"], "a");
  EXPECT_EQ(j["postings"][1]["boilerplate"]["shared_paragraphs"][0]["shared_with"][0], "a");
  EXPECT_GT(j["postings"][1]["boilerplate"]["shared_share"].get<double>(), 0.5);
  EXPECT_EQ(j["summary"]["postings"], 2);
  EXPECT_EQ(j["summary"]["social_skills_without_social_title"], 1);
}

TEST(JdCli, SummaryOnlyAndCorpusFiles) {
  TempDir dir;
  write_file(dir.file("a.txt"), kPosting);
  write_file(dir.file("b.txt"), "Answer incoming calls and assist customers.\n");
  write_file(dir.file("c.txt"), kPosting);
  auto r = run_parley("jd analyze --summary '" + dir.file("a.txt") + "' '" + dir.file("b.txt") + "' --corpus '" +
                      dir.file("c.txt") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("Skills asked"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("== Corpus: 2 postings"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Most common skills:"), std::string::npos) << r.out;
}

TEST(JdCli, MissingFileAndHelp) {
  auto r = run_parley("jd analyze /nonexistent/jd.md");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/jd.md"), std::string::npos) << r.err;
  auto h = run_parley("jd analyze --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--corpus"), std::string::npos) << h.out;
  EXPECT_NE(h.out.find("JSONL"), std::string::npos) << h.out;
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(JdCli, EvalReportsSkillSpanRowsWithTheNestaReference) {
  auto r = testing::run_parley("eval --json --shared '" + std::string(PARLEY_SHARED_DATA) + "'");
  if (r.exit_code == 2 && r.err.find("no evaluation data") != std::string::npos) GTEST_SKIP() << r.err;
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(r.out);
  std::map<std::string, double> recall;
  int f1 = 0;
  for (const auto& row : rows) {
    if (row["task"] != "skills") continue;
    const std::string data = row["data"];
    if (data.rfind("SkillSpan test spans", 0) != 0) continue;
    if (row["metric"] == "recall") recall[data] = row["parley"].get<double>();
    if (row["metric"] != "f1") continue;
    ++f1;
    EXPECT_DOUBLE_EQ(row["reference"].get<double>(), 0.612);
    EXPECT_GT(row["parley"].get<double>(), 0.0);
    EXPECT_GT(row["n"].get<int>(), 1000);
  }
  EXPECT_EQ(f1, 2) << "taxonomy alone, and with the cue phrases: " << r.out;
  // The cue phrases only add predictions, so they cannot lose a gold span the taxonomy found.
  EXPECT_GE(recall["SkillSpan test spans (taxonomy + cues)"], recall["SkillSpan test spans (taxonomy)"]);
  EXPECT_GT(recall["SkillSpan test spans (taxonomy)"], 0.0);
}

}  // namespace
}  // namespace parley
