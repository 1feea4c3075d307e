#include "parley/engage/business_clock.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <limits>
#include <string>

namespace parley::engage {
namespace {

namespace chr = std::chrono;
using Ms = chr::milliseconds;

static_assert(date::sys_days{date::year{1900} / 1 / 1}.time_since_epoch().count() * 86400000LL ==
              BusinessClock::kEarliestMs);
static_assert(date::sys_days{date::year{2400} / 1 / 1}.time_since_epoch().count() * 86400000LL ==
              BusinessClock::kLatestMs);

constexpr std::array<const char*, 7> kDayNames = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};

std::string hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

date::local_days local_day_of(const date::time_zone* zone, std::int64_t utc_ms) {
  return chr::floor<date::days>(zone->to_local(date::sys_time<Ms>(Ms(utc_ms))));
}

// A local wall-clock minute of a local day as UTC ms. Times in a spring-forward gap map to the transition
// instant (the date library's rule); in a fall-back overlap `choose` picks the first or the second pass.
std::int64_t utc_ms_of(const date::time_zone* zone, date::local_days day, int minute, date::choose choose) {
  auto sys = zone->to_sys(day + chr::minutes(minute), choose);
  return chr::duration_cast<Ms>(sys.time_since_epoch()).count();
}

// For the 24x7 shortcut; only called with b > 0, so overflow can only go up and saturates at kNever.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  return __builtin_add_overflow(a, b, &r) ? BusinessClock::kNever : r;
}

}  // namespace

Result<BusinessClock> BusinessClock::make(const BusinessCalendar& cal) {
  const std::string where = "business calendar '" + cal.name + "'";
  BusinessClock clock;

  // Everything is validated even for a 24x7 calendar, which uses neither zone nor holidays: a typo there is
  // still a mistake the author wants to hear about before a week that is not empty meets it.
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(cal.time_zone);
  } catch (const std::exception&) {
    return Status::error(where + ": unknown time zone '" + cal.time_zone +
                         "' (expected an IANA name such as \"Europe/Madrid\" or \"UTC\")");
  }

  for (std::size_t d = 0; d < 7; ++d) {
    std::vector<DayInterval> ivs = cal.week[d];
    for (const DayInterval& iv : ivs) {
      if (iv.begin_min < 0 || iv.begin_min >= 1440 || iv.end_min <= 0 || iv.end_min > 1440)
        return Status::error(where + ": " + kDayNames[d] + " interval " + std::to_string(iv.begin_min) + "-" +
                             std::to_string(iv.end_min) +
                             " min is outside the day (begin must be in [0, 1440) and end in (0, 1440] minutes)");
      if (iv.begin_min >= iv.end_min)
        return Status::error(where + ": " + kDayNames[d] + " interval " + hhmm(iv.begin_min) + "-" +
                             hhmm(iv.end_min) +
                             " must begin before it ends (write overnight cover as two intervals, e.g. "
                             "22:00-24:00 and 00:00-06:00 on the next day)");
    }
    std::sort(ivs.begin(), ivs.end(), [](const DayInterval& a, const DayInterval& b) {
      return a.begin_min < b.begin_min;
    });
    // Merge overlapping and touching intervals so each day is a sorted list of disjoint ones.
    for (const DayInterval& iv : ivs) {
      auto& out = clock.week_[d];
      if (!out.empty() && iv.begin_min <= out.back().end_min)
        out.back().end_min = std::max(out.back().end_min, iv.end_min);
      else
        out.push_back(iv);
    }
  }

  for (const LocalDate& h : cal.holidays) {
    // Range checks first: date::year and date::month narrow their argument, so 2026-257-1 would pass as
    // 2026-1-1. Years are limited to the evaluated range.
    const bool in_range = h.year >= 1900 && h.year < 2400 && h.month >= 1 && h.month <= 12 && h.day >= 1 &&
                          h.day <= 31;
    const date::year_month_day ymd{date::year{in_range ? h.year : 1970},
                                   date::month{static_cast<unsigned>(in_range ? h.month : 1)},
                                   date::day{static_cast<unsigned>(in_range ? h.day : 1)}};
    if (!in_range || !ymd.ok())
      return Status::error(where + ": holiday " + std::to_string(h.year) + "-" + std::to_string(h.month) + "-" +
                           std::to_string(h.day) + " is not a valid date between the years 1900 and 2399");
    clock.holidays_.push_back(static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count()));
  }
  std::sort(clock.holidays_.begin(), clock.holidays_.end());
  clock.holidays_.erase(std::unique(clock.holidays_.begin(), clock.holidays_.end()), clock.holidays_.end());

  if (cal.always_open()) return always_open();  // empty week: 24x7, holidays ignored (see the header)
  clock.zone_ = zone;
  clock.open_24x7_ = false;
  return clock;
}

BusinessClock BusinessClock::always_open() { return BusinessClock(); }

bool BusinessClock::is_holiday(std::int32_t local_day) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), local_day);
}

template <typename Visit>
void BusinessClock::scan(std::int64_t from_ms, std::int64_t until_ms, Visit&& visit) const {
  if (from_ms >= kLatestMs) return;
  from_ms = std::max(from_ms, kEarliestMs);
  until_ms = std::clamp(until_ms, from_ms, kLatestMs - 1);

  // Start a day early: on a fall-back day an interval ending at 24:00 local ends after the next local day
  // has begun in UTC terms, so the previous day can still hold open time at from_ms.
  date::local_days day = local_day_of(zone_, from_ms) - date::days(1);
  const date::local_days last_day = local_day_of(zone_, until_ms);
  std::int64_t prev_end = std::numeric_limits<std::int64_t>::min();
  int closed_run = 0;

  for (; day <= last_day; day += date::days(1)) {
    const auto day_number = static_cast<std::int32_t>(day.time_since_epoch().count());
    bool open_today = false;
    const bool holiday = is_holiday(day_number);
    if (!holiday) {
      const unsigned iso = date::weekday(day).iso_encoding();  // 1 = Monday ... 7 = Sunday
      for (const DayInterval& iv : week_[iso - 1]) {
        // Clipping to the previous end keeps the output disjoint when fall-back overlaps make two local
        // intervals (or two local days) claim the same UTC stretch.
        std::int64_t b = std::max(utc_ms_of(zone_, day, iv.begin_min, date::choose::earliest), prev_end);
        std::int64_t e = std::min(utc_ms_of(zone_, day, iv.end_min, date::choose::latest), kLatestMs);
        if (e <= b) continue;  // wholly inside a spring-forward gap, or already covered
        prev_end = e;
        open_today = true;
        if (e <= from_ms) continue;
        if (!visit(b, e)) return;
      }
    }
    // Holidays are a known, finite reason to be closed, so they do not count towards giving up: a long
    // listed closure is waited out. Any other closed run of two years means the week has no usable time.
    closed_run = open_today || holiday ? 0 : closed_run + 1;
    if (closed_run > kMaxClosedDays) return;
  }
}

bool BusinessClock::is_open(std::int64_t utc_ms) const {
  if (open_24x7_) return true;
  bool open = false;
  scan(utc_ms, utc_ms, [&](std::int64_t b, std::int64_t) {
    open = b <= utc_ms;
    return false;  // the first interval ending after utc_ms decides
  });
  return open;
}

std::int64_t BusinessClock::next_open(std::int64_t utc_ms) const {
  if (open_24x7_) return utc_ms;
  std::int64_t result = kNever;
  scan(utc_ms, kLatestMs, [&](std::int64_t b, std::int64_t) {
    result = std::max(b, utc_ms);
    return false;
  });
  return result;
}

std::int64_t BusinessClock::add(std::int64_t start_ms, std::int64_t business_ms) const {
  if (business_ms <= 0) return start_ms;
  if (open_24x7_) return saturating_add(start_ms, business_ms);
  std::int64_t remaining = business_ms;
  std::int64_t result = kNever;
  scan(start_ms, kLatestMs, [&](std::int64_t b, std::int64_t e) {
    b = std::max(b, start_ms);
    if (remaining <= e - b) {
      result = b + remaining;
      return false;
    }
    remaining -= e - b;
    return true;
  });
  return result;
}

std::int64_t BusinessClock::elapsed(std::int64_t a_ms, std::int64_t b_ms) const {
  if (b_ms <= a_ms) return 0;
  if (open_24x7_) {
    std::int64_t r;
    return __builtin_sub_overflow(b_ms, a_ms, &r) ? kNever : r;
  }
  std::int64_t total = 0;
  scan(a_ms, b_ms, [&](std::int64_t b, std::int64_t e) {
    b = std::max(b, a_ms);
    if (b >= b_ms) return false;
    total += std::min(e, b_ms) - b;
    return true;
  });
  return total;
}

}  // namespace parley::engage
