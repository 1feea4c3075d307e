// SQL shared by the listening queries: which posts count, the filters, and how a time range splits into
// hour and day rollup rows. Internal to src/parley/listen/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/listen/listening.h"

namespace parley::listen::detail {

// The posts that count for listening, over `posts p JOIN post_analysis pa`: public, not by the
// organisation's own people (the author's kind when the post was stored), not spam. The rollups hold
// exactly these (src/parley/store/sqlite/listening_rollup.h).
constexpr const char* kListened = "p.audience = 'public' AND p.author_kind <> 'employee' AND pa.spam = 0";

// " AND <col> = ?3/?4/?5" for each filter set, with the columns of the table queried (raw rows or rollup).
// A null `sentiment_col` leaves that filter to the caller (entity rollups keep sentiment in columns).
std::string filter_sql(const Filter& f, const char* source_col, const char* intent_col, const char* sentiment_col);
void bind_filter(sqlite::Statement& st, const Filter& f);

// A part of a range answered from one rollup table: buckets in [lo, hi).
struct Span {
  const char* table;  // "hour" or "day"
  std::int64_t lo, hi;
};
// [since, until) widened to whole hours, as full days in the middle and hours at the edges.
std::vector<Span> spans(std::int64_t since, std::int64_t until);
// Start of the first hour and end of the last hour that `spans` covers.
std::int64_t widened_since(std::int64_t since);
std::int64_t widened_until(std::int64_t until);

std::int64_t floor_to(std::int64_t ms, std::int64_t unit);

}  // namespace parley::listen::detail
