// Listening: what the public says about the organisation, over time, by channel, intent, sentiment and
// entity (docs/listening.md). Every query answers from the rollups kept at ingest, or, with
// `from_raw`, from the posts and their analysis themselves: the same answer the slow way, to verify the
// rollups and to measure what they save.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/core/status.h"
#include "parley/listen/spikes.h"
#include "parley/store/sqlite/connection.h"

namespace parley::listen {

constexpr std::int64_t kHourMs = 3'600'000, kDayMs = 86'400'000;

// What every listening query narrows by. Times are Unix ms; `until` is exclusive.
struct Filter {
  std::int64_t since = 0, until = 0;
  std::string source, intent, sentiment;  // "" = all
  bool from_raw = false;
};

// The reason a filter value is not acceptable, or "" when it is (the caller answers 400 with it).
std::string check_filter(const Filter& f);

enum class Grain { hour, day };
std::int64_t grain_ms(Grain g);

// ---- volume over time

struct VolumeQuery {
  Filter filter;
  Grain grain = Grain::day;
  std::string by;  // "intent", "sentiment", "source" or "" (no series)
};

struct Series {
  std::string key;
  std::vector<std::int64_t> counts;
  std::int64_t sum = 0;
};

struct Volume {
  std::int64_t since = 0, until = 0;
  Grain grain = Grain::day;
  std::vector<std::int64_t> buckets;  // start of each bucket, contiguous
  std::vector<std::int64_t> total;
  std::vector<Series> series;         // by total, descending
  std::vector<Spike> spikes;
  bool from_raw = false;
};

constexpr std::size_t kMaxBuckets = 5000;
// Buckets from the one holding `since` to the one holding `until - 1`; 0 if until <= since.
std::size_t bucket_count(std::int64_t since, std::int64_t until, Grain g);

Result<Volume> volume(sqlite::Connection& db, const VolumeQuery& q);

// ---- entities

struct EntityCount {
  std::string kind, name;
  std::int64_t posts = 0, negative = 0, neutral = 0, positive = 0;
  double net_sentiment() const {
    return posts ? static_cast<double>(positive - negative) / static_cast<double>(posts) : 0.0;
  }
};

// Every entity mentioned in the range, kind 'own' included (the posts naming any of our products, each
// once), by posts descending. The range is counted by whole hours.
Result<std::vector<EntityCount>> entity_counts(sqlite::Connection& db, const Filter& f);

// `kind` is product, competitor, campaign, keyword or "" for all of them; at most `limit` rows.
Result<std::vector<EntityCount>> top_entities(sqlite::Connection& db, const Filter& f, const std::string& kind,
                                              std::size_t limit);

struct Brand {
  std::string name;
  bool own = false;
  std::int64_t posts = 0, negative = 0, positive = 0;
  double share = 0;
  double net_sentiment() const {
    return posts ? static_cast<double>(positive - negative) / static_cast<double>(posts) : 0.0;
  }
};

struct ShareOfVoice {
  std::int64_t total = 0;
  std::vector<Brand> brands;  // ours first, then competitors by posts descending
};

// `competitors` from the config appear even when nobody mentioned them; competitors found in the data but
// no longer configured appear too.
Result<ShareOfVoice> share_of_voice(sqlite::Connection& db, const Filter& f, const std::string& own_name,
                                    const std::vector<std::string>& competitors);

// ---- drill-down to posts

struct PostQuery {
  Filter filter;                   // since/until exact, not widened
  std::string entity_kind, entity_name;  // "" = any post; kind 'own' = naming any of our products
  std::vector<std::string> functions;    // the caller's functions; empty = sees every function
  std::size_t limit = 50, offset = 0;
};

struct ListenedPost {
  std::int64_t id = 0, conversation_id = 0;
  std::optional<std::int64_t> case_id;
  std::string source, author, text, sentiment_label, intent, language;
  std::int64_t created_at = 0;
  double sentiment = 0;
  int urgency = 0;
  std::vector<std::pair<std::string, std::string>> entities;  // (kind, name)
};

struct PostPage {
  std::vector<ListenedPost> posts;
  bool has_more = false;
};

// Newest first, only posts that count for listening; a post in a case of a function the caller may not see
// is left out.
Result<PostPage> listened_posts(sqlite::Connection& db, const PostQuery& q);

}  // namespace parley::listen
