// The `parley` command line as a user meets it: exit codes, summaries, rejected lines named by file and
// line, search and stats output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../process_util.h"

namespace parley {
namespace {

using testing::read_file;
using testing::run_parley;
using testing::TempDir;
using testing::write_file;

std::string line(int id, const std::string& text, const std::string& extra = "") {
  return R"({"source":"x","id":")" + std::to_string(id) + R"(","author":"ana","text":")" + text +
         R"(","created_at":"2024-03-05T14:07:09Z")" + extra + "}\n";
}

class Cli : public ::testing::Test {
 protected:
  std::string db() const { return "--db '" + dir.file("p.db") + "' "; }
  TempDir dir;
};

TEST_F(Cli, IngestGoodFileExitsZeroWithSummary) {
  write_file(dir.file("a.jsonl"), line(1, "hello") + line(2, "world", R"(,"reply_to":"1")") + line(3, "again"));
  auto r = run_parley(db() + "ingest '" + dir.file("a.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("read 3  new 3  updated 0  duplicate 0  rejected 0"), std::string::npos) << r.out;
  auto again = run_parley(db() + "ingest '" + dir.file("a.jsonl") + "'");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("new 0  updated 0  duplicate 3"), std::string::npos) << again.out;
}

TEST_F(Cli, BadLinesAreNamedByFileAndLineAndTheRestGoesIn) {
  const std::string f = dir.file("mixed.jsonl");
  write_file(f, line(1, "ok") + "{\"source\":\"x\",\"id\":\"2\",\"text\":\"trunc\n" + line(3, "ok") +
                    R"({"source":"x","id":"4","text":"no author","created_at":"2024-03-05T14:07:09Z"})" + "\n" +
                    line(5, "ok"));
  auto r = run_parley(db() + "ingest --json '" + f + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(f + ":2: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(f + ":4: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("author"), std::string::npos) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["new"], 3);
  EXPECT_EQ(j["rejected"], 2);
  EXPECT_EQ(j["read"], 5);
}

TEST_F(Cli, PrintsFirstTwentyRejectionsAndWritesAllWithErrorsTo) {
  std::string content;
  for (int i = 0; i < 30; ++i) content += "not json at all\n";
  content += line(99, "the one good line");
  write_file(dir.file("bad.jsonl"), content);
  auto r = run_parley(db() + "ingest --format jsonl --errors-to '" + dir.file("errors.txt") + "' '" +
                      dir.file("bad.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("bad.jsonl:20: "), std::string::npos);
  EXPECT_EQ(r.err.find("bad.jsonl:21: "), std::string::npos) << "more than 20 printed";
  EXPECT_NE(r.err.find("10 more rejected"), std::string::npos) << r.err;
  std::string all = read_file(dir.file("errors.txt"));
  EXPECT_NE(all.find("bad.jsonl:30: "), std::string::npos) << all;
  EXPECT_NE(r.out.find("new 1"), std::string::npos) << r.out;
}

TEST_F(Cli, StrictStopsAtFirstRejection) {
  write_file(dir.file("s.jsonl"), line(1, "kept") + "garbage\n" + line(3, "never read"));
  auto r = run_parley(db() + "ingest --strict --json '" + dir.file("s.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 3);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["new"], 1);
  EXPECT_EQ(j["rejected"], 1);
}

TEST_F(Cli, ReadsStdin) {
  write_file(dir.file("in.jsonl"), line(7, "from a pipe"));
  auto r = run_parley(db() + "ingest -", dir.file("in.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("new 1"), std::string::npos);
}

TEST_F(Cli, MissingFileIsAnIoErrorButOtherFilesStillGoIn) {
  write_file(dir.file("ok.jsonl"), line(1, "fine"));
  auto r = run_parley(db() + "ingest '" + dir.file("nope.jsonl") + "' '" + dir.file("ok.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nope.jsonl"), std::string::npos);
  EXPECT_NE(r.err.find("No such file"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("new 1"), std::string::npos) << r.out;
}

TEST_F(Cli, EmptyAndBinaryFilesAreClearErrors) {
  write_file(dir.file("empty.jsonl"), "");
  write_file(dir.file("bin.dat"), std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10));
  write_file(dir.file("ok.jsonl"), line(1, "fine"));
  auto r = run_parley(db() + "ingest '" + dir.file("empty.jsonl") + "' '" + dir.file("bin.dat") + "' '" +
                      dir.file("ok.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("empty.jsonl: empty"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bin.dat: binary"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("new 1"), std::string::npos);
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_parley("ingest").exit_code, 2);
  EXPECT_EQ(run_parley(db() + "ingest --format yaml x.jsonl").exit_code, 2);
  EXPECT_EQ(run_parley(db() + "ingest --map nonsense x.csv").exit_code, 2);
  EXPECT_EQ(run_parley("frobnicate").exit_code, 2);
  auto bad_db = run_parley("--db /nonexistent-dir/p.db stats");
  EXPECT_EQ(bad_db.exit_code, 2);
  EXPECT_NE(bad_db.err.find("/nonexistent-dir/p.db"), std::string::npos);
}

TEST_F(Cli, HelpDescribesCommandsAndExitCodes) {
  auto r = run_parley("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"ingest", "search", "stats", "Exit codes"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  auto ing = run_parley("ingest --help");
  EXPECT_EQ(ing.exit_code, 0);
  EXPECT_NE(ing.out.find("--errors-to"), std::string::npos);
  EXPECT_NE(ing.out.find("1 MiB"), std::string::npos);
}

TEST_F(Cli, SearchAndStats) {
  write_file(dir.file("a.jsonl"), line(1, "my fiber is down again") + line(2, "love the new phone") +
                                      line(3, "fiber outage downtown", R"(,"reply_to":"1")"));
  ASSERT_EQ(run_parley(db() + "ingest -q '" + dir.file("a.jsonl") + "'").exit_code, 0);
  auto s = run_parley(db() + "search fiber");
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("2 matches for 'fiber'"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("[fiber]"), std::string::npos) << s.out;
  auto sj = run_parley(db() + "search --json outage");
  auto j = nlohmann::json::parse(sj.out);
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["hits"][0]["id"], "3");
  EXPECT_EQ(j["hits"][0]["reply_to"], "1");
  auto st = run_parley(db() + "stats --json");
  auto sjs = nlohmann::json::parse(st.out);
  EXPECT_EQ(sjs["posts"], 3);
  EXPECT_EQ(sjs["conversations"], 2);
  EXPECT_EQ(sjs["threaded_replies"], 1);
  EXPECT_EQ(sjs["by_source"]["x"], 3);
  auto human = run_parley(db() + "stats");
  EXPECT_NE(human.out.find("conversations"), std::string::npos);
  EXPECT_EQ(run_parley(db() + "search '!!!'").exit_code, 2);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// On a terminal the ingest shows a progress bar with rate and ETA; `script` gives the command a real pty.
TEST(CliProgress, ShowsProgressBarOnATerminalOnly) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 2000; ++i) content += line(i, "progress test");
  write_file(dir.file("p.jsonl"), content);
  const std::string cmd = std::string("script -qec \"'") + PARLEY_BINARY + "' --db '" + dir.file("t.db") +
                          "' ingest '" + dir.file("p.jsonl") + "'\" /dev/null > '" + dir.file("tty.txt") + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string tty = read_file(dir.file("tty.txt"));
  EXPECT_NE(tty.find("posts/s"), std::string::npos) << tty;
  EXPECT_NE(tty.find("ETA"), std::string::npos) << tty;
  EXPECT_NE(tty.find("%"), std::string::npos) << tty;
  // Without a terminal (as in every other test here) only the summary is printed.
  auto piped = run_parley("--db '" + dir.file("u.db") + "' ingest '" + dir.file("p.jsonl") + "'");
  EXPECT_EQ(piped.err.find("ETA"), std::string::npos) << piped.err;
}

}  // namespace
}  // namespace parley
