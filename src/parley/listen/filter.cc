// The filter every listening query shares, its validation, and the split of a range into rollup spans.
#include <cctype>

#include "parley/listen/listening.h"
#include "parley/listen/listening_sql.h"
#include "parley/text/analysis.h"

namespace parley::listen {

std::string check_filter(const Filter& f) {
  if (f.until <= f.since)
    return "'until' must be after 'since' (got since " + std::to_string(f.since) + ", until " +
           std::to_string(f.until) + " ms)";
  if (!f.source.empty()) {
    bool ok = f.source.size() <= 64;
    for (char c : f.source)
      ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                  c == '_' || c == '-');
    if (!ok) return "source '" + f.source + "': a channel name is [a-z0-9_-], e.g. x, mastodon, reddit";
  }
  if (!f.intent.empty() && !text::parse_intent(f.intent))
    return "intent '" + f.intent + "': use complaint, praise, question, suggestion or other";
  if (!f.sentiment.empty() && !text::parse_sentiment_class(f.sentiment))
    return "sentiment '" + f.sentiment + "': use negative, neutral or positive";
  return "";
}

std::int64_t grain_ms(Grain g) { return g == Grain::hour ? kHourMs : kDayMs; }

std::size_t bucket_count(std::int64_t since, std::int64_t until, Grain g) {
  if (until <= since) return 0;
  const std::int64_t ms = grain_ms(g);
  return static_cast<std::size_t>((detail::floor_to(until - 1, ms) - detail::floor_to(since, ms)) / ms + 1);
}

namespace detail {

std::int64_t floor_to(std::int64_t ms, std::int64_t unit) { return ms - (((ms % unit) + unit) % unit); }

std::string filter_sql(const Filter& f, const char* source_col, const char* intent_col, const char* sentiment_col) {
  std::string sql;
  if (!f.source.empty()) sql += std::string(" AND ") + source_col + " = ?3";
  if (!f.intent.empty()) sql += std::string(" AND ") + intent_col + " = ?4";
  if (!f.sentiment.empty() && sentiment_col) sql += std::string(" AND ") + sentiment_col + " = ?5";
  return sql;
}

void bind_filter(sqlite::Statement& st, const Filter& f) {
  if (!f.source.empty()) st.bind(3, std::string_view(f.source));
  if (!f.intent.empty()) st.bind(4, std::string_view(f.intent));
  if (!f.sentiment.empty()) st.bind(5, std::string_view(f.sentiment));
}

std::int64_t widened_since(std::int64_t since) { return floor_to(since, kHourMs); }
std::int64_t widened_until(std::int64_t until) { return floor_to(until - 1, kHourMs) + kHourMs; }

std::vector<Span> spans(std::int64_t since, std::int64_t until) {
  const std::int64_t hs = widened_since(since), he = widened_until(until);
  const std::int64_t ds = floor_to(hs + kDayMs - 1, kDayMs), de = floor_to(he, kDayMs);
  if (ds >= de) return {{"hour", hs, he}};
  std::vector<Span> out;
  if (hs < ds) out.push_back({"hour", hs, ds});
  out.push_back({"day", ds, de});
  if (de < he) out.push_back({"hour", de, he});
  return out;
}

}  // namespace detail
}  // namespace parley::listen
