// Entities in a range: the top products, competitors, campaigns and keywords, and share of voice.
#include <algorithm>
#include <map>

#include "parley/listen/listening.h"
#include "parley/listen/listening_sql.h"

namespace parley::listen {
namespace {

using Key = std::pair<std::string, std::string>;  // (kind, name)

Status add_rows(sqlite::Statement& st, std::map<Key, EntityCount>& into) {
  for (;;) {
    auto row = st.step();
    if (!row) return row.status();
    if (!*row) return Status::ok();
    Key k{std::string(st.text(0)), std::string(st.text(1))};
    EntityCount& e = into[k];
    e.posts += st.int64(2);
    e.negative += st.int64(3);
    e.neutral += st.int64(4);
    e.positive += st.int64(5);
  }
}

// The raw rows give one row per (post, entity) named; 'own' once per post naming any product.
constexpr const char* kRawEntities =
    "SELECT kind, name, COUNT(*), SUM(label = 'negative'), SUM(label = 'neutral'), SUM(label = 'positive') FROM ("
    " SELECT p.id, pa.sentiment_label AS label, json_extract(e.value, '$.kind') AS kind,"
    "        json_extract(e.value, '$.name') AS name"
    " FROM post_analysis pa CROSS JOIN posts p ON p.id = pa.post_id, json_each(pa.entities) e WHERE @WHERE"
    " UNION"
    " SELECT p.id, pa.sentiment_label, 'own', ''"
    " FROM post_analysis pa CROSS JOIN posts p ON p.id = pa.post_id, json_each(pa.entities) e"
    " WHERE @WHERE AND json_extract(e.value, '$.kind') = 'product')"
    " WHERE kind = 'product' OR kind = 'competitor' OR kind = 'campaign' OR kind = 'keyword' OR kind = 'own'"
    " GROUP BY kind, name";

std::string replace_all(std::string s, const std::string& what, const std::string& with) {
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size()))
    s.replace(at, what.size(), with);
  return s;
}

}  // namespace

Result<std::vector<EntityCount>> entity_counts(sqlite::Connection& db, const Filter& f) {
  if (auto bad = check_filter(f); !bad.empty()) return Status::error(bad);
  std::map<Key, EntityCount> acc;
  if (f.from_raw) {
    const std::string where = "pa.created_at >= ?1 AND pa.created_at < ?2 AND " + std::string(detail::kListened) +
                              detail::filter_sql(f, "p.source", "pa.intent", "pa.sentiment_label");
    auto st = db.prepare(replace_all(kRawEntities, "@WHERE", where));
    if (!st) return st.status();
    st->bind(1, detail::widened_since(f.since)).bind(2, detail::widened_until(f.until));
    detail::bind_filter(*st, f);
    if (auto s = add_rows(*st, acc); !s) return s;
  } else {
    for (const auto& span : detail::spans(f.since, f.until)) {
      auto st = db.prepare(std::string("SELECT kind, name, SUM(posts), SUM(negative), SUM(neutral), SUM(positive) "
                                       "FROM listen_entity_") +
                           span.table + " WHERE bucket >= ?1 AND bucket < ?2" +
                           detail::filter_sql(f, "source", "intent", nullptr) + " GROUP BY kind, name");
      if (!st) return st.status();
      st->bind(1, span.lo).bind(2, span.hi);
      detail::bind_filter(*st, f);
      if (auto s = add_rows(*st, acc); !s) return s;
    }
    // The rollup keeps sentiment as columns: a sentiment filter keeps that column's posts only, which is
    // what the raw query's WHERE gives.
    if (!f.sentiment.empty()) {
      for (auto& [k, e] : acc) {
        const std::int64_t keep = f.sentiment == "negative" ? e.negative : f.sentiment == "neutral" ? e.neutral : e.positive;
        e.posts = keep;
        e.negative = f.sentiment == "negative" ? keep : 0;
        e.neutral = f.sentiment == "neutral" ? keep : 0;
        e.positive = f.sentiment == "positive" ? keep : 0;
      }
    }
  }
  std::vector<EntityCount> out;
  for (auto& [k, e] : acc) {
    if (e.posts <= 0) continue;
    e.kind = k.first;
    e.name = k.second;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const EntityCount& a, const EntityCount& b) { return a.posts > b.posts; });
  return out;
}

Result<std::vector<EntityCount>> top_entities(sqlite::Connection& db, const Filter& f, const std::string& kind,
                                              std::size_t limit) {
  if (!kind.empty() && kind != "product" && kind != "competitor" && kind != "campaign" && kind != "keyword")
    return Status::error("kind '" + kind + "': use product, competitor, campaign, keyword or all");
  auto all = entity_counts(db, f);
  if (!all) return all.status();
  std::vector<EntityCount> out;
  for (auto& e : *all) {
    if (out.size() >= limit) break;
    if (e.kind == "own" || (!kind.empty() && e.kind != kind)) continue;
    out.push_back(std::move(e));
  }
  return out;
}

Result<ShareOfVoice> share_of_voice(sqlite::Connection& db, const Filter& f, const std::string& own_name,
                                    const std::vector<std::string>& competitors) {
  auto all = entity_counts(db, f);
  if (!all) return all.status();
  ShareOfVoice sov;
  Brand own{own_name, true};
  std::map<std::string, Brand> rivals;
  for (const auto& c : competitors) rivals.emplace(c, Brand{c, false});
  for (const auto& e : *all) {
    Brand* b = e.kind == "own" ? &own : e.kind == "competitor" ? &rivals.try_emplace(e.name, Brand{e.name, false}).first->second : nullptr;
    if (!b) continue;
    b->posts += e.posts;
    b->negative += e.negative;
    b->positive += e.positive;
  }
  sov.brands.push_back(std::move(own));
  for (auto& [name, b] : rivals) sov.brands.push_back(std::move(b));
  std::stable_sort(sov.brands.begin() + 1, sov.brands.end(), [](const Brand& a, const Brand& b) { return a.posts > b.posts; });
  for (const auto& b : sov.brands) sov.total += b.posts;
  for (auto& b : sov.brands)
    b.share = sov.total ? static_cast<double>(b.posts) / static_cast<double>(sov.total) : 0.0;
  return sov;
}

}  // namespace parley::listen
