// Drill-down: the posts behind a bucket or an entity, newest first, as the caller may see them.
#include <nlohmann/json.hpp>

#include "parley/listen/listening.h"
#include "parley/listen/listening_sql.h"

namespace parley::listen {

Result<PostPage> listened_posts(sqlite::Connection& db, const PostQuery& q) {
  const Filter& f = q.filter;
  if (auto bad = check_filter(f); !bad.empty()) return Status::error(bad);
  if (!q.entity_kind.empty() && q.entity_kind != "product" && q.entity_kind != "competitor" &&
      q.entity_kind != "campaign" && q.entity_kind != "keyword" && q.entity_kind != "own")
    return Status::error("entity kind '" + q.entity_kind + "': use product, competitor, campaign, keyword or own");

  std::string sql =
      "SELECT p.id, p.conversation_id, cc.case_id, p.source, a.handle, p.created_at, p.text, pa.sentiment, "
      "pa.sentiment_label, pa.intent, pa.urgency, pa.language, pa.entities "
      "FROM post_analysis pa CROSS JOIN posts p ON p.id = pa.post_id JOIN authors a ON a.id = p.author_id "
      "LEFT JOIN case_conversations cc ON cc.conversation_id = p.conversation_id "
      "LEFT JOIN cases c ON c.id = cc.case_id "
      "WHERE pa.created_at >= ?1 AND pa.created_at < ?2 AND " +
      std::string(detail::kListened) + detail::filter_sql(f, "p.source", "pa.intent", "pa.sentiment_label");
  // Like search: a post outside any case is public (all of these are); one in a case is seen by those who
  // see the case's function.
  if (!q.functions.empty()) sql += " AND (c.function IS NULL OR c.function IN (SELECT value FROM json_each(?6)))";
  if (q.entity_kind == "own")
    sql += " AND EXISTS (SELECT 1 FROM json_each(pa.entities) e WHERE json_extract(e.value, '$.kind') = 'product')";
  else if (!q.entity_kind.empty())
    sql += " AND EXISTS (SELECT 1 FROM json_each(pa.entities) e WHERE json_extract(e.value, '$.kind') = ?7 "
           "AND json_extract(e.value, '$.name') = ?8)";
  sql += " ORDER BY pa.created_at DESC, pa.post_id DESC LIMIT ?9 OFFSET ?10";

  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind(1, f.since).bind(2, f.until);
  detail::bind_filter(*st, f);
  const std::string functions = nlohmann::json(q.functions).dump();
  if (!q.functions.empty()) st->bind(6, std::string_view(functions));
  if (!q.entity_kind.empty() && q.entity_kind != "own")
    st->bind(7, std::string_view(q.entity_kind)).bind(8, std::string_view(q.entity_name));
  // One more than asked tells whether there is a next page without counting them all.
  st->bind(9, static_cast<std::int64_t>(q.limit + 1)).bind(10, static_cast<std::int64_t>(q.offset));

  PostPage page;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    if (page.posts.size() == q.limit) {
      page.has_more = true;
      break;
    }
    ListenedPost p;
    p.id = st->int64(0);
    p.conversation_id = st->int64(1);
    if (!st->is_null(2)) p.case_id = st->int64(2);
    p.source = st->text(3);
    p.author = st->text(4);
    p.created_at = st->int64(5);
    p.text = st->text(6);
    p.sentiment = st->real(7);
    p.sentiment_label = st->text(8);
    p.intent = st->text(9);
    p.urgency = static_cast<int>(st->int64(10));
    p.language = st->text(11);
    auto entities = nlohmann::json::parse(st->text(12), nullptr, false);
    if (entities.is_array())
      for (const auto& e : entities)
        if (e.is_object() && e.value("kind", "") != "" )
          p.entities.emplace_back(e.value("kind", ""), e.value("name", ""));
    page.posts.push_back(std::move(p));
  }
  return page;
}

}  // namespace parley::listen
