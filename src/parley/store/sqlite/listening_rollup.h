// The listening rollups (docs/listening.md), kept in step with posts at ingest: each write to a post or its
// analysis adds (or takes back) that post's contribution here in memory, and flush() writes one upsert per
// distinct key at the end of the batch, inside the batch's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "parley/core/post.h"
#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"
#include "parley/text/analysis.h"

namespace parley::sqlite {

// What of a post and its analysis the rollups need.
struct ListeningFacts {
  std::int64_t created_at_ms = 0;
  std::string source;
  Audience audience = Audience::public_;
  AuthorKind author_kind = AuthorKind::public_;
  bool spam = false;
  text::Intent intent = text::Intent::other;
  text::SentimentClass label = text::SentimentClass::neutral;
  double compound = 0;
  std::vector<std::pair<std::string, std::string>> entities;  // (kind, name), deduplicated by collect()

  // Public, not by the organisation's own people, not spam.
  bool counts() const {
    return audience == Audience::public_ && author_kind != AuthorKind::employee && !spam;
  }
};

ListeningFacts listening_facts(const Post& p, AuthorKind author_kind, const text::Analysis& a);
// The entities as stored in post_analysis.entities (JSON); false if it cannot be read.
bool read_entities_json(std::string_view json, std::vector<std::pair<std::string, std::string>>& out);

// Floor to the start of the hour / day (UTC) holding `ms`, also for times before 1970.
std::int64_t hour_start(std::int64_t ms);
std::int64_t day_start(std::int64_t ms);

class ListeningRollup {
 public:
  Status prepare(Connection& db);
  // sign +1 adds the post's contribution, -1 takes it back (an edit, a re-analysis).
  void add(const ListeningFacts& f, int sign);
  // Writes what accumulated since the last flush and forgets it.
  Status flush();
  void clear();

 private:
  struct VolumeDelta {
    std::int64_t posts = 0;
    double sentiment_sum = 0;
  };
  struct EntityDelta {
    std::int64_t posts = 0, negative = 0, neutral = 0, positive = 0;
  };
  // (bucket, source, intent, sentiment) and (bucket, kind, name, source, intent), as in the tables.
  using VolumeKey = std::tuple<std::int64_t, std::string, text::Intent, text::SentimentClass>;
  using EntityKey = std::tuple<std::int64_t, std::string, std::string, std::string, text::Intent>;
  Status write_volume(Statement& upsert, Statement& drop_empty, const std::map<VolumeKey, VolumeDelta>& m);
  Status write_entities(Statement& upsert, Statement& drop_empty, const std::map<EntityKey, EntityDelta>& m);

  std::map<VolumeKey, VolumeDelta> volume_;   // by hour; days are summed from these at flush
  std::map<EntityKey, EntityDelta> entities_;
  Statement volume_hour_, volume_day_, entity_hour_, entity_day_;
  Statement drop_volume_hour_, drop_volume_day_, drop_entity_hour_, drop_entity_day_;
};

}  // namespace parley::sqlite
