// Helpers for the listening tests: hand-made analyses (so every count is known in advance) and a check
// that the rollup tables hold exactly what a GROUP BY over the raw rows gives.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "parley/store/sqlite/connection.h"
#include "parley/text/analysis.h"

namespace parley::testing {

inline text::Analysis analysis_of(text::Intent intent, double compound,
                                  std::vector<std::pair<text::EntityKind, std::string>> entities = {},
                                  bool spam = false) {
  text::Analysis a;
  a.language = "en";
  a.intent.label = intent;
  a.intent.confidence = 0.9;
  a.intent.spam = spam;
  a.sentiment.compound = compound;
  a.sentiment.label = compound >= 0.05    ? text::SentimentClass::positive
                      : compound <= -0.05 ? text::SentimentClass::negative
                                          : text::SentimentClass::neutral;
  for (auto& [kind, name] : entities) a.entities.push_back({kind, name, 0, 0});
  return a;
}

// key -> (posts, second measure): the rollup's rows and the raw recount, comparable.
using Rows = std::map<std::string, std::pair<std::int64_t, double>>;

inline Rows read_rows(sqlite::Connection& db, const std::string& sql) {
  Rows out;
  auto st = db.prepare(sql);
  EXPECT_TRUE(st) << st.message() << "\n" << sql;
  if (!st) return out;
  for (;;) {
    auto row = st->step();
    EXPECT_TRUE(row) << row.message();
    if (!row || !*row) break;
    std::string key;
    for (int c = 0; c < 6; ++c) key += std::string(st->text(c)) + "|";
    out[key] = {st->int64(6), st->real(7)};
  }
  return out;
}

inline void expect_same(const Rows& rollup, const Rows& raw, const std::string& what) {
  EXPECT_EQ(rollup.size(), raw.size()) << what;
  for (const auto& [k, v] : raw) {
    auto it = rollup.find(k);
    if (it == rollup.end()) {
      ADD_FAILURE() << what << ": missing rollup row " << k;
      continue;
    }
    EXPECT_EQ(it->second.first, v.first) << what << " " << k;
    EXPECT_NEAR(it->second.second, v.second, 1e-9) << what << " " << k;
  }
  for (const auto& [k, v] : rollup)
    if (!raw.count(k)) ADD_FAILURE() << what << ": extra rollup row " << k << " posts " << v.first;
}

// The rule, written out again here on purpose rather than shared with the code under test.
constexpr const char* kRawListened =
    "SELECT p.id, p.source, p.created_at AS at, pa.intent, pa.sentiment_label AS label, pa.sentiment, pa.entities "
    "FROM posts p JOIN post_analysis pa ON pa.post_id = p.id "
    "WHERE p.audience = 'public' AND p.author_kind != 'employee' AND pa.spam = 0";

inline std::string bucket_sql(const char* col, std::int64_t unit) {
  const std::string u = std::to_string(unit);
  return std::string("(") + col + " - (((" + col + " % " + u + ") + " + u + ") % " + u + "))";
}

// Returns the number of rollup rows compared, so a caller can check the comparison was not vacuous.
inline std::size_t expect_rollups_match_raw(sqlite::Connection& db) {
  std::size_t compared = 0;
  for (auto [grain, unit] : {std::pair{"hour", std::int64_t{3600000}}, std::pair{"day", std::int64_t{86400000}}}) {
    const std::string b = bucket_sql("at", unit);
    Rows raw = read_rows(db, "SELECT " + b + ", source, intent, label, '', '', COUNT(*), SUM(sentiment) FROM (" +
                                 kRawListened + ") GROUP BY 1, 2, 3, 4");
    Rows rollup = read_rows(db, std::string("SELECT bucket, source, intent, sentiment, '', '', posts, sentiment_sum "
                                            "FROM listen_volume_") + grain);
    expect_same(rollup, raw, std::string("volume by ") + grain);
    compared += rollup.size();
    // Entities: one row per (post, kind, name), however often the post names it; 'own' per post naming a
    // product. The second measure carries the negative/neutral/positive split as one number.
    const std::string per_post =
        "SELECT DISTINCT l.id, l.at, l.source, l.intent, l.label, json_extract(e.value, '$.kind') AS kind, "
        "json_extract(e.value, '$.name') AS name FROM (" + std::string(kRawListened) + ") l, json_each(l.entities) e "
        "UNION SELECT DISTINCT l.id, l.at, l.source, l.intent, l.label, 'own', '' FROM (" + kRawListened +
        ") l, json_each(l.entities) e WHERE json_extract(e.value, '$.kind') = 'product'";
    Rows raw_e = read_rows(db, "SELECT " + b + ", kind, name, source, intent, '', COUNT(*), "
                                   "SUM(label = 'negative') * 1000000 + SUM(label = 'neutral') * 1000 + "
                                   "SUM(label = 'positive') FROM (" + per_post + ") GROUP BY 1, 2, 3, 4, 5");
    Rows rollup_e = read_rows(db, std::string("SELECT bucket, kind, name, source, intent, '', posts, "
                                              "negative * 1000000 + neutral * 1000 + positive FROM listen_entity_") +
                                      grain);
    expect_same(rollup_e, raw_e, std::string("entities by ") + grain);
    compared += rollup_e.size();
  }
  return compared;
}

}  // namespace parley::testing
