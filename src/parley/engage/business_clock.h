// Business-hours arithmetic: an SLA clock only runs while the team is working, so "respond within 2 business
// hours" asked on Friday at 16:00 is due on Monday at 10:00, not Friday at 18:00. BusinessClock turns a
// BusinessCalendar (engage_model.h: weekly local-time intervals, holidays, an IANA time zone) into answers
// about UTC instants: is it open now, when does it next open, when is N business ms from now, how much open
// time lies between two instants.
//
// Semantics (also in docs/engage-assignment.md):
//  - Intervals are local wall-clock times in the calendar's zone, converted to UTC day by day, so a 09:00-17:00
//    day is 8 business hours on the days daylight saving time starts and ends too. A whole-day interval
//    (00:00-24:00) is 23 or 25 hours on those days, because that is how long the local day is.
//  - An interval begins the first time the wall clock shows its begin and ends the last time it shows its end:
//    a begin or end that falls in the skipped hour of a spring-forward day maps to the transition instant; on
//    a fall-back day a begin in the repeated hour takes the first pass and an end the second.
//  - Holidays close the whole local day. A calendar whose week is empty is open 24x7 and ignores holidays,
//    like BusinessCalendar::always_open(); write seven 00:00-24:00 days for "24x7 except holidays".
//  - Overnight cover is two intervals (Mon 22:00-24:00 and Tue 00:00-06:00); the clock runs straight through.
//  - The calendar is evaluated between 1900-01-01 and 2400-01-01 UTC and counts as closed outside that range;
//    searches also give up after two years (kMaxClosedDays) of consecutive closed days that are not holidays
//    (a listed closure, however long, is waited out). In both cases next_open and add return kNever, so a
//    calendar with no open time cannot loop forever.
//  - Zone rules come from the system tzdata through Howard Hinnant's date library, whose reader does not use
//    the TZif footer rule: after the last transition listed in the file (2037 for most zones) the last offset
//    stays in force.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"

namespace date {
class time_zone;
}

namespace parley::engage {

class BusinessClock {
 public:
  // "Never": returned by next_open and add when no open time is left within the search bounds.
  static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
  // The evaluated range, UTC ms: [1900-01-01, 2400-01-01).
  static constexpr std::int64_t kEarliestMs = -2208988800000;
  static constexpr std::int64_t kLatestMs = 13569465600000;
  // A search that has seen this many consecutive closed days, holidays not counted, stops.
  static constexpr int kMaxClosedDays = 366 * 2;

  // Fails with a clear message for an unknown time zone, an interval outside the day or not begin < end,
  // or a holiday that is not a real date in 1900-2399, also for a 24x7 calendar that would not use them.
  // Overlapping or touching intervals of one day are merged.
  static Result<BusinessClock> make(const BusinessCalendar& cal);
  static BusinessClock always_open();  // 24x7, UTC

  bool is_open(std::int64_t utc_ms) const;
  // The first instant >= utc_ms at which the calendar is open (utc_ms itself if open), or kNever.
  std::int64_t next_open(std::int64_t utc_ms) const;
  // The instant at which `business_ms` of open time has elapsed after start_ms, counting only open time. An
  // amount that ends exactly at a closing time returns the closing instant. business_ms <= 0 returns
  // start_ms unchanged. kNever if the calendar runs out of open time first.
  std::int64_t add(std::int64_t start_ms, std::int64_t business_ms) const;
  // Open time in [a_ms, b_ms); 0 if b_ms <= a_ms.
  std::int64_t elapsed(std::int64_t a_ms, std::int64_t b_ms) const;

  bool is_24x7() const { return open_24x7_; }

 private:
  BusinessClock() = default;
  bool is_holiday(std::int32_t local_day) const;
  // Calls visit(begin_ms, end_ms) for each open interval with end > from_ms, in time order and never
  // overlapping, up to the local day of until_ms; stops when visit returns false. Defined in the .cc only.
  template <typename Visit>
  void scan(std::int64_t from_ms, std::int64_t until_ms, Visit&& visit) const;

  const date::time_zone* zone_ = nullptr;         // owned by the date library's tzdb, which lives forever
  bool open_24x7_ = true;
  std::array<std::vector<DayInterval>, 7> week_;  // ISO order, Monday first; sorted, merged
  std::vector<std::int32_t> holidays_;            // local days since 1970-01-01, sorted
};

}  // namespace parley::engage
