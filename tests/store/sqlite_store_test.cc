#include "parley/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <vector>

#include "../test_util.h"
#include "parley/store/sqlite/schema.h"
#include "parley/store/sqlite/sqlite_store.h"

namespace parley {
namespace {

using testing::make_post;
using testing::TempDir;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir.file("t.db"));
    ASSERT_TRUE(s) << s.message();
    store = std::move(*s);
  }
  UpsertCounts put(std::vector<Post> posts) {
    auto r = store->upsert_posts(posts);
    EXPECT_TRUE(r) << r.message();
    return r ? *r : UpsertCounts{};
  }
  std::int64_t conv(const std::string& id, const std::string& source = "x") {
    auto p = store->find_post(source, id);
    EXPECT_TRUE(p) << p.message();
    return p ? p->conversation_id : -1;
  }
  std::int64_t post_id(const std::string& id) { return store->find_post("x", id)->id; }

  TempDir dir;
  std::unique_ptr<Store> store;
};

TEST_F(SqliteStoreTest, StoresAndReadsBackEveryField) {
  Post p = make_post("42", "Ünïcode text 🎉 with #hashtag");
  p.kind = PostKind::review;
  p.audience = Audience::internal;
  p.author = {"ana", "Ana Lima", AuthorKind::employee, 1234};
  p.url = "https://x.com/ana/status/42";
  p.language = "pt";
  put({p});
  auto got = store->find_post("x", "42");
  ASSERT_TRUE(got) << got.message();
  EXPECT_EQ(got->post.text, p.text);
  EXPECT_EQ(got->post.kind, PostKind::review);
  EXPECT_EQ(got->post.audience, Audience::internal);
  EXPECT_EQ(got->post.author.handle, "ana");
  EXPECT_EQ(got->post.author.name, "Ana Lima");
  EXPECT_EQ(got->post.author.kind, AuthorKind::employee);
  EXPECT_EQ(got->post.author.followers, 1234);
  EXPECT_EQ(got->post.url, p.url);
  EXPECT_EQ(got->post.language, "pt");
  EXPECT_EQ(got->post.created_at_ms, p.created_at_ms);
  EXPECT_EQ(got->conversation_id, got->id);  // a root is its own conversation
}

TEST_F(SqliteStoreTest, UpsertIsIdempotentBySourceAndId) {
  auto first = put({make_post("1", "hello"), make_post("2", "world")});
  EXPECT_EQ(first.inserted, 2u);
  auto again = put({make_post("1", "hello"), make_post("2", "world")});
  EXPECT_EQ(again.inserted, 0u);
  EXPECT_EQ(again.duplicates, 2u);
  // Same external id on another source is another post.
  auto other = put({make_post("1", "hello", "", "mastodon")});
  EXPECT_EQ(other.inserted, 1u);
  EXPECT_EQ(store->stats()->posts, 3u);
}

TEST_F(SqliteStoreTest, ChangedContentUpdatesPostAndSearchIndex) {
  put({make_post("1", "the router is broken")});
  auto r = put({make_post("1", "the modem is fixed now")});
  EXPECT_EQ(r.updated, 1u);
  EXPECT_EQ(store->find_post("x", "1")->post.text, "the modem is fixed now");
  EXPECT_EQ(store->search({.text = "router"})->total, 0u);
  EXPECT_EQ(store->search({.text = "modem"})->total, 1u);
}

TEST_F(SqliteStoreTest, RepliesJoinTheirParentsConversation) {
  put({make_post("1", "root"), make_post("2", "reply", "1"), make_post("3", "reply to reply", "2")});
  EXPECT_EQ(conv("2"), post_id("1"));
  EXPECT_EQ(conv("3"), post_id("1"));
  auto thread = store->conversation(post_id("1"));
  ASSERT_TRUE(thread);
  ASSERT_EQ(thread->size(), 3u);
  EXPECT_EQ(store->stats()->threaded_replies, 2u);
}

TEST_F(SqliteStoreTest, ReplyBeforeParentIsLinkedWhenParentArrives) {
  // Arrival order: grandchild, child, root, each in its own batch (as across separate ingest runs).
  put({make_post("3", "grandchild", "2")});
  put({make_post("2", "child", "1")});
  EXPECT_EQ(conv("3"), conv("2"));  // the subtree is already one conversation
  EXPECT_EQ(store->stats()->orphan_replies, 1u);  // "2" still waits for "1"
  put({make_post("1", "root")});
  EXPECT_EQ(conv("2"), post_id("1"));
  EXPECT_EQ(conv("3"), post_id("1"));
  auto s = store->stats();
  EXPECT_EQ(s->orphan_replies, 0u);
  EXPECT_EQ(s->threaded_replies, 2u);
  EXPECT_EQ(s->conversations, 1u);
}

TEST_F(SqliteStoreTest, OutOfOrderWithinOneBatchGivesSameThreadsAsInOrder) {
  put({make_post("b2", "leaf", "b1"), make_post("a2", "x", "a1"), make_post("b1", "mid", "b0"),
       make_post("a1", "root a"), make_post("b0", "root b")});
  EXPECT_EQ(conv("a2"), post_id("a1"));
  EXPECT_EQ(conv("b1"), post_id("b0"));
  EXPECT_EQ(conv("b2"), post_id("b0"));
  EXPECT_EQ(store->stats()->conversations, 2u);
}

TEST_F(SqliteStoreTest, ConversationHintJoinsThreadWhenParentIsMissing) {
  Post root = make_post("100", "root");
  Post reply = make_post("102", "reply to a tweet we never saw", "101");
  reply.conversation_hint = "100";
  put({reply});
  put({root});
  EXPECT_EQ(conv("102"), post_id("100"));
  // The parent arriving later still sets the parent link, and the thread stays one.
  Post parent = make_post("101", "the missing middle", "100");
  put({parent});
  EXPECT_EQ(conv("101"), post_id("100"));
  EXPECT_EQ(conv("102"), post_id("100"));
  EXPECT_EQ(store->stats()->orphan_replies, 0u);
}

TEST_F(SqliteStoreTest, ReplyCycleInBadDataDoesNotLoop) {
  put({make_post("a", "a", "b")});
  put({make_post("b", "b", "a")});
  EXPECT_EQ(conv("a"), conv("b"));
}

TEST_F(SqliteStoreTest, SearchFindsWordsCaseAndAccentInsensitiveWithSnippets) {
  put({make_post("1", "Our FIBER connection is down again #outage"), make_post("2", "Café was lovely"),
       make_post("3", "fiber installation went great", "", "mastodon")});
  auto r = store->search({.text = "fiber"});
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r->total, 2u);
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_NE(r->hits[0].snippet.find("[FIBER]") == std::string::npos &&
                r->hits[0].snippet.find("[fiber]") == std::string::npos,
            true);
  EXPECT_EQ(store->search({.text = "cafe"})->total, 1u);
  EXPECT_EQ(store->search({.text = "#outage"})->total, 1u);
  EXPECT_EQ(store->search({.text = "fiber", .source = "mastodon"})->total, 1u);
  EXPECT_EQ(store->search({.text = "fib*"})->total, 2u);
  EXPECT_EQ(store->search({.text = "fiber -installation"})->total, 1u);
  EXPECT_EQ(store->search({.text = "\"connection is down\""})->total, 1u);
  EXPECT_FALSE(store->search({.text = "!!!"}));  // nothing searchable: a clear error, not a crash
}

TEST_F(SqliteStoreTest, SearchFiltersByTimeAndPages) {
  std::vector<Post> posts;
  for (int i = 0; i < 30; ++i) posts.push_back(make_post(std::to_string(i), "refund please", "", "x", 1000 + i));
  put(posts);
  EXPECT_EQ(store->search({.text = "refund", .since_ms = 1010, .until_ms = 1020})->total, 10u);
  auto page = store->search({.text = "refund", .limit = 7, .offset = 28});
  EXPECT_EQ(page->total, 30u);
  EXPECT_EQ(page->hits.size(), 2u);
}

TEST_F(SqliteStoreTest, AuthorsAreSharedAndKeepTheirKnownKind) {
  Post a = make_post("1", "a");
  a.author = {"sam", "Sam", AuthorKind::employee, 10};
  Post b = make_post("2", "b");
  b.author = {"sam", "", AuthorKind::public_, 20};
  put({a, b});
  auto got = store->find_post("x", "2");
  EXPECT_EQ(got->post.author.kind, AuthorKind::employee);
  EXPECT_EQ(got->post.author.name, "Sam");
  EXPECT_EQ(got->post.author.followers, 20);
  EXPECT_EQ(store->stats()->authors, 1u);
}

TEST_F(SqliteStoreTest, ReopeningKeepsDataAndSchemaVersion) {
  put({make_post("1", "persisted")});
  store.reset();
  auto again = open_sqlite_store(dir.file("t.db"));
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->stats()->posts, 1u);
  EXPECT_EQ((*again)->stats()->schema_version, static_cast<std::uint64_t>(sqlite::schema_version_latest()));
}

TEST(SqliteStoreOpen, RefusesDatabaseFromNewerParley) {
  TempDir dir;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir.file("new.db").c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto s = open_sqlite_store(dir.file("new.db"));
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("newer than this parley"), std::string::npos) << s.message();
}

TEST(SqliteStoreOpen, ReportsUnopenablePath) {
  auto s = open_sqlite_store("/nonexistent-dir/x/y.db");
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("/nonexistent-dir/x/y.db"), std::string::npos) << s.message();
}

TEST(SqliteStoreOpen, UsesWalMode) {
  TempDir dir;
  { ASSERT_TRUE(open_sqlite_store(dir.file("w.db"))); }
  sqlite3* db = nullptr;
  sqlite3_open(dir.file("w.db").c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

text::Analysis sample_analysis(double compound, text::Intent intent) {
  text::Analysis a;
  a.language = "en";
  a.sentiment.compound = compound;
  a.sentiment.label = compound < 0 ? text::SentimentClass::negative : text::SentimentClass::positive;
  a.intent.label = intent;
  a.intent.confidence = 0.9;
  a.urgency = 42;
  a.simhash = 0xF00DF00DF00DF00DULL;  // above INT64_MAX: must survive the signed column
  a.entities.push_back({text::EntityKind::product, "N5 \"Phone\"", 0, 2});
  a.key_phrases = {"fiber", "refund"};
  return a;
}

TEST(SqliteStoreAnalysis, StoredWithNewPostsAddedToKnownOnesReplacedOnEdit) {
  testing::TempDir dir;
  auto store = std::move(*open_sqlite_store(dir.file("a.db")));
  std::vector<Post> posts = {testing::make_post("1", "hello"), testing::make_post("2", "world")};
  // Post 1 arrives first without analysis (e.g. --no-analyze), then again with it.
  ASSERT_TRUE(store->upsert_posts(std::span<const Post>(posts.data(), 1)));
  std::vector<text::Analysis> an = {sample_analysis(-0.5, text::Intent::complaint),
                                    sample_analysis(0.7, text::Intent::praise)};
  auto r = store->upsert_posts(posts, an);
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r->duplicates, 1u);
  EXPECT_EQ(r->inserted, 1u);
  auto s = store->stats();
  EXPECT_EQ(s->analysed, 2u);
  ASSERT_EQ(s->by_intent.size(), 2u);
  // An edit replaces the analysis.
  posts[0].text = "hello again";
  std::vector<text::Analysis> edit = {sample_analysis(0.7, text::Intent::praise)};
  ASSERT_TRUE(store->upsert_posts(std::span<const Post>(posts.data(), 1), edit));
  s = store->stats();
  ASSERT_EQ(s->by_intent.size(), 1u);
  EXPECT_EQ(s->by_intent[0].key, "praise");
  EXPECT_EQ(s->by_intent[0].count, 2u);
}

TEST(SqliteStoreAnalysis, MismatchedSizesAreRefused) {
  testing::TempDir dir;
  auto store = std::move(*open_sqlite_store(dir.file("a.db")));
  std::vector<Post> posts = {testing::make_post("1", "a"), testing::make_post("2", "b")};
  std::vector<text::Analysis> one(1);
  EXPECT_FALSE(store->upsert_posts(posts, one));
  EXPECT_EQ(store->stats()->posts, 0u);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(SqliteStoreAnalysis, NearDuplicatesGetTheEarliestPostsGroupAcrossBatchesAndReopens) {
  testing::TempDir dir;
  auto analysed = [](std::uint64_t simhash) {
    text::Analysis a;
    a.simhash = simhash;
    return a;
  };
  const std::uint64_t h = 0x0123456789ABCDEFULL;
  {
    auto store = std::move(*open_sqlite_store(dir.file("d.db")));
    std::vector<Post> posts = {testing::make_post("1", "original"), testing::make_post("2", "unrelated"),
                               testing::make_post("3", "copy")};
    std::vector<text::Analysis> an = {analysed(h), analysed(~h), analysed(h ^ 0b11)};
    ASSERT_TRUE(store->upsert_posts(posts, an));
  }
  // A new connection (as a later ingest run) seeds its window from the file and keeps grouping.
  auto store = std::move(*open_sqlite_store(dir.file("d.db")));
  std::vector<Post> more = {testing::make_post("4", "another copy")};
  std::vector<text::Analysis> an = {analysed(h ^ 0b1000)};
  ASSERT_TRUE(store->upsert_posts(more, an));
  auto s = store->stats();
  EXPECT_EQ(s->near_duplicates, 2u);  // posts 3 and 4
  EXPECT_EQ(s->duplicate_groups, 1u);
  sqlite3* db = nullptr;
  sqlite3_open(dir.file("d.db").c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT DISTINCT dup_group FROM post_analysis WHERE dup_group IS NOT NULL", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(st, 0), store->find_post("x", "1")->id);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// Durability is fixed in the code: nothing in the environment can turn the fsync per commit off.
TEST(SqliteStoreDurability, WalWithFullSynchronousWhateverTheEnvironmentSays) {
  TempDir dir;
  ::setenv("XP", "PRAGMA synchronous=OFF;", 1);
  auto s = sqlite::SqliteStore::open(dir.file("d.db"));
  ::unsetenv("XP");
  ASSERT_TRUE(s) << s.message();
  auto st = (*s)->connection().prepare("PRAGMA synchronous");
  ASSERT_TRUE(st);
  auto row = st->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(st->int64(0), 2) << "2 = FULL";
  auto wal = (*s)->connection().prepare("PRAGMA journal_mode");
  ASSERT_TRUE(wal);
  ASSERT_TRUE(*wal->step());
  EXPECT_EQ(wal->text(0), "wal");
}

}  // namespace
}  // namespace parley
