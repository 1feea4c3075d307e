#include "parley/store/sqlite/schema.h"

#include <string>
#include <vector>

namespace parley::sqlite {
namespace {

// Append only: never edit a migration that has shipped; add a new one.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> m = {
      // 1: posts, authors, threading and full-text search.
      R"sql(
CREATE TABLE authors (
  id        INTEGER PRIMARY KEY,
  source    TEXT NOT NULL,
  handle    TEXT NOT NULL,
  name      TEXT NOT NULL DEFAULT '',
  kind      TEXT NOT NULL DEFAULT 'public' CHECK (kind = 'public' OR kind = 'customer' OR kind = 'employee'),
  UNIQUE (source, handle)
);
CREATE TABLE posts (
  id                INTEGER PRIMARY KEY,
  source            TEXT NOT NULL,
  external_id       TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind = 'post' OR kind = 'reply' OR kind = 'comment' OR kind = 'dm' OR kind = 'review'),
  audience          TEXT NOT NULL CHECK (audience = 'public' OR audience = 'internal'),
  author_id         INTEGER NOT NULL REFERENCES authors(id),
  author_followers  INTEGER,                -- the author's reach when this was posted; NULL if unknown
  text              TEXT NOT NULL,
  created_at        INTEGER NOT NULL,       -- Unix milliseconds, UTC
  url               TEXT,
  lang              TEXT,
  reply_to          TEXT,                   -- parent's external id as the source gave it
  conversation_hint TEXT,                   -- thread root's external id as the source gave it
  parent_id         INTEGER,                -- posts.id of the parent once it is stored
  conversation_id   INTEGER NOT NULL,       -- posts.id of the conversation's root
  UNIQUE (source, external_id)
);
CREATE INDEX posts_by_conversation ON posts (conversation_id);
-- The CHECKs spell out OR chains: SQLite evaluates "x IN (a, b, c)" through a temporary table built for
-- every inserted row, which doubled the cost of an insert.
-- Replies whose parent (or stated root) has not arrived yet, keyed by what they wait for. Small: rows
-- leave as soon as the awaited post is stored, so looking up every new post here stays cheap.
CREATE TABLE orphans (
  source      TEXT NOT NULL,
  awaited_id  TEXT NOT NULL,
  relation    TEXT NOT NULL CHECK (relation = 'parent' OR relation = 'root'),
  post_id     INTEGER NOT NULL,
  PRIMARY KEY (source, awaited_id, relation, post_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE posts_fts USING fts5 (
  text, content = 'posts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
-- automerge=16 (the maximum) lets more segments of a level pile up before FTS5 merges them: at 1M posts
-- ingested in batches it cut the index's CPU cost by about 40% (docs/storage.md); queries see a few more
-- segments, which FTS5 handles well.
INSERT INTO posts_fts(posts_fts, rank) VALUES ('automerge', 16);
CREATE VIEW conversations AS
  SELECT conversation_id AS id, COUNT(*) AS posts, MIN(created_at) AS first_at, MAX(created_at) AS last_at
  FROM posts GROUP BY conversation_id;
)sql",
      // 2: what the analyser understood of each post (docs/analysis.md), written with the post at ingest.
      R"sql(
CREATE TABLE post_analysis (
  post_id           INTEGER PRIMARY KEY,    -- posts.id
  language          TEXT NOT NULL,          -- detected: ISO 639-1 or 'und'
  sentiment         REAL NOT NULL,          -- compound, [-1, 1]
  sentiment_label   TEXT NOT NULL,          -- negative | neutral | positive
  intent            TEXT NOT NULL,          -- complaint | praise | question | suggestion | other
  intent_confidence REAL NOT NULL,
  spam              INTEGER NOT NULL,       -- 0 | 1
  urgency           INTEGER NOT NULL,       -- 0-100
  simhash           INTEGER NOT NULL,       -- 64-bit SimHash, stored as a signed integer
  dup_group         INTEGER,                -- posts.id of the earliest near-duplicate (text/recent_duplicates.h)
  entities          TEXT NOT NULL,          -- JSON array of {"kind", "name"}
  key_phrases       TEXT NOT NULL           -- JSON array of strings
);
)sql",
  };
  return m;
}

}  // namespace

std::int64_t schema_version_latest() { return static_cast<std::int64_t>(migrations().size()); }

Status migrate(Connection& c) {
  auto st = c.prepare("PRAGMA user_version");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  std::int64_t have = st->int64(0);
  st->reset();
  if (have > schema_version_latest())
    return Status::error("database schema version " + std::to_string(have) + " is newer than this parley (" +
                         std::to_string(schema_version_latest()) + "): upgrade parley to open it");
  for (std::int64_t v = have; v < schema_version_latest(); ++v) {
    auto tx = Transaction::begin_immediate(c);
    if (!tx) return tx.status();
    if (auto s = c.exec(migrations()[static_cast<std::size_t>(v)]); !s)
      return Status::error("migration " + std::to_string(v + 1) + " failed: " + s.message());
    if (auto s = c.exec("PRAGMA user_version = " + std::to_string(v + 1)); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
  return Status::ok();
}

}  // namespace parley::sqlite
