// Volume over time: posts per bucket, split by one dimension, with spikes marked.
#include <algorithm>
#include <map>

#include "parley/listen/listening.h"
#include "parley/listen/listening_sql.h"

namespace parley::listen {
namespace {

// History before the first bucket shown, so that its spike test has a full trailing window.
std::size_t spike_window(Grain g) { return g == Grain::hour ? 24 : 14; }

}  // namespace

Result<Volume> volume(sqlite::Connection& db, const VolumeQuery& q) {
  const Filter& f = q.filter;
  if (auto bad = check_filter(f); !bad.empty()) return Status::error(bad);
  const std::size_t n = bucket_count(f.since, f.until, q.grain);
  if (n > kMaxBuckets)
    return Status::error(std::to_string(n) + " buckets: at most " + std::to_string(kMaxBuckets) +
                         "; use a shorter range or bucket=day");
  const int dim = q.by == "source" ? 1 : q.by == "intent" ? 2 : q.by == "sentiment" ? 3 : 0;
  if (dim == 0 && !q.by.empty() && q.by != "none")
    return Status::error("by '" + q.by + "': use intent, sentiment, source or none");

  const std::int64_t ms = grain_ms(q.grain);
  const std::size_t history = spike_window(q.grain);
  const std::int64_t first = detail::floor_to(f.since, ms);
  const std::int64_t lo = first - static_cast<std::int64_t>(history) * ms;
  const std::int64_t hi = first + static_cast<std::int64_t>(n) * ms;
  const char* grain = q.grain == Grain::hour ? "hour" : "day";

  std::string sql;
  if (f.from_raw) {
    sql = "SELECT p.created_at - (((p.created_at % ?6) + ?6) % ?6), p.source, pa.intent, pa.sentiment_label, "
          "COUNT(*) FROM post_analysis pa CROSS JOIN posts p ON p.id = pa.post_id "
          "WHERE pa.created_at >= ?1 AND pa.created_at < ?2 AND " +
          std::string(detail::kListened) + detail::filter_sql(f, "p.source", "pa.intent", "pa.sentiment_label") +
          " GROUP BY 1, 2, 3, 4";
  } else {
    sql = std::string("SELECT bucket, source, intent, sentiment, posts FROM listen_volume_") + grain +
          " WHERE bucket >= ?1 AND bucket < ?2" + detail::filter_sql(f, "source", "intent", "sentiment");
  }
  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind(1, lo).bind(2, hi);
  if (f.from_raw) st->bind(6, ms);
  detail::bind_filter(*st, f);

  std::vector<std::int64_t> all(history + n, 0);
  std::map<std::string, Series> by_key;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    const std::size_t i = static_cast<std::size_t>((st->int64(0) - lo) / ms);
    const std::int64_t count = st->int64(4);
    if (i >= all.size()) continue;
    all[i] += count;
    if (dim == 0 || i < history) continue;
    Series& s = by_key[std::string(st->text(dim))];
    if (s.counts.empty()) s.counts.assign(n, 0);
    s.counts[i - history] += count;
    s.sum += count;
  }

  Volume v;
  v.since = f.since;
  v.until = f.until;
  v.grain = q.grain;
  v.from_raw = f.from_raw;
  v.buckets.reserve(n);
  for (std::size_t i = 0; i < n; ++i) v.buckets.push_back(first + static_cast<std::int64_t>(i) * ms);
  v.total.assign(all.begin() + static_cast<std::ptrdiff_t>(history), all.end());
  for (auto& [key, s] : by_key) {
    s.key = key;
    v.series.push_back(std::move(s));
  }
  std::stable_sort(v.series.begin(), v.series.end(), [](const Series& a, const Series& b) { return a.sum > b.sum; });
  for (Spike s : find_spikes(all, history, history)) {
    s.index -= history;
    v.spikes.push_back(s);
  }
  return v;
}

}  // namespace parley::listen
