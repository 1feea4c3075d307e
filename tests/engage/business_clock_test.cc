#include "parley/engage/business_clock.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "parley/core/time.h"

namespace parley::engage {
namespace {

constexpr std::int64_t kMin = 60 * 1000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;

// Instants are written with their UTC offset spelled out by hand (Madrid is +01:00 until 2026-03-29 and
// +02:00 until 2026-10-25; New York -05:00 until 2026-03-08, then -04:00), so expectations do not come from
// the same library the code uses.
std::int64_t at(const std::string& iso) {
  auto ms = parse_iso8601_ms(iso);
  EXPECT_TRUE(ms.has_value()) << iso;
  return ms.value_or(0);
}

BusinessCalendar weekdays(const std::string& zone, int begin_min, int end_min) {
  BusinessCalendar cal;
  cal.name = "office";
  cal.time_zone = zone;
  for (int d = 0; d < 5; ++d) cal.week[d] = {{begin_min, end_min}};
  return cal;
}

BusinessCalendar every_day(const std::string& zone, int begin_min, int end_min) {
  BusinessCalendar cal = weekdays(zone, begin_min, end_min);
  cal.week[5] = cal.week[6] = {{begin_min, end_min}};
  return cal;
}

BusinessClock clock_of(const BusinessCalendar& cal) {
  auto r = BusinessClock::make(cal);
  EXPECT_TRUE(r.is_ok()) << r.message();
  return r.is_ok() ? *r : BusinessClock::always_open();
}

TEST(CalendarBusinessClock, FridayAfternoonPlusTwoHoursIsMondayMorning) {
  // 2026-03-27 is a Friday; Madrid moves to summer time on Sunday the 29th, so Monday is +02:00.
  BusinessClock c = clock_of(weekdays("Europe/Madrid", 9 * 60, 17 * 60));
  EXPECT_EQ(c.add(at("2026-03-27T16:00:00+01:00"), 2 * kHour), at("2026-03-30T10:00:00+02:00"));
  // Exactly up to the close returns the closing instant, not the next opening.
  EXPECT_EQ(c.add(at("2026-03-27T16:00:00+01:00"), 1 * kHour), at("2026-03-27T17:00:00+01:00"));
  // Starting while closed counts from the next opening.
  EXPECT_EQ(c.add(at("2026-03-28T12:00:00+01:00"), 30 * kMin), at("2026-03-30T09:30:00+02:00"));
  EXPECT_EQ(c.add(at("2026-03-27T06:00:00+01:00"), 30 * kMin), at("2026-03-27T09:30:00+01:00"));
}

TEST(CalendarBusinessClock, ThreeBusinessDays) {
  BusinessClock c = clock_of(weekdays("Europe/Madrid", 9 * 60, 17 * 60));
  // Monday 2026-04-13 09:00 + 24 business hours = Wednesday 17:00; from noon it is Thursday noon.
  EXPECT_EQ(c.add(at("2026-04-13T09:00:00+02:00"), 24 * kHour), at("2026-04-15T17:00:00+02:00"));
  EXPECT_EQ(c.add(at("2026-04-13T12:00:00+02:00"), 24 * kHour), at("2026-04-16T12:00:00+02:00"));
  // Thursday noon + 3 days crosses a weekend.
  EXPECT_EQ(c.add(at("2026-04-16T12:00:00+02:00"), 24 * kHour), at("2026-04-21T12:00:00+02:00"));
  EXPECT_EQ(c.elapsed(at("2026-04-16T12:00:00+02:00"), at("2026-04-21T12:00:00+02:00")), 24 * kHour);
}

TEST(CalendarBusinessClock, HolidaysCloseTheWholeLocalDay) {
  BusinessCalendar cal = weekdays("Europe/Madrid", 9 * 60, 17 * 60);
  cal.holidays = {{2026, 3, 30}, {2026, 4, 3}};  // Monday 30 March, Good Friday
  BusinessClock c = clock_of(cal);
  EXPECT_EQ(c.add(at("2026-03-27T16:00:00+01:00"), 2 * kHour), at("2026-03-31T10:00:00+02:00"));
  EXPECT_FALSE(c.is_open(at("2026-03-30T12:00:00+02:00")));
  EXPECT_FALSE(c.is_open(at("2026-04-03T09:00:00+02:00")));
  EXPECT_TRUE(c.is_open(at("2026-04-02T16:59:59+02:00")));
  EXPECT_EQ(c.next_open(at("2026-04-02T17:00:00+02:00")), at("2026-04-06T09:00:00+02:00"));
  // The week of 30 March has 3 working days: Tue, Wed, Thu.
  EXPECT_EQ(c.elapsed(at("2026-03-30T00:00:00+02:00"), at("2026-04-06T00:00:00+02:00")), 24 * kHour);
}

TEST(CalendarBusinessClock, HolidayIsALocalDayNotAUtcDay) {
  // In Auckland (+13:00 in January) local 2 January 00:00 is 1 January 11:00 UTC.
  BusinessCalendar cal = every_day("Pacific/Auckland", 0, 1440);
  cal.holidays = {{2026, 1, 2}};
  BusinessClock c = clock_of(cal);
  EXPECT_TRUE(c.is_open(at("2026-01-01T10:59:59Z")));
  EXPECT_FALSE(c.is_open(at("2026-01-01T11:00:00Z")));
  EXPECT_FALSE(c.is_open(at("2026-01-02T10:59:59Z")));
  EXPECT_TRUE(c.is_open(at("2026-01-02T11:00:00Z")));
  EXPECT_EQ(c.next_open(at("2026-01-01T12:00:00Z")), at("2026-01-02T11:00:00Z"));
}

TEST(CalendarBusinessClock, NewYorkVersusUtc) {
  BusinessClock ny = clock_of(weekdays("America/New_York", 9 * 60, 17 * 60));
  BusinessClock utc = clock_of(weekdays("UTC", 9 * 60, 17 * 60));
  // 2026-03-06 is a Friday; New York starts summer time on Sunday 8 March.
  EXPECT_EQ(ny.add(at("2026-03-06T16:00:00-05:00"), 2 * kHour), at("2026-03-09T10:00:00-04:00"));
  EXPECT_EQ(utc.add(at("2026-03-06T16:00:00Z"), 2 * kHour), at("2026-03-09T10:00:00Z"));
  // The same instant: open in both at 15:00 UTC (10:00 in NY), only in NY at 20:00 UTC (15:00 in NY).
  EXPECT_TRUE(ny.is_open(at("2026-03-06T15:00:00Z")));
  EXPECT_TRUE(utc.is_open(at("2026-03-06T15:00:00Z")));
  EXPECT_TRUE(ny.is_open(at("2026-03-06T20:00:00Z")));
  EXPECT_FALSE(utc.is_open(at("2026-03-06T20:00:00Z")));
  EXPECT_FALSE(ny.is_open(at("2026-03-06T13:59:59Z")));
  EXPECT_TRUE(ny.is_open(at("2026-03-06T14:00:00Z")));
  // A UTC day of New York business: Friday 9-17 EST is 14:00-22:00 UTC.
  EXPECT_EQ(ny.elapsed(at("2026-03-06T00:00:00Z"), at("2026-03-06T18:00:00Z")), 4 * kHour);
  EXPECT_EQ(utc.elapsed(at("2026-03-06T00:00:00Z"), at("2026-03-06T18:00:00Z")), 8 * kHour);
  // After the change the NY day is 13:00-21:00 UTC.
  EXPECT_TRUE(ny.is_open(at("2026-03-09T13:00:00Z")));
  EXPECT_FALSE(ny.is_open(at("2026-03-09T21:00:00Z")));
}

TEST(CalendarBusinessClock, DaylightSavingDaysKeepWallClockHours) {
  BusinessClock nine_to_five = clock_of(every_day("Europe/Madrid", 9 * 60, 17 * 60));
  BusinessClock whole_day = clock_of(every_day("Europe/Madrid", 0, 1440));
  // Sunday 29 March 2026: 02:00 becomes 03:00, the local day is 23 hours long.
  const std::int64_t mar29 = at("2026-03-29T00:00:00+01:00"), mar30 = at("2026-03-30T00:00:00+02:00");
  EXPECT_EQ(mar30 - mar29, 23 * kHour);
  EXPECT_EQ(nine_to_five.elapsed(mar29, mar30), 8 * kHour);
  EXPECT_EQ(whole_day.elapsed(mar29, mar30), 23 * kHour);
  EXPECT_EQ(nine_to_five.next_open(mar29), at("2026-03-29T09:00:00+02:00"));
  EXPECT_EQ(nine_to_five.add(mar29, 8 * kHour), at("2026-03-29T17:00:00+02:00"));
  // Sunday 25 October 2026: 03:00 becomes 02:00, the local day is 25 hours long.
  const std::int64_t oct25 = at("2026-10-25T00:00:00+02:00"), oct26 = at("2026-10-26T00:00:00+01:00");
  EXPECT_EQ(oct26 - oct25, 25 * kHour);
  EXPECT_EQ(nine_to_five.elapsed(oct25, oct26), 8 * kHour);
  EXPECT_EQ(whole_day.elapsed(oct25, oct26), 25 * kHour);
  EXPECT_EQ(nine_to_five.next_open(oct25), at("2026-10-25T09:00:00+01:00"));
  // Whole days stay seamless across both changes: always open, two days add up.
  EXPECT_EQ(whole_day.elapsed(at("2026-10-24T00:00:00+02:00"), oct26), 49 * kHour);
  for (std::int64_t t = at("2026-10-24T22:00:00Z"); t < at("2026-10-25T04:00:00Z"); t += 7 * kMin)
    EXPECT_TRUE(whole_day.is_open(t)) << format_iso8601_ms(t);
  for (std::int64_t t = at("2026-03-28T22:00:00Z"); t < at("2026-03-29T04:00:00Z"); t += 7 * kMin)
    EXPECT_TRUE(whole_day.is_open(t)) << format_iso8601_ms(t);
}

TEST(CalendarBusinessClock, IntervalsTouchingTheChangedHour) {
  BusinessCalendar cal;
  cal.name = "night";
  cal.time_zone = "Europe/Madrid";
  cal.week[6] = {{60, 240}};  // Sundays 01:00-04:00
  BusinessClock c = clock_of(cal);
  // Spring: 01:00 CET to 04:00 CEST is two real hours.
  EXPECT_EQ(c.elapsed(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")), 2 * kHour);
  // Autumn: 01:00 CEST to 04:00 CET is four real hours.
  EXPECT_EQ(c.elapsed(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")), 4 * kHour);

  // Wholly inside the skipped hour: no open time that day, but open on an ordinary Sunday.
  cal.week[6] = {{2 * 60 + 15, 2 * 60 + 45}};
  BusinessClock gap = clock_of(cal);
  EXPECT_EQ(gap.elapsed(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")), 0);
  EXPECT_EQ(gap.next_open(at("2026-03-29T00:00:00+01:00")), at("2026-04-05T02:15:00+02:00"));

  // Beginning in the skipped hour opens at the change (03:00 CEST).
  cal.week[6] = {{2 * 60 + 30, 3 * 60 + 30}};
  BusinessClock half = clock_of(cal);
  EXPECT_EQ(half.next_open(at("2026-03-29T00:00:00+01:00")), at("2026-03-29T03:00:00+02:00"));
  EXPECT_EQ(half.elapsed(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")), 30 * kMin);

  // In the repeated hour a begin takes the first pass and an end the second: 02:00 CEST to 02:30 CET.
  cal.week[6] = {{2 * 60, 2 * 60 + 30}};
  BusinessClock twice = clock_of(cal);
  EXPECT_EQ(twice.next_open(at("2026-10-25T00:00:00+02:00")), at("2026-10-25T02:00:00+02:00"));
  EXPECT_EQ(twice.elapsed(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")), 90 * kMin);

  // Two intervals that both claim part of the repeated hour are never counted twice.
  cal.week[6] = {{2 * 60, 2 * 60 + 20}, {2 * 60 + 40, 3 * 60}};
  BusinessClock split = clock_of(cal);
  const std::int64_t day = split.elapsed(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00"));
  EXPECT_EQ(day, 2 * kHour);  // 00:00Z (02:00 CEST) to 02:00Z (03:00 CET), once
  EXPECT_EQ(split.add(at("2026-10-25T00:00:00+02:00"), day), at("2026-10-25T03:00:00+01:00"));
}

TEST(CalendarBusinessClock, OvernightCoverageRunsStraightThrough) {
  BusinessCalendar cal;
  cal.name = "nights";
  cal.time_zone = "Europe/Madrid";
  for (int d = 0; d < 5; ++d) cal.week[d].push_back({22 * 60, 1440});  // Mon-Fri 22:00-24:00
  for (int d = 1; d < 6; ++d) cal.week[d].push_back({0, 6 * 60});      // Tue-Sat 00:00-06:00
  BusinessClock c = clock_of(cal);
  const std::int64_t mon22 = at("2026-04-13T22:00:00+02:00");
  EXPECT_TRUE(c.is_open(mon22));
  EXPECT_TRUE(c.is_open(at("2026-04-14T00:00:00+02:00")));
  EXPECT_FALSE(c.is_open(at("2026-04-14T06:00:00+02:00")));
  EXPECT_FALSE(c.is_open(at("2026-04-13T21:59:59+02:00")));
  EXPECT_EQ(c.add(at("2026-04-13T23:00:00+02:00"), 3 * kHour), at("2026-04-14T02:00:00+02:00"));
  EXPECT_EQ(c.elapsed(mon22, at("2026-04-14T06:00:00+02:00")), 8 * kHour);
  // Friday night runs into Saturday morning, then nothing until Monday night.
  EXPECT_EQ(c.add(at("2026-04-18T05:00:00+02:00"), 2 * kHour), at("2026-04-20T23:00:00+02:00"));
  EXPECT_EQ(c.elapsed(mon22, mon22 + 7 * kDay), 5 * 8 * kHour);
}

TEST(CalendarBusinessClock, OverlappingIntervalsAreMerged) {
  BusinessCalendar cal = weekdays("UTC", 9 * 60, 12 * 60);
  cal.week[0] = {{11 * 60, 14 * 60}, {9 * 60, 12 * 60}, {14 * 60, 15 * 60}};  // unsorted, overlapping, touching
  BusinessClock c = clock_of(cal);
  EXPECT_EQ(c.elapsed(at("2026-04-13T00:00:00Z"), at("2026-04-14T00:00:00Z")), 6 * kHour);
  EXPECT_EQ(c.add(at("2026-04-13T09:00:00Z"), 6 * kHour), at("2026-04-13T15:00:00Z"));
}

TEST(CalendarBusinessClock, EmptyWeekIsOpen24x7AndIgnoresHolidays) {
  BusinessCalendar cal;
  cal.name = "support";
  cal.time_zone = "Europe/Madrid";
  cal.holidays = {{2026, 12, 25}};
  BusinessClock c = clock_of(cal);
  EXPECT_TRUE(c.is_24x7());
  const std::int64_t xmas = at("2026-12-25T12:00:00+01:00");
  EXPECT_TRUE(c.is_open(xmas));
  EXPECT_EQ(c.next_open(xmas), xmas);
  EXPECT_EQ(c.add(xmas, 3 * kDay + 5), xmas + 3 * kDay + 5);
  EXPECT_EQ(c.elapsed(xmas, xmas + 25 * kHour), 25 * kHour);
  EXPECT_EQ(c.elapsed(xmas, xmas - 1), 0);
  // A bad zone name would not change the answers, but it is still a config mistake worth reporting.
  cal.time_zone = "Nowhere/Atlantis";
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());

  BusinessClock always = BusinessClock::always_open();
  EXPECT_TRUE(always.is_open(0));
  EXPECT_EQ(always.add(100, 50), 150);
  EXPECT_EQ(always.add(100, 0), 100);
  EXPECT_EQ(always.add(100, -5), 100);
  EXPECT_EQ(always.add(std::numeric_limits<std::int64_t>::max() - 10, 100), BusinessClock::kNever);
  EXPECT_EQ(always.elapsed(-5, 5), 10);
  EXPECT_EQ(always.elapsed(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()),
            BusinessClock::kNever);
}

TEST(CalendarBusinessClock, SevenWholeDaysIsTheWayToKeepHolidays) {
  BusinessCalendar cal = every_day("Europe/Madrid", 0, 1440);
  cal.holidays = {{2026, 12, 25}};
  BusinessClock c = clock_of(cal);
  EXPECT_FALSE(c.is_24x7());
  EXPECT_FALSE(c.is_open(at("2026-12-25T12:00:00+01:00")));
  EXPECT_EQ(c.add(at("2026-12-24T23:00:00+01:00"), 2 * kHour), at("2026-12-26T01:00:00+01:00"));
}

TEST(CalendarBusinessClock, RejectsBadCalendarsWithClearMessages) {
  BusinessCalendar cal = weekdays("Europe/Madird", 9 * 60, 17 * 60);
  auto r = BusinessClock::make(cal);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.message().find("unknown time zone 'Europe/Madird'"), std::string::npos) << r.message();
  EXPECT_NE(r.message().find("'office'"), std::string::npos) << r.message();

  cal = weekdays("Europe/Madrid", 9 * 60, 17 * 60);
  cal.week[1] = {{18 * 60, 9 * 60}};
  r = BusinessClock::make(cal);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.message().find("Tuesday interval 18:00-09:00 must begin before it ends"), std::string::npos)
      << r.message();

  cal.week[1] = {{9 * 60, 9 * 60}};
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.week[1] = {{-1, 60}};
  r = BusinessClock::make(cal);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.message().find("outside the day"), std::string::npos) << r.message();
  cal.week[1] = {{1380, 1441}};
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.week[1] = {{1440, 1440}};
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.week[1] = {{0, 1440}};  // the whole day is fine
  EXPECT_TRUE(BusinessClock::make(cal).is_ok());

  cal.holidays = {{2026, 2, 29}};
  r = BusinessClock::make(cal);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.message().find("holiday 2026-2-29 is not a valid date"), std::string::npos) << r.message();
  cal.holidays = {{2026, 4, 31}};
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.holidays = {{2026 + 65536, 1, 1}};  // would wrap to 2026 if narrowed to 16 bits
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.holidays = {{2400, 1, 1}};  // past the evaluated range
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.holidays = {{2026, 13, 1}};
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.holidays = {{2026, 257, 1}};  // would wrap to January if narrowed to a byte
  EXPECT_FALSE(BusinessClock::make(cal).is_ok());
  cal.holidays = {{2028, 2, 29}};
  EXPECT_TRUE(BusinessClock::make(cal).is_ok());
}

TEST(CalendarBusinessClock, NoOpenTimeLeftEndsInsteadOfLooping) {
  BusinessClock c = clock_of(weekdays("Europe/Madrid", 9 * 60, 17 * 60));
  const std::int64_t far = std::numeric_limits<std::int64_t>::max();
  EXPECT_FALSE(c.is_open(far));
  EXPECT_FALSE(c.is_open(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(c.next_open(BusinessClock::kLatestMs), BusinessClock::kNever);
  EXPECT_EQ(c.next_open(far), BusinessClock::kNever);
  EXPECT_EQ(c.add(far - 1, kHour), BusinessClock::kNever);
  EXPECT_EQ(c.add(at("2399-12-31T12:00:00Z"), 100 * kDay), BusinessClock::kNever);
  // More business time than is left before 2400 (about 780,000 hours of 40-hour weeks from 2026).
  EXPECT_EQ(c.add(at("2026-01-01T00:00:00Z"), 2'000'000 * kHour), BusinessClock::kNever);
  // Open time is only counted inside the range, so elapsed to "forever" is finite and the same.
  const std::int64_t a = at("2399-01-01T00:00:00Z");
  EXPECT_EQ(c.elapsed(a, far), c.elapsed(a, BusinessClock::kLatestMs));
  EXPECT_GT(c.elapsed(a, far), 200 * 8 * kHour);
  // Before 1900 counts as closed too: the first opening is the first working day of 1900 (a Monday).
  BusinessClock utc = clock_of(weekdays("UTC", 9 * 60, 17 * 60));
  EXPECT_EQ(utc.next_open(std::numeric_limits<std::int64_t>::min()), at("1900-01-01T09:00:00Z"));
  EXPECT_EQ(utc.elapsed(std::numeric_limits<std::int64_t>::min(), at("1900-01-02T00:00:00Z")), 8 * kHour);
}

TEST(CalendarBusinessClock, LongHolidayStretchesAreWaitedOut) {
  // Only open on Mondays, and every Monday of 2026-2028 is a holiday: more than the two-year closed-run
  // limit, but the holidays end, so the search must carry on to the first Monday of 2029.
  BusinessCalendar cal;
  cal.name = "mondays";
  cal.time_zone = "UTC";
  cal.week[0] = {{9 * 60, 10 * 60}};
  for (std::int64_t t = at("2026-01-05T00:00:00Z"); t < at("2029-01-01T00:00:00Z"); t += 7 * kDay) {
    const auto ymd = date::year_month_day{date::floor<date::days>(date::sys_time<std::chrono::milliseconds>(
        std::chrono::milliseconds(t)))};
    cal.holidays.push_back({int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))});
  }
  BusinessClock c = clock_of(cal);
  EXPECT_EQ(c.next_open(at("2026-01-01T00:00:00Z")), at("2029-01-01T09:00:00Z"));
  EXPECT_EQ(c.add(at("2026-01-01T00:00:00Z"), kHour + kMin), at("2029-01-08T09:01:00Z"));
}

// An oracle that walks minute by minute through local time, independent of the interval-to-UTC logic.
bool oracle_open(const date::time_zone* zone, const BusinessCalendar& cal, std::int64_t t) {
  auto local = zone->to_local(date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(t)));
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  for (const LocalDate& h : cal.holidays)
    if (date::year_month_day{date::year{h.year}, date::month(h.month), date::day(h.day)} == ymd) return false;
  const int minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  for (const DayInterval& iv : cal.week[date::weekday(day).iso_encoding() - 1])
    if (minute >= iv.begin_min && minute < iv.end_min) return true;
  return false;
}

TEST(CalendarBusinessClock, IsOpenMatchesAMinuteByMinuteOracleAcrossDstWeeks) {
  BusinessCalendar cal = weekdays("Europe/Madrid", 9 * 60, 17 * 60);
  cal.week[6] = {{8 * 60, 12 * 60}, {20 * 60, 1440}};
  cal.week[0].push_back({0, 60});  // Sunday night into Monday
  cal.holidays = {{2026, 10, 23}};
  BusinessClock c = clock_of(cal);
  const date::time_zone* zone = date::locate_zone("Europe/Madrid");
  for (const char* start : {"2026-03-23T00:00:00Z", "2026-10-19T00:00:00Z"}) {
    const std::int64_t from = at(start);
    for (std::int64_t t = from; t < from + 10 * kDay; t += 5 * kMin)
      ASSERT_EQ(c.is_open(t), oracle_open(zone, cal, t)) << format_iso8601_ms(t);
  }
}

// Properties that tie the four operations together, on assorted calendars and random instants.
TEST(CalendarBusinessClock, AddElapsedAndNextOpenAgreeOnRandomInputs) {
  std::vector<BusinessCalendar> cals;
  BusinessCalendar office = weekdays("Europe/Madrid", 9 * 60, 17 * 60);
  office.holidays = {{2026, 1, 6}, {2026, 4, 3}, {2026, 10, 12}, {2026, 12, 25}};
  cals.push_back(office);
  BusinessCalendar ny = weekdays("America/New_York", 8 * 60 + 30, 12 * 60);
  for (int d = 0; d < 5; ++d) ny.week[d].push_back({13 * 60, 17 * 60 + 45});
  cals.push_back(ny);
  BusinessCalendar nights;
  nights.name = "nights";
  nights.time_zone = "Asia/Kolkata";
  for (int d = 0; d < 7; ++d) nights.week[d] = {{0, 7 * 60}, {21 * 60, 1440}};
  cals.push_back(nights);
  BusinessCalendar sundays;
  sundays.name = "odd";
  sundays.time_zone = "Europe/Madrid";
  sundays.week[6] = {{0, 1440}};
  sundays.week[2] = {{2 * 60 + 15, 2 * 60 + 45}};
  cals.push_back(sundays);
  cals.push_back(every_day("Australia/Lord_Howe", 10, 1430));  // a zone with half-hour DST changes

  std::mt19937_64 rng(20260329);
  const std::int64_t lo = at("2025-12-01T00:00:00Z"), hi = at("2027-02-01T00:00:00Z");
  std::uniform_int_distribution<std::int64_t> when(lo, hi), amount(0, 5 * 8 * kHour);
  for (const BusinessCalendar& cal : cals) {
    BusinessClock c = clock_of(cal);
    for (int i = 0; i < 400; ++i) {
      const std::int64_t a = when(rng), d = amount(rng);
      const std::int64_t due = c.add(a, d);
      ASSERT_NE(due, BusinessClock::kNever);
      ASSERT_GE(due, a);
      ASSERT_EQ(c.elapsed(a, due), d) << cal.name << " a=" << format_iso8601_ms(a) << " d=" << d;
      if (d > 0) {
        // Minimal: one ms earlier is one ms short, and the last ms before the deadline is open.
        ASSERT_EQ(c.elapsed(a, due - 1), d - 1) << cal.name;
        ASSERT_TRUE(c.is_open(due - 1)) << cal.name << " " << format_iso8601_ms(due - 1);
      }
      // Additivity over a split point.
      const std::int64_t b = when(rng), m = std::min(a, b) + (std::max(a, b) - std::min(a, b)) / 3;
      ASSERT_EQ(c.elapsed(std::min(a, b), std::max(a, b)),
                c.elapsed(std::min(a, b), m) + c.elapsed(m, std::max(a, b)));
      // is_open is exactly "the next millisecond is open time", and next_open finds the first open instant.
      ASSERT_EQ(c.is_open(a), c.elapsed(a, a + 1) == 1) << cal.name << " " << format_iso8601_ms(a);
      const std::int64_t n = c.next_open(a);
      ASSERT_GE(n, a);
      ASSERT_TRUE(c.is_open(n)) << cal.name << " " << format_iso8601_ms(n);
      ASSERT_EQ(c.elapsed(a, n), 0);
      ASSERT_EQ(n == a, c.is_open(a));
    }
  }
}

TEST(CalendarBusinessClock, LongSpansAreCountedDayByDay) {
  // Ten years of a 40-hour week: 521 or 522 weeks. Day-by-day iteration makes this instant; a
  // minute-by-minute walk would take millions of steps.
  BusinessClock c = clock_of(weekdays("UTC", 9 * 60, 17 * 60));
  const std::int64_t a = at("2026-01-05T00:00:00Z");  // a Monday
  EXPECT_EQ(c.elapsed(a, a + 520 * 7 * kDay), 520 * 40 * kHour);
  EXPECT_EQ(c.add(a, 520 * 40 * kHour), a + 519 * 7 * kDay + 4 * kDay + 17 * kHour);
}

}  // namespace
}  // namespace parley::engage
