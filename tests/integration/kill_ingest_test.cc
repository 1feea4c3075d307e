// A crash must never lose what was acknowledged nor double anything: `parley ingest` is SIGKILLed midway
// through a large file, run again, and the database must equal the one a clean run produces.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "../process_util.h"

namespace parley {
namespace {

using testing::TempDir;

// A deterministic file of posts with threads, some replies before their parents, and duplicates.
void write_large_jsonl(const std::string& path, int n) {
  std::ofstream f(path);
  for (int i = 0; i < n; ++i) {
    int parent = -1;
    if (i % 3 == 1) parent = i - 1;                   // reply to the previous post
    if (i % 50 == 7 && i + 5 < n) parent = i + 5;     // reply that arrives before its parent
    f << R"({"source":")" << (i % 4 == 0 ? "mastodon" : "x") << R"(","id":")" << i
      << R"(","author":{"handle":"user)" << (i % 997) << R"(","followers":)" << (i % 5000) << "}"
      << R"(,"text":"post number )" << i << " about refund and outage #t" << (i % 13) << R"( 🎉",)"
      << R"("created_at":")" << "2024-01-01T00:00:00Z" << '"';
    if (parent >= 0) f << R"(,"reply_to":")" << parent << '"';
    f << "}\n";
    if (i % 1000 == 999) f << R"({"source":"x","id":")" << (i - 500) << R"(","author":"dup","text":"dup","created_at":"2024-01-01T00:00:00Z"})" << "\n";
  }
}

std::int64_t count_posts(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 1000);
  sqlite3_stmt* st = nullptr;
  std::int64_t n = -1;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM posts", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// Everything a user can observe, row by row, including the store's own ids and the FTS index contents.
std::string dump(const std::string& db_path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  std::string out;
  auto collect = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(st);
  };
  collect("SELECT * FROM posts ORDER BY id");
  collect("SELECT * FROM authors ORDER BY id");
  collect("SELECT * FROM orphans ORDER BY 1, 2, 3, 4");
  collect("SELECT * FROM post_analysis ORDER BY post_id");
  collect("SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'refund' ORDER BY rowid");
  // FTS5 verifies its index against the content table; a torn write would fail here.
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO posts_fts(posts_fts) VALUES('integrity-check')", nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  return out;
}

pid_t spawn_ingest(const std::string& db, const std::string& file) {
  pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    execl(PARLEY_BINARY, PARLEY_BINARY, "--db", db.c_str(), "ingest", "--quiet", "--batch-size", "2000",
          file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(KillIngest, SigkillMidwayThenRerunEqualsCleanRun) {
  TempDir dir;
  const std::string input = dir.file("big.jsonl");
  const int n = 200000;
  write_large_jsonl(input, n);

  auto clean = testing::run_parley("--db '" + dir.file("clean.db") + "' ingest --quiet --batch-size 2000 '" + input + "'");
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const std::int64_t total = count_posts(dir.file("clean.db"));
  ASSERT_EQ(total, n);

  // Kill twice at different points, then let a third run finish.
  const std::string db = dir.file("killed.db");
  for (std::int64_t threshold : {total / 5, total / 2}) {
    pid_t pid = spawn_ingest(db, input);
    ASSERT_GT(pid, 0);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    std::int64_t seen = 0;
    while ((seen = count_posts(db)) < threshold && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "ingest finished before it could be killed; make the file larger";
    const std::int64_t after = count_posts(db);
    EXPECT_GE(after, seen);   // nothing committed was lost by the kill
    EXPECT_LT(after, total);  // it really was midway
  }
  auto rerun = testing::run_parley("--db '" + db + "' ingest --quiet --batch-size 2000 '" + input + "'");
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(count_posts(db), total);
  const std::string a = dump(dir.file("clean.db")), b = dump(db);
  EXPECT_EQ(a.size(), b.size());
  EXPECT_TRUE(a == b) << "database after kill + rerun differs from a clean run";
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// The file above is full of near-copies ("post number N about refund..."): the comparison covers their
// groups too, so make sure there are groups to compare.
TEST(KillIngest, TheLargeFileHasNearDuplicateGroups) {
  testing::TempDir dir;
  write_large_jsonl(dir.file("f.jsonl"), 5000);
  ASSERT_EQ(testing::run_parley("--db '" + dir.file("f.db") + "' ingest -q '" + dir.file("f.jsonl") + "'").exit_code, 0);
  auto r = testing::run_parley("--db '" + dir.file("f.db") + "' stats --json");
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["near_duplicates"].get<int>(), 100) << r.out;
}

}  // namespace
}  // namespace parley
