#include "parley/people/shift_cover.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <exception>

#include "parley/engage/business_clock.h"

namespace parley::people {
namespace {

const date::time_zone* zone_or_null(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

DayPart part_of_hour(int hour) { return static_cast<DayPart>(std::clamp(hour, 0, 23) / 6); }

int local_hour(const date::time_zone* z, std::int64_t utc_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds(utc_ms)};
  if (!z) return static_cast<int>(duration_cast<hours>(t - floor<days>(t)).count());
  auto local = z->to_local(t);
  return static_cast<int>(duration_cast<hours>(local - floor<days>(local)).count());
}

}  // namespace

std::string_view to_string(DayPart p) {
  switch (p) {
    case DayPart::night: return "night";
    case DayPart::morning: return "morning";
    case DayPart::afternoon: return "afternoon";
    case DayPart::evening: return "evening";
  }
  return "night";
}

std::optional<DayPart> parse_day_part(std::string_view s) {
  for (int i = 0; i < kDayParts; ++i)
    if (to_string(static_cast<DayPart>(i)) == s) return static_cast<DayPart>(i);
  return std::nullopt;
}

DayPart day_part_at(std::string_view time_zone, std::int64_t utc_ms) {
  return part_of_hour(local_hour(zone_or_null(time_zone), utc_ms));
}

Result<std::array<double, kDayParts>> shift_cover(const BusinessCalendar* calendar, std::string_view team_zone,
                                                  std::int64_t until_ms) {
  std::array<double, kDayParts> share{};
  if (!calendar || calendar->always_open()) {
    share.fill(1.0);
    return share;
  }
  auto clock = engage::BusinessClock::make(*calendar);
  if (!clock) return clock.status();
  const date::time_zone* z = zone_or_null(team_zone);
  constexpr std::int64_t kStep = 30 * 60 * 1000;
  constexpr int kSamples = 28 * 48;
  std::array<int, kDayParts> open{}, total{};
  const std::int64_t start = until_ms - kSamples * kStep;
  for (int i = 0; i < kSamples; ++i) {
    std::int64_t t = start + i * kStep + kStep / 2;  // mid-slot, away from the edges of intervals
    int p = static_cast<int>(part_of_hour(local_hour(z, t)));
    ++total[p];
    if (clock->is_open(t)) ++open[p];
  }
  for (int p = 0; p < kDayParts; ++p) share[p] = total[p] ? static_cast<double>(open[p]) / total[p] : 0.0;
  return share;
}

}  // namespace parley::people
