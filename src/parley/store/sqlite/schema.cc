#include "parley/store/sqlite/schema.h"

#include <algorithm>
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
      // 3: engage (docs/engage.md): cases over conversations, their history, SLA deadlines, knowledge,
      // the outbox of replies, and the people who sign in.
      R"sql(
CREATE TABLE engage_state (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;                            -- 'routed_through': the last posts.id the router has seen
CREATE TABLE cases (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL,         -- case | acknowledge | internal_question
  status             TEXT NOT NULL,         -- open | waiting | resolved | merged
  team               TEXT NOT NULL,
  function           TEXT NOT NULL,
  priority           TEXT NOT NULL,         -- low | normal | high | urgent
  assignee           TEXT,                  -- employee handle; NULL while queued
  assign_reason      TEXT,
  rule               TEXT,                  -- the routing rule that opened it
  sla_policy         TEXT,
  tags               TEXT NOT NULL DEFAULT '[]',
  required_skills    TEXT NOT NULL DEFAULT '{}',
  source             TEXT NOT NULL,         -- channel of the opening post
  audience           TEXT NOT NULL,
  intent             TEXT NOT NULL,
  language           TEXT NOT NULL,
  urgency            INTEGER NOT NULL,
  author_id          INTEGER,               -- the customer (authors.id) who opened it
  first_post_id      INTEGER NOT NULL,
  opened_at          INTEGER NOT NULL,      -- Unix ms of the opening post
  updated_at         INTEGER NOT NULL,
  first_response_at  INTEGER,
  last_inbound_at    INTEGER,               -- last customer post
  last_response_at   INTEGER,
  resolved_at        INTEGER,
  resolved_by        TEXT,                  -- staff | community
  first_sentiment    REAL,
  last_sentiment     REAL,
  reopens            INTEGER NOT NULL DEFAULT 0,
  csat               INTEGER,
  merged_into        INTEGER,
  waiting_since      INTEGER,               -- SLA paused while waiting on the customer
  first_response_due INTEGER,               -- deadlines (Unix ms); NULL when that clock is not running
  next_response_due  INTEGER,
  resolution_due     INTEGER,
  first_response_warn INTEGER,              -- when to warn (warn_at share of the target used); NULL once warned
  next_response_warn INTEGER,
  resolution_warn    INTEGER,
  last_inbound_post  INTEGER,               -- posts.id of the customer's latest post (a reply answers it)
  sla_breaches       INTEGER NOT NULL DEFAULT 0,  -- bit 1 first response, 2 next response, 4 resolution
  sla_warnings       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_by_status ON cases (status, team);
CREATE INDEX cases_by_assignee ON cases (assignee, status);
CREATE TABLE case_conversations (
  conversation_id INTEGER PRIMARY KEY,      -- posts.conversation_id
  case_id         INTEGER NOT NULL
);
CREATE INDEX case_conversations_by_case ON case_conversations (case_id);
CREATE TABLE case_events (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,                   -- a user, 'router', 'sla', 'customer'
  type     TEXT NOT NULL,
  data     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);
CREATE TABLE case_responses (               -- every answer on a case: who, when, staff or community
  post_id    INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  responder  TEXT NOT NULL,                 -- employee handle, or the author's handle for community
  by_staff   INTEGER NOT NULL,
  accepted   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_responses_by_case ON case_responses (case_id);
CREATE TABLE knowledge (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  author      TEXT NOT NULL,
  function    TEXT NOT NULL DEFAULT '',
  case_id     INTEGER,
  post_id     INTEGER,
  created_at  INTEGER NOT NULL,
  uses        INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE knowledge_fts USING fts5 (
  title, body, content = 'knowledge', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE knowledge_uses (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL,
  case_id     INTEGER,
  user_name   TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL,
  post_id     INTEGER NOT NULL,
  url         TEXT NOT NULL,
  payload     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | failed
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL,
  last_error  TEXT
);
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL,              -- admin | lead | agent | analyst
  functions     TEXT NOT NULL DEFAULT '[]', -- JSON array: the functions this user may see; [] = from config
  password_hash TEXT,                       -- libsodium crypto_pwhash_str; NULL = token sign-in only
  created_at    INTEGER NOT NULL
);
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_name    TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,        -- BLAKE2b of the token; the token itself is shown once
  label        TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked      INTEGER NOT NULL DEFAULT 0
);
)sql",
      // 4: listening (docs/listening.md). Each post keeps the kind its author had when it was stored, so
      // "the brand's own posts do not count" is a fact of the post that rollups and raw queries agree on
      // (an author's kind can change later). Rollups by hour and by day of the posts that count for
      // listening are kept in step at ingest; the statements below backfill them from the rows already
      // stored. post_analysis.created_at (the post's time, copied) with its index makes a time range of
      // analysed posts (drill-down, verification) an index range; it sits on post_analysis rather than posts
      // so that storing posts without analysis (`ingest --no-analyze`, the bulk path) does not pay for it.
      R"sql(
ALTER TABLE posts ADD COLUMN author_kind TEXT NOT NULL DEFAULT 'public';
UPDATE posts SET author_kind = (SELECT kind FROM authors WHERE authors.id = posts.author_id);
ALTER TABLE post_analysis ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
UPDATE post_analysis SET created_at = (SELECT created_at FROM posts WHERE posts.id = post_analysis.post_id);
CREATE INDEX post_analysis_by_created ON post_analysis (created_at);
CREATE TABLE listen_volume_hour (
  bucket        INTEGER NOT NULL,           -- Unix ms of the bucket's start, UTC
  source        TEXT NOT NULL,
  intent        TEXT NOT NULL,
  sentiment     TEXT NOT NULL,              -- negative | neutral | positive
  posts         INTEGER NOT NULL,
  sentiment_sum REAL NOT NULL,              -- sum of compound sentiment
  PRIMARY KEY (bucket, source, intent, sentiment)
) WITHOUT ROWID;
CREATE TABLE listen_volume_day (
  bucket        INTEGER NOT NULL,
  source        TEXT NOT NULL,
  intent        TEXT NOT NULL,
  sentiment     TEXT NOT NULL,
  posts         INTEGER NOT NULL,
  sentiment_sum REAL NOT NULL,
  PRIMARY KEY (bucket, source, intent, sentiment)
) WITHOUT ROWID;
-- Posts per entity; kind 'own' (name '') counts the posts naming any of the organisation's products once.
CREATE TABLE listen_entity_hour (
  bucket    INTEGER NOT NULL,
  kind      TEXT NOT NULL,                  -- product | competitor | campaign | keyword | own
  name      TEXT NOT NULL,
  source    TEXT NOT NULL,
  intent    TEXT NOT NULL,
  posts     INTEGER NOT NULL,
  negative  INTEGER NOT NULL,
  neutral   INTEGER NOT NULL,
  positive  INTEGER NOT NULL,
  PRIMARY KEY (bucket, kind, name, source, intent)
) WITHOUT ROWID;
CREATE TABLE listen_entity_day (
  bucket    INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  name      TEXT NOT NULL,
  source    TEXT NOT NULL,
  intent    TEXT NOT NULL,
  posts     INTEGER NOT NULL,
  negative  INTEGER NOT NULL,
  neutral   INTEGER NOT NULL,
  positive  INTEGER NOT NULL,
  PRIMARY KEY (bucket, kind, name, source, intent)
) WITHOUT ROWID;
CREATE TEMP VIEW listening_posts AS
  SELECT p.id, p.source, p.created_at - (((p.created_at % 3600000) + 3600000) % 3600000) AS hour,
         pa.intent, pa.sentiment_label AS label, pa.sentiment, pa.entities
  FROM posts p JOIN post_analysis pa ON pa.post_id = p.id
  WHERE p.audience = 'public' AND p.author_kind <> 'employee' AND pa.spam = 0;
INSERT INTO listen_volume_hour (bucket, source, intent, sentiment, posts, sentiment_sum)
  SELECT hour, source, intent, label, COUNT(*), SUM(sentiment) FROM listening_posts GROUP BY 1, 2, 3, 4;
INSERT INTO listen_entity_hour (bucket, kind, name, source, intent, posts, negative, neutral, positive)
  SELECT hour, kind, name, source, intent, COUNT(*), SUM(label = 'negative'), SUM(label = 'neutral'),
         SUM(label = 'positive')
  FROM (SELECT DISTINCT l.id, l.hour, l.source, l.intent, l.label, json_extract(e.value, '$.kind') AS kind,
               json_extract(e.value, '$.name') AS name
        FROM listening_posts l, json_each(l.entities) e
        UNION
        SELECT l.id, l.hour, l.source, l.intent, l.label, 'own', ''
        FROM listening_posts l, json_each(l.entities) e WHERE json_extract(e.value, '$.kind') = 'product')
  WHERE kind = 'product' OR kind = 'competitor' OR kind = 'campaign' OR kind = 'keyword' OR kind = 'own'
  GROUP BY 1, 2, 3, 4, 5;
INSERT INTO listen_volume_day (bucket, source, intent, sentiment, posts, sentiment_sum)
  SELECT bucket - (((bucket % 86400000) + 86400000) % 86400000), source, intent, sentiment, SUM(posts),
         SUM(sentiment_sum)
  FROM listen_volume_hour GROUP BY 1, 2, 3, 4;
INSERT INTO listen_entity_day (bucket, kind, name, source, intent, posts, negative, neutral, positive)
  SELECT bucket - (((bucket % 86400000) + 86400000) % 86400000), kind, name, source, intent, SUM(posts),
         SUM(negative), SUM(neutral), SUM(positive)
  FROM listen_entity_hour GROUP BY 1, 2, 3, 4, 5;
DROP VIEW listening_posts;
)sql",
      // 5: growth (docs/growth.md): peer feedback on individual staff replies, and social goals. Both are
      // written by people through the API; everything derived from them (progress, points, badges) is
      // computed on read so it can never drift from the cases it describes.
      R"sql(
CREATE TABLE peer_feedback (
  id          INTEGER PRIMARY KEY,
  post_id     INTEGER NOT NULL,             -- the staff reply (case_responses.post_id)
  case_id     INTEGER NOT NULL,
  to_handle   TEXT NOT NULL,                -- the reply's author
  from_user   TEXT NOT NULL,                -- the colleague who gave it
  kind        TEXT NOT NULL CHECK (kind = 'kudos' OR kind = 'comment'),
  text        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
-- One kudos per colleague per reply: a second press is the same kudos, not another point.
CREATE UNIQUE INDEX peer_feedback_one_kudos ON peer_feedback (post_id, from_user) WHERE kind = 'kudos';
CREATE INDEX peer_feedback_by_recipient ON peer_feedback (to_handle, created_at);
CREATE INDEX peer_feedback_by_case ON peer_feedback (case_id);
CREATE TABLE social_goals (
  id          INTEGER PRIMARY KEY,
  handle      TEXT NOT NULL,                -- whose goal
  metric      TEXT NOT NULL,                -- docs/growth.md, "Goals"
  target      REAL NOT NULL,                -- a share in [0, 1], a mean, or a count, by metric
  within_min  INTEGER,                      -- the time limit of first_response_within / resolution_within
  starts_at   INTEGER NOT NULL,             -- Unix ms, [starts_at, ends_at)
  ends_at     INTEGER NOT NULL,
  set_by      TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE INDEX social_goals_by_handle ON social_goals (handle, ends_at);
)sql",
  };
  return m;
}

}  // namespace

std::int64_t schema_version_latest() { return static_cast<std::int64_t>(migrations().size()); }

Status migrate(Connection& c) { return migrate(c, schema_version_latest()); }

Status migrate(Connection& c, std::int64_t target) {
  auto st = c.prepare("PRAGMA user_version");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  std::int64_t have = st->int64(0);
  st->reset();
  if (have > schema_version_latest())
    return Status::error("database schema version " + std::to_string(have) + " is newer than this parley (" +
                         std::to_string(schema_version_latest()) + "): upgrade parley to open it");
  for (std::int64_t v = have; v < std::min(target, schema_version_latest()); ++v) {
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
