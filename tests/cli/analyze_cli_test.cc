// `parley analyze` and `parley eval` as a user runs them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "../process_util.h"

namespace parley {
namespace {

using testing::run_parley;
using testing::TempDir;
using testing::write_file;

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::stringstream ss(out);
  std::string line;
  while (std::getline(ss, line))
    if (!line.empty()) v.push_back(nlohmann::json::parse(line));
  return v;
}

TEST(AnalyzeCli, AnalysesPlainLinesWithTheOrganisationsEntities) {
  TempDir dir;
  write_file(dir.file("in.txt"),
             "I love my new N5 Phone from @NorthwindMobile!!! 😍\n"
             "Switched to Contoso Telecom. Worst service ever, so disappointed.\n"
             "Switched to Contoso Telecom. Worst service ever, so disappointed.\n");
  auto r = run_parley("analyze --lines --config '" + std::string(PARLEY_DATA_DIR) + "/demo/org.toml' '" +
                      dir.file("in.txt") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = json_lines(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["sentiment"]["label"], "positive");
  EXPECT_EQ(rows[0]["lang"], "en");
  EXPECT_EQ(rows[0]["entities"][0]["name"], "N5 Phone");
  EXPECT_EQ(rows[1]["sentiment"]["label"], "negative");
  EXPECT_EQ(rows[1]["entities"][0]["kind"], "competitor");
  EXPECT_GT(rows[1]["urgency"].get<int>(), rows[0]["urgency"].get<int>());
  EXPECT_TRUE(rows[1]["dup_of"].is_null());
  EXPECT_EQ(rows[2]["dup_of"], "text/2");  // the copy-paste is grouped with its original
}

TEST(AnalyzeCli, ReadsPostFormatsAndSelectsFields) {
  TempDir dir;
  write_file(dir.file("p.jsonl"),
             R"({"source":"x","id":"9","author":"ana","text":"¿Dónde está mi pedido? Llevo una semana esperando","created_at":"2024-03-05T14:07:09Z"})"
             "\n");
  auto r = run_parley("analyze --fields lang,intent '" + dir.file("p.jsonl") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = json_lines(r.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["id"], "9");
  EXPECT_EQ(rows[0]["lang"], "es");
  EXPECT_TRUE(rows[0].contains("intent"));
  EXPECT_FALSE(rows[0].contains("sentiment"));
  EXPECT_EQ(run_parley("analyze --fields colour '" + dir.file("p.jsonl") + "'").exit_code, 2);
}

// --fields computes only what the chosen fields need (a part's dependencies included): each field alone must
// come out exactly as in the full run, including those that depend on others (urgency on sentiment, intent,
// risk terms and shouting; key phrases on the language; dup_of on the SimHash).
TEST(AnalyzeCli, EachFieldAloneIsWhatTheFullRunSays) {
  TempDir dir;
  write_file(dir.file("in.txt"),
             "I love my new N5 Phone from @NorthwindMobile!!! 😍\n"
             "Switched to Contoso Telecom. Worst service ever, so disappointed.\n"
             "Switched to Contoso Telecom. Worst service ever, so disappointed!\n"
             "@NorthwindHelp my router is NOT WORKING since monday, I will call my lawyer and want a REFUND\n"
             "Would be nice if you could add a dark mode to the app #feature\n"
             "¿Dónde está mi pedido? Llevo una semana esperando\n"
             "WIN a FREE phone!!! click here https://t.co/x #giveaway #win\n"
             "😂😂😂\n");
  const std::string base = "analyze --lines --config '" + std::string(PARLEY_DATA_DIR) + "/demo/org.toml' '" +
                           dir.file("in.txt") + "'";
  auto full = run_parley(base);
  ASSERT_EQ(full.exit_code, 0) << full.err;
  auto all = json_lines(full.out);
  ASSERT_EQ(all.size(), 8u);
  for (std::string field : {"lang", "sentiment", "intent", "spam", "urgency", "entities", "key_phrases", "simhash",
                            "dup_of"}) {
    auto r = run_parley(base + " --fields " + field);
    ASSERT_EQ(r.exit_code, 0) << field << ": " << r.err;
    auto rows = json_lines(r.out);
    ASSERT_EQ(rows.size(), all.size()) << field;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      nlohmann::json want = {{"source", all[i]["source"]}, {"id", all[i]["id"]}, {field, all[i][field]}};
      EXPECT_EQ(rows[i], want) << field << ", line " << i + 1;
    }
  }
  // Two fields whose parts share dependencies (urgency and key phrases both reach beyond themselves).
  auto r = run_parley(base + " --fields urgency,key_phrases");
  auto rows = json_lines(r.out);
  ASSERT_EQ(rows.size(), all.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["urgency"], all[i]["urgency"]);
    EXPECT_EQ(rows[i]["key_phrases"], all[i]["key_phrases"]);
  }
}

TEST(AnalyzeCli, OutputLinesAreWhatNlohmannWouldPrint) {
  // The output is written by hand (speed); every line must be byte for byte nlohmann's dump() of the same
  // object: sorted keys, escapes (quotes, backslashes, control characters as \u00XX), UTF-8 kept as is,
  // numbers in its format.
  TempDir dir;
  write_file(dir.file("p.jsonl"),
             R"({"source":"x","id":"q\"1\\","author":"ana","text":"He said \"WORST\" \\o/ tab\there\u0001 😡 Ünïcödé #Fail","created_at":"2024-03-05T14:07:09Z"})"
             "\n"
             R"({"source":"x","id":"2","author":"bo","text":"lol","created_at":"2024-03-05T14:07:09Z"})"
             "\n"
             R"({"source":"x","id":"3","author":"bo","text":"Northwind Fiber is down again, I want a refund!!! @NorthwindHelp","created_at":"2024-03-05T14:07:09Z"})"
             "\n"
             R"({"source":"x","id":"4","author":"bo","text":"Northwind Fiber is down again, I want a refund!!! @NorthwindHelp","created_at":"2024-03-05T14:07:09Z"})"
             "\n");
  auto r = run_parley("analyze --config '" + std::string(PARLEY_DATA_DIR) + "/demo/org.toml' '" + dir.file("p.jsonl") +
                      "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::stringstream ss(r.out);
  std::string line;
  int n = 0;
  while (std::getline(ss, line)) {
    ++n;
    EXPECT_EQ(line, nlohmann::json::parse(line).dump()) << line;
  }
  EXPECT_EQ(n, 4);
  auto rows = json_lines(r.out);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["id"], "q\"1\\");
  EXPECT_EQ(rows[3]["dup_of"], "x/3");
  EXPECT_FALSE(rows[2]["entities"].empty());
}

TEST(AnalyzeCli, ManyBlocksOfOutputArriveWholeAndInOrder) {
  // Output lines are gathered into ~32 KiB blocks before they are written: every line of a run several
  // blocks long must come out once, whole, in input order, with a reject in the middle not disturbing it.
  TempDir dir;
  std::string in;
  for (int i = 1; i <= 1500; ++i) {
    if (i == 700) in += "bad \xff line\n";
    else in += "Post number " + std::to_string(i) + " about the Northwind Fiber outage, please fix it\n";
  }
  write_file(dir.file("in.txt"), in);
  auto r = run_parley("analyze --lines '" + dir.file("in.txt") + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;  // kSomeRejected: one line
  EXPECT_NE(r.err.find(":700: invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_GT(r.out.size(), 100'000u);
  auto rows = json_lines(r.out);
  ASSERT_EQ(rows.size(), 1499u);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    int line = static_cast<int>(k) + 1 + (k >= 699 ? 1 : 0);
    ASSERT_EQ(rows[k]["id"], std::to_string(line)) << k;
  }
}

TEST(AnalyzeCli, BadConfigIsNamedByFileAndLine) {
  TempDir dir;
  write_file(dir.file("org.toml"), "[[products]]\nname = 5\n");
  auto r = run_parley("analyze --lines --config '" + dir.file("org.toml") + "' /dev/null");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("org.toml:1:"), std::string::npos) << r.err;
}

TEST(EvalCli, PrintsTheHeldOutTable) {
  auto r = run_parley("eval --json --shared '" + std::string(PARLEY_SHARED_DATA) + "'");
  if (r.exit_code == 2 && r.err.find("no evaluation data") != std::string::npos) GTEST_SKIP() << r.err;
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(r.out);
  bool tweets = false, tweeteval = false, airline = false;
  for (const auto& row : rows) {
    if (row["data"] == "vader-tweets/test" && row["metric"] == "pearson") {
      tweets = true;
      EXPECT_GT(row["parley"].get<double>(), 0.85);
    }
    if (row["data"] == "tweeteval/val" && row["metric"] == "macro_recall") tweeteval = true;
    if (row["metric"] == "complaint_recall") airline = true;
  }
  EXPECT_TRUE(tweets && tweeteval && airline) << r.out;
}

}  // namespace
}  // namespace parley
