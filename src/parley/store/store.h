// The Store: where posts live once, threaded into conversations and indexed for full-text search. An
// interface so the embedded SQLite store and a shared PostgreSQL store can stand behind the same calls.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "parley/core/post.h"
#include "parley/core/status.h"
#include "parley/text/analysis.h"

namespace parley {

// What one upsert batch did: each post is new, updated (same source id, changed content) or a duplicate
// (same source id, same content: nothing written).
struct UpsertCounts {
  std::uint64_t inserted = 0;
  std::uint64_t updated = 0;
  std::uint64_t duplicates = 0;
};

struct StoredPost {
  std::int64_t id = 0;               // the store's own id
  std::int64_t conversation_id = 0;  // id of the conversation's root post
  Post post;
};

struct SearchQuery {
  std::string text;         // words to find; every word must occur (prefix match with a trailing '*')
  std::string source;       // "" = any
  std::int64_t since_ms = 0, until_ms = 0;  // 0 = unbounded
  int limit = 20;
  int offset = 0;
};

struct SearchHit {
  StoredPost stored;
  std::string snippet;  // the matching passage, matches wrapped in [ ]
  double rank = 0;      // bm25: lower is better
};

struct SearchResult {
  std::uint64_t total = 0;  // all matches, not just this page
  std::vector<SearchHit> hits;
};

struct CountBy {
  std::string key;
  std::uint64_t count = 0;
};

struct StoreStats {
  std::uint64_t posts = 0, conversations = 0, authors = 0, threaded_replies = 0, orphan_replies = 0;
  std::int64_t first_ms = 0, last_ms = 0;
  std::vector<CountBy> by_source, by_kind, by_language, by_audience;
  std::uint64_t analysed = 0;                         // posts with a stored analysis
  std::uint64_t near_duplicates = 0, duplicate_groups = 0;  // posts that nearly copy an earlier one; groups
  std::vector<CountBy> by_intent, by_sentiment, by_detected_language;
  std::uint64_t schema_version = 0;
  std::uint64_t file_bytes = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes a batch in one transaction: all of it is durable when this returns ok, none of it otherwise.
  // Idempotent by (source, external_id). Replies join their parent's conversation whatever order they
  // arrive in: a reply stored before its parent is moved into the parent's conversation when it comes.
  // `analyses`, when not empty, holds the analysis of each post (same order and size) and is stored with
  // it: for new and edited posts, and for known posts that have none yet.
  virtual Result<UpsertCounts> upsert_posts(std::span<const Post> batch,
                                            std::span<const text::Analysis> analyses = {}) = 0;

  virtual Result<SearchResult> search(const SearchQuery& q) = 0;
  virtual Result<StoreStats> stats() = 0;
  virtual Result<std::vector<StoredPost>> conversation(std::int64_t conversation_id) = 0;
  virtual Result<StoredPost> find_post(const std::string& source, const std::string& external_id) = 0;
};

// Opens (creating if needed) the SQLite store at `path` and brings its schema to the current version.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace parley
