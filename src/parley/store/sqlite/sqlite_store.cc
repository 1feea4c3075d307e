#include "parley/store/sqlite/sqlite_store.h"

#include <sys/stat.h>

#include <cstdio>

#include "parley/store/search_query.h"
#include "parley/store/sqlite/schema.h"

namespace parley::sqlite {
namespace {

// Columns of a StoredPost, in the order read_stored() expects them.
constexpr const char* kPostColumns =
    "p.id, p.conversation_id, p.source, p.external_id, p.kind, p.audience, a.handle, a.name, a.kind, "
    "p.author_followers, p.text, p.created_at, p.url, p.lang, p.reply_to, p.conversation_hint";

StoredPost read_stored(const Statement& st, int c = 0) {
  StoredPost s;
  s.id = st.int64(c + 0);
  s.conversation_id = st.int64(c + 1);
  Post& p = s.post;
  p.source = st.text(c + 2);
  p.external_id = st.text(c + 3);
  p.kind = parse_post_kind(st.text(c + 4)).value_or(PostKind::post);
  p.audience = parse_audience(st.text(c + 5)).value_or(Audience::public_);
  p.author.handle = st.text(c + 6);
  p.author.name = st.text(c + 7);
  p.author.kind = parse_author_kind(st.text(c + 8)).value_or(AuthorKind::public_);
  p.author.followers = st.is_null(c + 9) ? -1 : st.int64(c + 9);
  p.text = st.text(c + 10);
  p.created_at_ms = st.int64(c + 11);
  p.url = st.text(c + 12);
  p.language = st.text(c + 13);
  p.reply_to = st.text(c + 14);
  p.conversation_hint = st.text(c + 15);
  return s;
}

#define PARLEY_TRY(expr)               \
  do {                                 \
    if (auto _s = (expr); !_s) return _s; \
  } while (0)

#define PARLEY_PREPARE(member, sql)         \
  do {                                      \
    auto _r = db_.prepare(sql);             \
    if (!_r) return _r.status();            \
    member = std::move(*_r);                \
  } while (0)

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto c = Connection::open(path);
  if (!c) return c.status();
  // WAL lets readers (search, the server) run while an ingest writes. synchronous=FULL makes every
  // committed batch survive power loss, not only a killed process; with batches of thousands of posts
  // the fsync per commit costs little. Fixed here, never from the environment: durability is a promise.
  auto s = c->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
  if (!s) return Status::error("cannot open database '" + path + "': " + s.message());
  if (auto m = migrate(*c); !m) return Status::error("cannot open database '" + path + "': " + m.message());
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(*c)));
  if (auto p = store->prepare_statements(); !p) return p;
  return store;
}

Status SqliteStore::prepare_statements() {
  PARLEY_PREPARE(find_author_, "SELECT id, name, kind FROM authors WHERE source=?1 AND handle=?2");
  PARLEY_PREPARE(insert_author_,
                 "INSERT INTO authors(source, handle, name, kind) VALUES(?1, ?2, ?3, ?4)");
  PARLEY_PREPARE(update_author_, "UPDATE authors SET name=?2, kind=?3 WHERE id=?1");
  PARLEY_PREPARE(insert_post_,
                 "INSERT INTO posts(id, source, external_id, kind, audience, author_id, text, created_at, url, "
                 "lang, reply_to, conversation_hint, parent_id, conversation_id, author_followers, author_kind) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
                 "ON CONFLICT(source, external_id) DO NOTHING");
  PARLEY_PREPARE(find_post_brief_, "SELECT id, conversation_id FROM posts WHERE source=?1 AND external_id=?2");
  PARLEY_PREPARE(find_post_full_,
                 "SELECT id, kind, audience, author_id, text, created_at, url, lang, author_followers, author_kind "
                 "FROM posts "
                 "WHERE source=?1 AND external_id=?2");
  PARLEY_PREPARE(update_post_,
                 "UPDATE posts SET kind=?2, audience=?3, author_id=?4, text=?5, created_at=?6, url=?7, lang=?8, "
                 "author_followers=?9, author_kind=?10 "
                 "WHERE id=?1");
  PARLEY_PREPARE(fts_insert_, "INSERT INTO posts_fts(rowid, text) VALUES(?1, ?2)");
  PARLEY_PREPARE(fts_insert_range_,
                 "INSERT INTO posts_fts(rowid, text) SELECT id, text FROM posts WHERE id >= ?1 AND id < ?2");
  PARLEY_PREPARE(post_text_, "SELECT text FROM posts WHERE id = ?1");
  PARLEY_PREPARE(fts_delete_, "INSERT INTO posts_fts(posts_fts, rowid, text) VALUES('delete', ?1, ?2)");
  PARLEY_PREPARE(insert_orphan_,
                 "INSERT OR IGNORE INTO orphans(source, awaited_id, relation, post_id) VALUES(?1, ?2, ?3, ?4)");
  PARLEY_PREPARE(find_waiting_,
                 "SELECT o.relation, o.post_id, p.conversation_id FROM orphans o JOIN posts p ON p.id = o.post_id "
                 "WHERE o.source=?1 AND o.awaited_id=?2");
  PARLEY_PREPARE(delete_waiting_, "DELETE FROM orphans WHERE source=?1 AND awaited_id=?2");
  PARLEY_PREPARE(set_parent_, "UPDATE posts SET parent_id=?2 WHERE id=?1");
  PARLEY_PREPARE(conv_members_, "SELECT id FROM posts WHERE conversation_id=?1");
  PARLEY_PREPARE(set_conv_, "UPDATE posts SET conversation_id=?2 WHERE id=?1");
  PARLEY_PREPARE(max_id_, "SELECT IFNULL(MAX(id), 0) FROM posts");
  PARLEY_PREPARE(data_version_, "PRAGMA data_version");
  const char* analysis_columns =
      " INTO post_analysis(post_id, language, sentiment, sentiment_label, intent, intent_confidence, spam, "
      "urgency, simhash, entities, key_phrases, dup_group, created_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
  PARLEY_PREPARE(insert_analysis_, std::string("INSERT OR IGNORE") + analysis_columns);
  PARLEY_PREPARE(replace_analysis_, std::string("INSERT OR REPLACE") + analysis_columns);
  PARLEY_PREPARE(dup_group_, "SELECT IFNULL(dup_group, 0) FROM post_analysis WHERE post_id = ?1");
  PARLEY_PREPARE(move_analysis_, "UPDATE post_analysis SET created_at = ?2 WHERE post_id = ?1");
  PARLEY_PREPARE(recent_analysed_,
                 "SELECT post_id, simhash, IFNULL(dup_group, 0) FROM post_analysis WHERE post_id >= ?1 ORDER BY post_id");
  PARLEY_PREPARE(all_awaited_, "SELECT DISTINCT source, awaited_id FROM orphans");
  PARLEY_PREPARE(stored_analysis_,
                 "SELECT sentiment, sentiment_label, intent, spam, entities FROM post_analysis WHERE post_id = ?1");
  return rollup_.prepare(db_);
}

std::string_view SqliteStore::key(std::string_view source, std::string_view id) {
  key_buf_.assign(source).push_back('\0');
  key_buf_.append(id);
  return key_buf_;
}

Result<std::int64_t> SqliteStore::author_id(const Post& p, AuthorKind& kind) {
  const std::string_view k = key(p.source, p.author.handle);

  auto it = authors_.find(k);
  if (it == authors_.end()) {
    find_author_.bind(1, p.source).bind(2, p.author.handle);
    auto row = find_author_.step();
    if (!row) return row.status();
    if (*row) {
      AuthorRow a{find_author_.int64(0), std::string(find_author_.text(1)),
                  parse_author_kind(find_author_.text(2)).value_or(AuthorKind::public_)};
      find_author_.reset();
      if (authors_.size() >= kAuthorCacheMax) authors_.clear();
      it = authors_.emplace(std::string(k), std::move(a)).first;
    } else {
      find_author_.reset();
      insert_author_.bind(1, p.source)
          .bind(2, p.author.handle)
          .bind(3, p.author.name)
          .bind(4, to_string(p.author.kind));
      PARLEY_TRY(insert_author_.run());
      if (authors_.size() >= kAuthorCacheMax) authors_.clear();
      authors_.emplace(std::string(k),
                       AuthorRow{db_.last_insert_rowid(), p.author.name, p.author.kind});
      kind = p.author.kind;
      return db_.last_insert_rowid();
    }
  }
  // The latest non-empty name wins; a kind other than 'public' sticks, because a record that does not say
  // who someone is must not demote a known employee or customer. Reach (followers) changes with nearly
  // every post, so it is kept per post (as of posting) rather than rewritten on the author each time.
  AuthorRow& a = it->second;
  bool changed = false;
  if (!p.author.name.empty() && p.author.name != a.name) a.name = p.author.name, changed = true;
  if (p.author.kind != AuthorKind::public_ && p.author.kind != a.kind) a.kind = p.author.kind, changed = true;
  if (changed) {
    update_author_.bind(1, a.id).bind(2, a.name).bind(3, to_string(a.kind));
    PARLEY_TRY(update_author_.run());
  }
  kind = a.kind;
  return a.id;
}

Status SqliteStore::merge_conversation(std::int64_t from, std::int64_t into) {
  if (from == into) return Status::ok();
  // Row by row on purpose: "UPDATE ... SET conversation_id WHERE conversation_id" rewrites the index it
  // scans, which makes SQLite build a temporary table for every merge.
  std::vector<std::int64_t> members;
  conv_members_.bind(1, from);
  for (;;) {
    auto row = conv_members_.step();
    if (!row) return row.status();
    if (!*row) break;
    members.push_back(conv_members_.int64(0));
  }
  conv_members_.reset();
  for (std::int64_t m : members) {
    set_conv_.bind(1, m).bind(2, into);
    PARLEY_TRY(set_conv_.run());
  }
  return Status::ok();
}

// A post has just been stored: replies that were waiting for it (as their parent or their thread's root)
// now join its conversation, together with everything already threaded under them.
Status SqliteStore::adopt_waiting(const Post& p, std::int64_t id, std::int64_t conversation_id) {
  auto awaited = awaited_.find(key(p.source, p.external_id));
  if (awaited == awaited_.end()) return Status::ok();
  awaited_.erase(awaited);
  struct Waiting {
    bool parent;
    std::int64_t post_id, conversation_id;
  };
  std::vector<Waiting> waiting;
  find_waiting_.bind(1, p.source).bind(2, p.external_id);
  for (;;) {
    auto row = find_waiting_.step();
    if (!row) return row.status();
    if (!*row) break;
    waiting.push_back({find_waiting_.text(0) == "parent", find_waiting_.int64(1), find_waiting_.int64(2)});
  }
  find_waiting_.reset();
  if (waiting.empty()) return Status::ok();
  for (const auto& w : waiting) {
    if (w.parent) {
      set_parent_.bind(1, w.post_id).bind(2, id);
      PARLEY_TRY(set_parent_.run());
    }
    PARLEY_TRY(merge_conversation(w.conversation_id, conversation_id));
  }
  delete_waiting_.bind(1, p.source).bind(2, p.external_id);
  return delete_waiting_.run();
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

}  // namespace

Status SqliteStore::write_analysis(std::int64_t post_id, std::int64_t created_at_ms, const text::Analysis& a,
                                   bool replace, std::int64_t dup_group) {
  std::string entities = "[", phrases = "[";
  for (const auto& e : a.entities) {
    if (entities.size() > 1) entities.push_back(',');
    entities += "{\"kind\":";
    append_json_string(entities, text::to_string(e.kind));
    entities += ",\"name\":";
    append_json_string(entities, e.name);
    entities.push_back('}');
  }
  entities.push_back(']');
  for (const auto& k : a.key_phrases) {
    if (phrases.size() > 1) phrases.push_back(',');
    append_json_string(phrases, k);
  }
  phrases.push_back(']');
  Statement& st = replace ? replace_analysis_ : insert_analysis_;
  st.bind(1, post_id)
      .bind(2, std::string_view(a.language))
      .bind(3, a.sentiment.compound)
      .bind(4, text::to_string(a.sentiment.label))
      .bind(5, text::to_string(a.intent.label))
      .bind(6, a.intent.confidence)
      .bind(7, static_cast<std::int64_t>(a.intent.spam ? 1 : 0))
      .bind(8, static_cast<std::int64_t>(a.urgency))
      .bind(9, static_cast<std::int64_t>(a.simhash))
      .bind(10, std::string_view(entities))
      .bind(11, std::string_view(phrases));
  if (dup_group) st.bind(12, dup_group);
  else st.bind_null(12);
  st.bind(13, created_at_ms);
  return st.run();
}

Result<bool> SqliteStore::stored_analysis(std::int64_t post_id, ListeningFacts& facts) {
  stored_analysis_.bind(1, post_id);
  auto row = stored_analysis_.step();
  if (!row) return row.status();
  if (!*row) {
    stored_analysis_.reset();
    return false;
  }
  facts.compound = stored_analysis_.real(0);
  facts.label = text::parse_sentiment_class(stored_analysis_.text(1)).value_or(text::SentimentClass::neutral);
  facts.intent = text::parse_intent(stored_analysis_.text(2)).value_or(text::Intent::other);
  facts.spam = stored_analysis_.int64(3) != 0;
  const bool read = read_entities_json(stored_analysis_.text(4), facts.entities);
  stored_analysis_.reset();
  if (!read) return Status::error("post " + std::to_string(post_id) + " has unreadable entities in its analysis");
  return true;
}

Result<SqliteStore::Outcome> SqliteStore::upsert_one(const Post& p, const text::Analysis* analysis,
                                                     std::int64_t& next_id) {
  AuthorKind author_kind = AuthorKind::public_;
  auto aid = author_id(p, author_kind);
  if (!aid) return aid.status();

  const std::int64_t id = next_id;
  std::int64_t parent_id = 0, conversation_id = id;
  bool parent_missing = false, root_missing = false;
  auto lookup = [&](const std::string& ext, std::int64_t& found_id, std::int64_t& found_conv) -> Result<bool> {
    find_post_brief_.bind(1, p.source).bind(2, ext);
    auto row = find_post_brief_.step();
    if (row && *row) found_id = find_post_brief_.int64(0), found_conv = find_post_brief_.int64(1);
    find_post_brief_.reset();
    return row;
  };
  if (!p.reply_to.empty() && p.reply_to != p.external_id) {
    std::int64_t pid = 0, pconv = 0;
    auto found = lookup(p.reply_to, pid, pconv);
    if (!found) return found.status();
    if (*found) parent_id = pid, conversation_id = pconv;
    else parent_missing = true;
  }
  const bool has_hint = !p.conversation_hint.empty() && p.conversation_hint != p.external_id &&
                        p.conversation_hint != p.reply_to;
  if (has_hint && parent_id == 0) {
    std::int64_t rid = 0, rconv = 0;
    auto found = lookup(p.conversation_hint, rid, rconv);
    if (!found) return found.status();
    if (*found) conversation_id = rconv;
    else root_missing = true;
  }

  insert_post_.bind(1, id)
      .bind(2, p.source)
      .bind(3, p.external_id)
      .bind(4, to_string(p.kind))
      .bind(5, to_string(p.audience))
      .bind(6, *aid)
      .bind(7, p.text)
      .bind(8, p.created_at_ms)
      .bind_opt(9, p.url)
      .bind_opt(10, p.language)
      .bind_opt(11, p.reply_to)
      .bind_opt(12, p.conversation_hint)
      .bind(14, conversation_id);
  if (parent_id) insert_post_.bind(13, parent_id);
  else insert_post_.bind_null(13);
  if (p.author.followers >= 0) insert_post_.bind(15, p.author.followers);
  else insert_post_.bind_null(15);
  insert_post_.bind(16, to_string(author_kind));
  PARLEY_TRY(insert_post_.run());

  if (db_.changes() == 1) {
    ++next_id;
    auto wait_for = [&](const std::string& awaited, const char* relation) {
      awaited_.emplace(key(p.source, awaited));
      insert_orphan_.bind(1, p.source).bind(2, awaited).bind(3, std::string_view(relation)).bind(4, id);
      return insert_orphan_.run();
    };
    if (parent_missing) PARLEY_TRY(wait_for(p.reply_to, "parent"));
    if (root_missing) PARLEY_TRY(wait_for(p.conversation_hint, "root"));
    PARLEY_TRY(adopt_waiting(p, id, conversation_id));
    if (analysis) {
      PARLEY_TRY(write_analysis(id, p.created_at_ms, *analysis, false, dups_.add(id, analysis->simhash)));
      rollup_.add(listening_facts(p, author_kind, *analysis), +1);
    }
    return Outcome::inserted;
  }

  // Already stored: a duplicate delivery, or an edit of the post. Threading fields keep their first value.
  find_post_full_.bind(1, p.source).bind(2, p.external_id);
  auto row = find_post_full_.step();
  if (!row) return row.status();
  if (!*row) {
    find_post_full_.reset();
    return Status::error("post " + p.source + "/" + p.external_id + " vanished during upsert");
  }
  const std::int64_t existing = find_post_full_.int64(0);
  const bool same = find_post_full_.text(1) == to_string(p.kind) &&
                    find_post_full_.text(2) == to_string(p.audience) && find_post_full_.int64(3) == *aid &&
                    find_post_full_.text(4) == p.text && find_post_full_.int64(5) == p.created_at_ms &&
                    find_post_full_.text(6) == p.url && find_post_full_.text(7) == p.language &&
                    (find_post_full_.is_null(8) ? -1 : find_post_full_.int64(8)) == p.author.followers;
  // Remember what the full-text index holds for this post (its text before this batch) so the index can
  // be corrected once at the end of the batch. Posts new in this batch are indexed then anyway.
  if (find_post_full_.text(4) != p.text && existing < batch_first_id_ && !fts_stale_.count(existing))
    fts_stale_.emplace(existing, std::string(find_post_full_.text(4)));
  // What the post counted for in the rollups until now: its fields as stored, with the author's kind then.
  ListeningFacts before;
  before.created_at_ms = find_post_full_.int64(5);
  before.source = p.source;
  before.audience = parse_audience(find_post_full_.text(2)).value_or(Audience::public_);
  before.author_kind = parse_author_kind(find_post_full_.text(9)).value_or(AuthorKind::public_);
  find_post_full_.reset();
  if (same) {
    // A post stored before analysis existed (or without it) gets its analysis now; otherwise a no-op.
    // Its group is left empty: groups are given in id order, as posts are first stored.
    if (analysis) {
      PARLEY_TRY(write_analysis(existing, before.created_at_ms, *analysis, false, 0));
      // Counted once: only when this delivery wrote the first analysis of the post.
      if (db_.changes() == 1) rollup_.add(listening_facts(p, before.author_kind, *analysis), +1);
    }
    return Outcome::duplicate;
  }
  auto had = stored_analysis(existing, before);
  if (!had) return had.status();
  if (*had) rollup_.add(before, -1);

  update_post_.bind(1, existing)
      .bind(2, to_string(p.kind))
      .bind(3, to_string(p.audience))
      .bind(4, *aid)
      .bind(5, p.text)
      .bind(6, p.created_at_ms)
      .bind_opt(7, p.url)
      .bind_opt(8, p.language);
  if (p.author.followers >= 0) update_post_.bind(9, p.author.followers);
  else update_post_.bind_null(9);
  update_post_.bind(10, to_string(author_kind));
  PARLEY_TRY(update_post_.run());
  // An edit keeps the group the post was given when first stored (NULL if it had no analysis then).
  if (analysis) {
    std::int64_t group = 0;
    dup_group_.bind(1, existing);
    auto g = dup_group_.step();
    if (!g) return g.status();
    if (*g) group = dup_group_.int64(0);
    dup_group_.reset();
    PARLEY_TRY(write_analysis(existing, p.created_at_ms, *analysis, true, group));
    rollup_.add(listening_facts(p, author_kind, *analysis), +1);
  } else if (*had) {
    // The edit keeps its old analysis, now under the post's new time, audience or author.
    move_analysis_.bind(1, existing).bind(2, p.created_at_ms);
    PARLEY_TRY(move_analysis_.run());
    ListeningFacts after = std::move(before);
    after.created_at_ms = p.created_at_ms;
    after.audience = p.audience;
    after.author_kind = author_kind;
    rollup_.add(after, +1);
  }
  return Outcome::updated;
}

Result<UpsertCounts> SqliteStore::upsert_posts(std::span<const Post> batch,
                                               std::span<const text::Analysis> analyses) {
  return upsert_posts_and(batch, analyses, nullptr);
}

Result<UpsertCounts> SqliteStore::upsert_posts_and(std::span<const Post> batch,
                                                   std::span<const text::Analysis> analyses,
                                                   const std::function<Status()>& before_commit) {
  UpsertCounts counts;
  if (batch.empty()) return counts;
  if (!analyses.empty() && analyses.size() != batch.size())
    return Status::error("internal error: " + std::to_string(analyses.size()) + " analyses for " +
                         std::to_string(batch.size()) + " posts");
  auto tx = Transaction::begin_immediate(db_);
  if (!tx) return tx.status();
  // Ids are handed out here rather than by SQLite so a new root can name itself as its conversation in
  // the same INSERT. Safe: BEGIN IMMEDIATE holds the write lock, so no other writer can take an id.
  auto row = max_id_.step();
  if (!row) return row.status();
  std::int64_t next_id = max_id_.int64(0) + 1;
  max_id_.reset();
  if (auto s = refresh_awaited(); !s) return s;
  if (!analyses.empty() && !dups_seeded_)
    if (auto s = seed_duplicates(next_id); !s) return s;
  batch_first_id_ = next_id;
  fts_stale_.clear();
  rollup_.clear();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Post& p = batch[i];
    auto r = upsert_one(p, analyses.empty() ? nullptr : &analyses[i], next_id);
    if (!r) {
      forget_caches();  // they may name rows the rollback is about to erase
      return Status::error("cannot store post " + p.source + "/" + p.external_id + ": " + r.message());
    }
    switch (*r) {
      case Outcome::inserted: ++counts.inserted; break;
      case Outcome::updated: ++counts.updated; break;
      case Outcome::duplicate: ++counts.duplicates; break;
    }
  }
  if (auto s = rollup_.flush(); !s) {
    forget_caches();
    return s;
  }
  if (auto s = index_batch_text(next_id); !s) {
    forget_caches();
    return s;
  }
  if (before_commit)
    if (auto s = before_commit(); !s) {
      forget_caches();
      return s;
    }
  if (auto s = tx->commit(); !s) {
    forget_caches();
    return s;
  }
  return counts;
}

// Full-text indexing happens once per batch, after every other write, in as few statements as possible.
// FTS5 flushes its pending terms into a new on-disk segment whenever another statement of the transaction
// opens a savepoint; indexing row by row between the post inserts made a tiny segment per post and
// spent most of ingest merging them.
Status SqliteStore::index_batch_text(std::int64_t end_id) {
  for (const auto& [id, old_text] : fts_stale_) {
    fts_delete_.bind(1, id).bind(2, old_text);
    PARLEY_TRY(fts_delete_.run());
    post_text_.bind(1, id);
    auto row = post_text_.step();
    if (!row) return row.status();
    std::string now(post_text_.text(0));
    post_text_.reset();
    fts_insert_.bind(1, id).bind(2, now);
    PARLEY_TRY(fts_insert_.run());
  }
  fts_stale_.clear();
  if (end_id == batch_first_id_) return Status::ok();
  fts_insert_range_.bind(1, batch_first_id_).bind(2, end_id);
  return fts_insert_range_.run();
}

void SqliteStore::forget_caches() {
  rollup_.clear();
  authors_.clear();
  awaited_version_ = -1;
  dups_.clear();
  dups_seeded_ = false;
}

Status SqliteStore::seed_duplicates(std::int64_t next_id) {
  dups_.clear();
  recent_analysed_.bind(1, text::RecentDuplicates::seed_from(next_id));
  for (;;) {
    auto row = recent_analysed_.step();
    if (!row) return row.status();
    if (!*row) break;
    dups_.seed(recent_analysed_.int64(0), static_cast<std::uint64_t>(recent_analysed_.int64(1)),
               recent_analysed_.int64(2));
  }
  recent_analysed_.reset();
  dups_seeded_ = true;
  return Status::ok();
}

Status SqliteStore::refresh_awaited() {
  auto v = data_version_.step();
  if (!v) return v.status();
  const std::int64_t version = data_version_.int64(0);
  data_version_.reset();
  if (version == awaited_version_) return Status::ok();
  // Another connection wrote since we last looked (or this is the first batch): its orphans, authors and
  // recent posts may differ from what we cached.
  forget_caches();
  awaited_.clear();
  for (;;) {
    auto row = all_awaited_.step();
    if (!row) return row.status();
    if (!*row) break;
    awaited_.emplace(key(all_awaited_.text(0), all_awaited_.text(1)));
  }
  all_awaited_.reset();
  awaited_version_ = version;
  return Status::ok();
}

Result<std::vector<StoredPost>> SqliteStore::read_posts(Statement& st) {
  std::vector<StoredPost> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back(read_stored(st));
  }
  st.reset();
  return out;
}

Result<SearchResult> SqliteStore::search(const SearchQuery& q) {
  const std::string match = to_fts5_query(q.text);
  if (match.empty()) return Status::error("nothing to search for: give at least one word");
  std::string where = " WHERE posts_fts MATCH ?1";
  if (!q.source.empty()) where += " AND p.source = ?2";
  if (q.since_ms) where += " AND p.created_at >= ?3";
  if (q.until_ms) where += " AND p.created_at < ?4";
  const std::string from = " FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid JOIN authors a ON a.id = p.author_id";
  auto bind = [&](Statement& st) {
    st.bind(1, match);
    if (!q.source.empty()) st.bind(2, q.source);
    if (q.since_ms) st.bind(3, q.since_ms);
    if (q.until_ms) st.bind(4, q.until_ms);
  };

  SearchResult result;
  auto count = db_.prepare("SELECT COUNT(*)" + from + where);
  if (!count) return count.status();
  bind(*count);
  auto c = count->step();
  if (!c) return c.status();
  result.total = static_cast<std::uint64_t>(count->int64(0));

  auto st = db_.prepare(std::string("SELECT ") + kPostColumns +
                        ", snippet(posts_fts, 0, '[', ']', '…', 16), bm25(posts_fts)" + from + where +
                        " ORDER BY bm25(posts_fts), p.id LIMIT ?5 OFFSET ?6");
  if (!st) return st.status();
  bind(*st);
  st->bind(5, static_cast<std::int64_t>(q.limit)).bind(6, static_cast<std::int64_t>(q.offset));
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    SearchHit h;
    h.stored = read_stored(*st);
    h.snippet = st->text(16);
    h.rank = st->real(17);
    result.hits.push_back(std::move(h));
  }
  return result;
}

Result<StoreStats> SqliteStore::stats() {
  StoreStats s;
  auto scalar = [&](const char* sql, std::int64_t& out) -> Status {
    auto st = db_.prepare(sql);
    if (!st) return st.status();
    auto row = st->step();
    if (!row) return row.status();
    out = *row ? st->int64(0) : 0;
    return Status::ok();
  };
  auto grouped = [&](const char* sql, std::vector<CountBy>& out) -> Status {
    auto st = db_.prepare(sql);
    if (!st) return st.status();
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      out.push_back({std::string(st->text(0)), static_cast<std::uint64_t>(st->int64(1))});
    }
    return Status::ok();
  };
  auto count = [&](const char* sql, std::uint64_t& out) -> Status {
    std::int64_t v = 0;
    PARLEY_TRY(scalar(sql, v));
    out = static_cast<std::uint64_t>(v);
    return Status::ok();
  };
  PARLEY_TRY(count("SELECT COUNT(*) FROM posts", s.posts));
  PARLEY_TRY(count("SELECT COUNT(DISTINCT conversation_id) FROM posts", s.conversations));
  PARLEY_TRY(count("SELECT COUNT(*) FROM authors", s.authors));
  PARLEY_TRY(count("SELECT COUNT(*) FROM posts WHERE parent_id IS NOT NULL", s.threaded_replies));
  PARLEY_TRY(count("SELECT COUNT(DISTINCT post_id) FROM orphans WHERE relation='parent'", s.orphan_replies));
  PARLEY_TRY(scalar("SELECT IFNULL(MIN(created_at), 0) FROM posts", s.first_ms));
  PARLEY_TRY(scalar("SELECT IFNULL(MAX(created_at), 0) FROM posts", s.last_ms));
  PARLEY_TRY(count("PRAGMA user_version", s.schema_version));
  PARLEY_TRY(grouped("SELECT source, COUNT(*) FROM posts GROUP BY source ORDER BY 2 DESC, 1", s.by_source));
  PARLEY_TRY(grouped("SELECT kind, COUNT(*) FROM posts GROUP BY kind ORDER BY 2 DESC, 1", s.by_kind));
  PARLEY_TRY(grouped("SELECT IFNULL(lang, 'und'), COUNT(*) FROM posts GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
                     s.by_language));
  PARLEY_TRY(grouped("SELECT audience, COUNT(*) FROM posts GROUP BY audience ORDER BY 2 DESC, 1", s.by_audience));
  PARLEY_TRY(count("SELECT COUNT(*) FROM post_analysis", s.analysed));
  PARLEY_TRY(count("SELECT COUNT(*) FROM post_analysis WHERE dup_group IS NOT NULL", s.near_duplicates));
  PARLEY_TRY(count("SELECT COUNT(DISTINCT dup_group) FROM post_analysis", s.duplicate_groups));
  PARLEY_TRY(grouped("SELECT intent, COUNT(*) FROM post_analysis GROUP BY 1 ORDER BY 2 DESC, 1", s.by_intent));
  PARLEY_TRY(grouped("SELECT sentiment_label, COUNT(*) FROM post_analysis GROUP BY 1 ORDER BY 2 DESC, 1",
                     s.by_sentiment));
  PARLEY_TRY(grouped("SELECT language, COUNT(*) FROM post_analysis GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
                     s.by_detected_language));
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0) s.file_bytes = static_cast<std::uint64_t>(st.st_size);
  return s;
}

Result<std::vector<StoredPost>> SqliteStore::conversation(std::int64_t conversation_id) {
  auto st = db_.prepare(std::string("SELECT ") + kPostColumns +
                        " FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.conversation_id = ?1 "
                        "ORDER BY p.created_at, p.id");
  if (!st) return st.status();
  st->bind(1, conversation_id);
  return read_posts(*st);
}

Result<StoredPost> SqliteStore::find_post(const std::string& source, const std::string& external_id) {
  auto st = db_.prepare(std::string("SELECT ") + kPostColumns +
                        " FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.source = ?1 AND "
                        "p.external_id = ?2");
  if (!st) return st.status();
  st->bind(1, source).bind(2, external_id);
  auto rows = read_posts(*st);
  if (!rows) return rows.status();
  if (rows->empty()) return Status::error("no post " + source + "/" + external_id);
  return std::move(rows->front());
}

}  // namespace parley::sqlite

namespace parley {
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  auto s = sqlite::SqliteStore::open(path);
  if (!s) return s.status();
  return std::unique_ptr<Store>(std::move(*s));
}
}  // namespace parley
