// JsonOut (src/parley/cli/json_out.h) must write exactly the bytes nlohmann's dump() writes: `parley
// analyze` output is compared byte for byte across versions.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "parley/cli/json_out.h"

namespace parley::cli {
namespace {

std::string dumped(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written_string(std::string_view s) {
  JsonOut o;
  o.string(s);
  return std::string(o.view());
}

void append_utf8(std::string& s, char32_t c) {
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
}

TEST(JsonOut, StringsAreWhatNlohmannPrints) {
  for (std::string s : {std::string(), std::string("plain"), std::string("q\"1\\"), std::string("tab\there\n"),
                        std::string("\x01\x1f\x7f", 3), std::string("\0", 1), std::string("Ünïcödé 😡 #Fail"),
                        std::string("\xff"), std::string("ok \xc3"), std::string("\xed\xa0\x80 surrogate"),
                        std::string(5000, 'a') + "\"" + std::string(5000, 'b')})
    EXPECT_EQ(written_string(s), dumped(s)) << s;

  // One special byte at every position of plain strings of every length up to 40 (the scan takes eight
  // bytes at a time, so its word boundaries and tails are covered), next to the bytes just around them.
  for (char special : {'\0', '\x1f', ' ', '!', '"', '#', '[', '\\', ']', '\x7f', '\x80', '\xc3', '\xff'}) {
    for (std::size_t len = 1; len <= 40; ++len) {
      for (std::size_t at = 0; at < len; ++at) {
        std::string s(len, 'a');
        s[at] = special;
        if (special == '\xc3' && at + 1 < len) s[at + 1] = '\xa9';  // also a valid two-byte sequence
        ASSERT_EQ(written_string(s), dumped(s)) << int(special) << " " << len << " " << at;
      }
    }
  }

  std::mt19937 rng(42);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    int len = static_cast<int>(rng() % 40);
    int mode = n % 3;
    for (int i = 0; i < len; ++i) {
      if (mode == 0) {  // any bytes: invalid UTF-8 most of the time
        s += static_cast<char>(rng() & 0xFF);
      } else {  // valid UTF-8, weighted to ASCII, controls and the escaped characters
        switch (rng() % 6) {
          case 0: s += static_cast<char>(rng() % 0x20); break;
          case 1: s += "\"\\/"[rng() % 3]; break;
          case 2: append_utf8(s, 0x80 + rng() % 0x780); break;
          case 3: {
            char32_t c = 0x800 + rng() % (0x10FFFF - 0x800);
            if (c >= 0xD800 && c <= 0xDFFF) c = 0xE000;
            append_utf8(s, c);
            break;
          }
          default: s += static_cast<char>(0x20 + rng() % 0x5F);
        }
      }
    }
    ASSERT_EQ(written_string(s), dumped(s)) << n;
  }
}

TEST(JsonOut, NumbersAreWhatNlohmannPrints) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 0.5, 1e-7, 123456789.0, 1e300,
                                std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min()};
  for (int i = 0; i < 20000; ++i) values.push_back(unit(rng));
  for (int i = 0; i < 2000; ++i) values.push_back(static_cast<double>(static_cast<float>(unit(rng))));
  for (double v : values) {
    JsonOut o;
    o.number(v);
    ASSERT_EQ(std::string(o.view()), dumped(v)) << v;
  }
  for (double v : {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    JsonOut o;
    o.number(v);
    EXPECT_EQ(o.view(), dumped(v));
  }
  for (long long v : {0LL, -1LL, 100LL, std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()}) {
    JsonOut o;
    o.integer(v);
    EXPECT_EQ(o.view(), dumped(v));
  }
}

TEST(JsonOut, HexIsPrintfs) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1000; ++i) {
    std::uint64_t v = i < 2 ? (i ? ~0ull : 0ull) : rng() >> (rng() % 64);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016" PRIx64, v);
    JsonOut o;
    o.hex64_string(v);
    ASSERT_EQ(o.view(), "\"" + std::string(hex) + "\"");
  }
}

TEST(JsonOut, PiecesAccumulateAcrossGrowth) {
  // A whole object, literals and keys included, against dump() of the same object; then many of them, so
  // the buffer grows past its first block with earlier lines intact.
  nlohmann::json j = {{"a", "x\"y"}, {"b", 1.25}, {"c", true}, {"d", nlohmann::json::array({"p", "q"})}};
  JsonOut o;
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    o.lit("{");
    o.key("a");
    o.string("x\"y");
    o.lit(",");
    o.key("b");
    o.number(1.25);
    o.lit(",");
    o.key("c");
    o.boolean(true);
    o.lit(",");
    o.key("d");
    o.lit("[");
    o.string("p");
    o.lit(",");
    o.string("q");
    o.lit("]}\n");
    expected += j.dump() + "\n";
  }
  EXPECT_EQ(o.view(), expected);
  o.clear();
  EXPECT_EQ(o.size(), 0u);
}

}  // namespace
}  // namespace parley::cli
