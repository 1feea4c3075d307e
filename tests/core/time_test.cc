#include "parley/core/time.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(Time, ParsesTheFormsNetworksEmit) {
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T14:07:09Z"), 1709647629000);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T14:07:09.123Z"), 1709647629123);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T14:07:09.123456Z"), 1709647629123);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T15:07:09+01:00"), 1709647629000);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T09:07:09-0500"), 1709647629000);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05 14:07:09"), 1709647629000);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05"), 1709596800000);
  EXPECT_EQ(parse_iso8601_ms("2024-02-29T00:00:00Z"), 1709164800000);
}

TEST(Time, RejectsMalformed) {
  EXPECT_EQ(parse_iso8601_ms(""), std::nullopt);
  EXPECT_EQ(parse_iso8601_ms("yesterday"), std::nullopt);
  EXPECT_EQ(parse_iso8601_ms("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso8601_ms("2024-13-01"), std::nullopt);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T25:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T14:07:09Zjunk"), std::nullopt);
  EXPECT_EQ(parse_iso8601_ms("2024-03-05T14:07:09."), std::nullopt);
}

TEST(Time, ParsesTwitterLegacyForm) {
  EXPECT_EQ(parse_twitter_legacy_ms("Tue Mar 05 14:07:09 +0000 2024"), 1709647629000);
  EXPECT_EQ(parse_twitter_legacy_ms("Tue Mar 05 15:07:09 +0100 2024"), 1709647629000);
  EXPECT_EQ(parse_twitter_legacy_ms("Tue Foo 05 14:07:09 +0000 2024"), std::nullopt);
}

TEST(Time, FormatsRoundTrip) {
  EXPECT_EQ(format_iso8601_ms(1709647629000), "2024-03-05T14:07:09Z");
  EXPECT_EQ(format_iso8601_ms(1709647629123), "2024-03-05T14:07:09.123Z");
  EXPECT_EQ(format_iso8601_ms(0), "1970-01-01T00:00:00Z");
  for (std::int64_t ms : {951782400000LL, 4102444799999LL, 1LL})
    EXPECT_EQ(parse_iso8601_ms(format_iso8601_ms(ms)), ms);
}

}  // namespace
}  // namespace parley
