// Parts of the day in a team's own time zone, and how much of each part a person is on shift. Demand and
// supply are compared per part because a team can be well staffed at noon and empty at night, which a
// daily total hides ("Spanish complaints at night").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"

namespace parley::people {

enum class DayPart : std::uint8_t { night, morning, afternoon, evening };  // [0,6) [6,12) [12,18) [18,24) local
inline constexpr int kDayParts = 4;
std::string_view to_string(DayPart p);
std::optional<DayPart> parse_day_part(std::string_view s);

// The day part of an instant in an IANA time zone; an unknown zone counts as UTC.
DayPart day_part_at(std::string_view time_zone, std::int64_t utc_ms);

// The share of each day part (in `team_zone`) that the calendar is open, sampled at every half hour of the
// four weeks before `until_ms`: 1 for a 24x7 calendar, 0 for parts it never works. Four weeks so that one
// holiday moves a share by a few percent, not a seventh.
Result<std::array<double, kDayParts>> shift_cover(const BusinessCalendar* calendar, std::string_view team_zone,
                                                  std::int64_t until_ms);

}  // namespace parley::people
