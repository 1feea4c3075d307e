#include "parley/store/sqlite/listening_rollup.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace parley::sqlite {
namespace {

constexpr std::int64_t kHourMs = 3'600'000, kDayMs = 86'400'000;

std::int64_t floor_to(std::int64_t ms, std::int64_t unit) { return ms - (((ms % unit) + unit) % unit); }

bool listened_kind(std::string_view k) {
  return k == "product" || k == "competitor" || k == "campaign" || k == "keyword";
}

// A post names an entity once however often the text repeats it; 'own' stands for "any of our products".
void normalise_entities(std::vector<std::pair<std::string, std::string>>& e) {
  std::erase_if(e, [](const auto& x) { return !listened_kind(x.first); });
  const bool own = std::any_of(e.begin(), e.end(), [](const auto& x) { return x.first == "product"; });
  if (own) e.emplace_back("own", "");
  std::sort(e.begin(), e.end());
  e.erase(std::unique(e.begin(), e.end()), e.end());
}

}  // namespace

std::int64_t hour_start(std::int64_t ms) { return floor_to(ms, kHourMs); }
std::int64_t day_start(std::int64_t ms) { return floor_to(ms, kDayMs); }

ListeningFacts listening_facts(const Post& p, AuthorKind author_kind, const text::Analysis& a) {
  ListeningFacts f;
  f.created_at_ms = p.created_at_ms;
  f.source = p.source;
  f.audience = p.audience;
  f.author_kind = author_kind;
  f.spam = a.intent.spam;
  f.intent = a.intent.label;
  f.label = a.sentiment.label;
  f.compound = a.sentiment.compound;
  // Most posts name nothing: no allocation then.
  if (!a.entities.empty()) {
    for (const auto& e : a.entities) f.entities.emplace_back(std::string(text::to_string(e.kind)), e.name);
    normalise_entities(f.entities);
  }
  return f;
}

bool read_entities_json(std::string_view json, std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return false;
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("kind") || !e.contains("name") || !e["kind"].is_string() ||
        !e["name"].is_string())
      continue;
    out.emplace_back(e["kind"].get<std::string>(), e["name"].get<std::string>());
  }
  normalise_entities(out);
  return true;
}

Status ListeningRollup::prepare(Connection& db) {
  auto prep = [&](Statement& into, const std::string& sql) -> Status {
    auto st = db.prepare(sql);
    if (!st) return st.status();
    into = std::move(*st);
    return Status::ok();
  };
  for (const char* grain : {"hour", "day"}) {
    const std::string g = grain;
    const bool hour = g == "hour";
    if (auto s = prep(hour ? volume_hour_ : volume_day_,
                      "INSERT INTO listen_volume_" + g +
                          "(bucket, source, intent, sentiment, posts, sentiment_sum) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
                          "ON CONFLICT DO UPDATE SET posts = posts + excluded.posts, "
                          "sentiment_sum = sentiment_sum + excluded.sentiment_sum");
        !s)
      return s;
    if (auto s = prep(hour ? entity_hour_ : entity_day_,
                      "INSERT INTO listen_entity_" + g +
                          "(bucket, kind, name, source, intent, posts, negative, neutral, positive) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO UPDATE SET "
                          "posts = posts + excluded.posts, negative = negative + excluded.negative, "
                          "neutral = neutral + excluded.neutral, positive = positive + excluded.positive");
        !s)
      return s;
    // A key whose last post was taken back leaves no empty row behind, so the tables stay equal to a
    // GROUP BY over the raw rows.
    if (auto s = prep(hour ? drop_volume_hour_ : drop_volume_day_,
                      "DELETE FROM listen_volume_" + g +
                          " WHERE bucket = ?1 AND source = ?2 AND intent = ?3 AND sentiment = ?4 AND posts = 0");
        !s)
      return s;
    if (auto s = prep(hour ? drop_entity_hour_ : drop_entity_day_,
                      "DELETE FROM listen_entity_" + g +
                          " WHERE bucket = ?1 AND kind = ?2 AND name = ?3 AND source = ?4 AND intent = ?5 AND posts = 0");
        !s)
      return s;
  }
  return Status::ok();
}

void ListeningRollup::add(const ListeningFacts& f, int sign) {
  if (!f.counts()) return;
  const std::int64_t hour = hour_start(f.created_at_ms);
  VolumeDelta& v = volume_[VolumeKey{hour, f.source, f.intent, f.label}];
  v.posts += sign;
  v.sentiment_sum += sign * f.compound;
  for (const auto& [kind, name] : f.entities) {
    EntityDelta& e = entities_[EntityKey{hour, kind, name, f.source, f.intent}];
    e.posts += sign;
    switch (f.label) {
      case text::SentimentClass::negative: e.negative += sign; break;
      case text::SentimentClass::neutral: e.neutral += sign; break;
      case text::SentimentClass::positive: e.positive += sign; break;
    }
  }
}

Status ListeningRollup::write_volume(Statement& upsert, Statement& drop_empty,
                                     const std::map<VolumeKey, VolumeDelta>& m) {
  for (const auto& [k, d] : m) {
    // Added and taken back within the batch: nothing to write. The sum is compared exactly on purpose: a
    // re-analysis that keeps the class but moves the score must still be written.
    if (d.posts == 0 && d.sentiment_sum == 0) continue;
    const auto& [bucket, source, intent, label] = k;
    upsert.bind(1, bucket)
        .bind(2, std::string_view(source))
        .bind(3, text::to_string(intent))
        .bind(4, text::to_string(label))
        .bind(5, d.posts)
        .bind(6, d.sentiment_sum);
    if (auto s = upsert.run(); !s) return s;
    if (d.posts < 0) {
      drop_empty.bind(1, bucket).bind(2, std::string_view(source)).bind(3, text::to_string(intent)).bind(4, text::to_string(label));
      if (auto s = drop_empty.run(); !s) return s;
    }
  }
  return Status::ok();
}

Status ListeningRollup::write_entities(Statement& upsert, Statement& drop_empty,
                                       const std::map<EntityKey, EntityDelta>& m) {
  for (const auto& [k, d] : m) {
    if (d.posts == 0 && d.negative == 0 && d.neutral == 0 && d.positive == 0) continue;
    const auto& [bucket, kind, name, source, intent] = k;
    upsert.bind(1, bucket)
        .bind(2, std::string_view(kind))
        .bind(3, std::string_view(name))
        .bind(4, std::string_view(source))
        .bind(5, text::to_string(intent))
        .bind(6, d.posts)
        .bind(7, d.negative)
        .bind(8, d.neutral)
        .bind(9, d.positive);
    if (auto s = upsert.run(); !s) return s;
    if (d.posts < 0) {
      drop_empty.bind(1, bucket)
          .bind(2, std::string_view(kind))
          .bind(3, std::string_view(name))
          .bind(4, std::string_view(source))
          .bind(5, text::to_string(intent));
      if (auto s = drop_empty.run(); !s) return s;
    }
  }
  return Status::ok();
}

Status ListeningRollup::flush() {
  if (volume_.empty() && entities_.empty()) return Status::ok();
  // Day rows are the sums of the batch's hour deltas: one pass, no second look at the posts.
  std::map<VolumeKey, VolumeDelta> volume_days;
  for (const auto& [k, d] : volume_) {
    VolumeDelta& day = volume_days[VolumeKey{day_start(std::get<0>(k)), std::get<1>(k), std::get<2>(k), std::get<3>(k)}];
    day.posts += d.posts;
    day.sentiment_sum += d.sentiment_sum;
  }
  std::map<EntityKey, EntityDelta> entity_days;
  for (const auto& [k, d] : entities_) {
    EntityDelta& day = entity_days[EntityKey{day_start(std::get<0>(k)), std::get<1>(k), std::get<2>(k),
                                             std::get<3>(k), std::get<4>(k)}];
    day.posts += d.posts;
    day.negative += d.negative;
    day.neutral += d.neutral;
    day.positive += d.positive;
  }
  Status s = write_volume(volume_hour_, drop_volume_hour_, volume_);
  if (s) s = write_volume(volume_day_, drop_volume_day_, volume_days);
  if (s) s = write_entities(entity_hour_, drop_entity_hour_, entities_);
  if (s) s = write_entities(entity_day_, drop_entity_day_, entity_days);
  clear();
  return s;
}

void ListeningRollup::clear() {
  volume_.clear();
  entities_.clear();
}

}  // namespace parley::sqlite
