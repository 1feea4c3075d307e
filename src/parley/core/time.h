// Time: parsing the timestamps the networks use, and a Clock seam so that anything time-driven (SLA timers,
// "now" in reports) can be tested with a fake clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

// Parses RFC 3339 / ISO 8601 date-times as the networks emit them: "2024-03-05T14:07:09Z",
// "2024-03-05T14:07:09.123Z", "2024-03-05T14:07:09+01:00", "2024-03-05 14:07:09" (UTC assumed),
// "2024-03-05" (midnight UTC). Returns Unix milliseconds, or nullopt if malformed.
std::optional<std::int64_t> parse_iso8601_ms(std::string_view s);

// Parses Twitter's legacy "Wed Oct 10 20:19:24 +0000 2018" form. Returns Unix milliseconds or nullopt.
std::optional<std::int64_t> parse_twitter_legacy_ms(std::string_view s);

// Formats Unix milliseconds as "2024-03-05T14:07:09.123Z" (".123" omitted when zero).
std::string format_iso8601_ms(std::int64_t ms);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override;
};

}  // namespace parley
