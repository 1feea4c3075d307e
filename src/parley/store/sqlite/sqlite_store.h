// The embedded store: one SQLite file in WAL mode with an FTS5 index over post text. See store.h for the
// contract; docs/storage.md for the schema and the threading rules.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "parley/store/sqlite/connection.h"
#include "parley/store/sqlite/listening_rollup.h"
#include "parley/store/store.h"
#include "parley/text/recent_duplicates.h"

namespace parley::sqlite {

// Lets the caches below be probed with a string_view built in a reused buffer: no allocation per post.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Result<UpsertCounts> upsert_posts(std::span<const Post> batch,
                                    std::span<const text::Analysis> analyses = {}) override;
  Result<SearchResult> search(const SearchQuery& q) override;
  Result<StoreStats> stats() override;
  Result<std::vector<StoredPost>> conversation(std::int64_t conversation_id) override;
  Result<StoredPost> find_post(const std::string& source, const std::string& external_id) override;

  // upsert_posts, and then `before_commit` inside the same transaction (the server routes the new posts
  // there, so one commit, one fsync, covers posts and cases). A failure of either rolls back both.
  Result<UpsertCounts> upsert_posts_and(std::span<const Post> batch, std::span<const text::Analysis> analyses,
                                        const std::function<Status()>& before_commit);

  // The store's own connection, for the case engine: writes on it do not look like another writer's to the
  // caches above (PRAGMA data_version only moves for other connections). Same thread rules as the store.
  Connection& connection() { return db_; }

 private:
  struct AuthorRow {
    std::int64_t id;
    std::string name;
    AuthorKind kind;
  };
  enum class Outcome { inserted, updated, duplicate };

  SqliteStore(std::string path, Connection c) : path_(std::move(path)), db_(std::move(c)) {}
  Status prepare_statements();
  // The author's row id; `kind` gets the author's kind after this post (what the post is stored with).
  Result<std::int64_t> author_id(const Post& p, AuthorKind& kind);
  // Fills `facts` from the post's stored analysis; false if it has none.
  Result<bool> stored_analysis(std::int64_t post_id, ListeningFacts& facts);
  Result<Outcome> upsert_one(const Post& p, const text::Analysis* a, std::int64_t& next_id);
  Status write_analysis(std::int64_t post_id, std::int64_t created_at_ms, const text::Analysis& a, bool replace,
                        std::int64_t dup_group);
  Status seed_duplicates(std::int64_t next_id);
  void forget_caches();  // after a rollback, or when another connection wrote
  Status adopt_waiting(const Post& p, std::int64_t id, std::int64_t conversation_id);
  Status merge_conversation(std::int64_t from, std::int64_t into);
  Result<std::vector<StoredPost>> read_posts(Statement& st);

  std::string path_;
  Connection db_;
  // Authors seen by this connection, so the common case (a known author, unchanged) costs no query.
  // Bounded: cleared when it grows past kAuthorCacheMax.
  std::unordered_map<std::string, AuthorRow, KeyHash, std::equal_to<>> authors_;
  std::string key_buf_;
  std::string_view key(std::string_view source, std::string_view id);
  static constexpr std::size_t kAuthorCacheMax = 200000;
  // (source, external id) of every post some stored reply is waiting for: a mirror of the small orphans
  // table, so the common case (nobody waits for the new post) costs a hash probe instead of a query.
  // Reloaded when another connection has written (PRAGMA data_version) or after a rollback.
  std::unordered_set<std::string, KeyHash, std::equal_to<>> awaited_;
  std::int64_t awaited_version_ = -1;
  Status refresh_awaited();
  Status index_batch_text(std::int64_t end_id);
  std::int64_t batch_first_id_ = 0;                // first id handed out in the current batch
  std::map<std::int64_t, std::string> fts_stale_;  // updated older posts -> text the FTS index holds

  Statement find_author_, insert_author_, update_author_;
  Statement insert_post_, find_post_brief_, find_post_full_, update_post_;
  Statement fts_insert_, fts_delete_, fts_insert_range_, post_text_;
  Statement lookup_parent_, insert_orphan_, find_waiting_, delete_waiting_, set_parent_, conv_members_, set_conv_;
  Statement max_id_, data_version_, all_awaited_;
  Statement insert_analysis_, replace_analysis_, recent_analysed_, dup_group_, stored_analysis_, move_analysis_;
  // Listening rollups: this batch's contributions, written before commit.
  ListeningRollup rollup_;
  // Near-duplicate window over the posts stored last; seeded from the database before the first analysed
  // batch, and again whenever the caches are forgotten.
  text::RecentDuplicates dups_;
  bool dups_seeded_ = false;
};

}  // namespace parley::sqlite
