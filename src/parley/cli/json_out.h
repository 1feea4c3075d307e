// JSON text written by hand into one growing byte buffer, for `parley analyze`'s output lines. Building
// an nlohmann::json tree per post (a std::map node and a string per field) and dumping it cost ~6% of the
// run; appending to a std::string piece by piece then still cost ~3% in out-of-line append/memmove calls
// for two-byte pieces. Here every literal is a fixed-size memcpy the compiler inlines, and many lines
// accumulate before one fwrite.
//
// The bytes are exactly nlohmann's dump(): the caller writes keys in sorted order; strings get the same
// escapes (\" \\ \b \f \n \r \t, other control characters as \u00xx), UTF-8 is kept as is, invalid UTF-8
// is replaced by U+FFFD exactly as dump() with error_handler_t::replace does; numbers use nlohmann's own
// formatter. tests/cli/json_out_test.cc compares it with dump() on many strings and numbers.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "parley/core/utf8.h"

namespace parley::cli {

class JsonOut {
 public:
  JsonOut() { grow(0); }
  std::string_view view() const { return {buf_.get(), len_}; }
  std::size_t size() const { return len_; }
  void clear() { len_ = 0; }

  // A literal: its size is a compile-time constant, so the copy is a few inlined moves.
  template <std::size_t N>
  [[gnu::always_inline]] void lit(const char (&s)[N]) {
    put(s, N - 1);
  }
  // `"name":` for a key given as a literal (keys are ASCII identifiers: no escaping needed).
  template <std::size_t N>
  [[gnu::always_inline]] void key(const char (&k)[N]) {
    char* d = room(N + 2);
    d[0] = '"';
    std::memcpy(d + 1, k, N - 1);
    d[N] = '"';
    d[N + 1] = ':';
    len_ += N + 2;
  }
  void raw(std::string_view s) { put(s.data(), s.size()); }

  void string(std::string_view s) {
    std::size_t i = first_special(s);
    if (i == s.size()) {  // the common case: nothing to escape, nothing to check
      char* d = room(s.size() + 2);
      d[0] = '"';
      std::memcpy(d + 1, s.data(), s.size());
      d[s.size() + 1] = '"';
      len_ += s.size() + 2;
      return;
    }
    // Bytes before i are plain ASCII, so s is valid UTF-8 exactly when its tail from i is.
    if (!is_valid_utf8(s.substr(i))) {  // never from ingest (it validates); nlohmann's own handling
      raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    put("\"", 1);
    put(s.data(), i);
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') {
        std::size_t j = i + 1;
        while (j < s.size() && !needs_escape(static_cast<unsigned char>(s[j]))) ++j;
        put(s.data() + i, j - i);
        i = j;
        continue;
      }
      escape(c);
      ++i;
    }
    put("\"", 1);
  }

  void boolean(bool b) {
    if (b) lit("true");
    else lit("false");
  }
  void integer(long long v) {
    char* d = room(24);
    len_ += static_cast<std::size_t>(std::to_chars(d, d + 24, v).ptr - d);
  }
  // Through nlohmann's own number formatter (Grisu2, printf-%g-like layout, ".0" on integral values), so
  // the digits are exactly those dump() printed: std::to_chars is shorter on ~0.2% of values, and a change
  // of output bytes is not worth it. Not finite -> null, as dump() does.
  void number(double v) {
    if (!std::isfinite(v)) {
      lit("null");
      return;
    }
    char* d = room(64);
    len_ += static_cast<std::size_t>(nlohmann::detail::to_chars(d, d + 64, v) - d);
  }
  // A 64-bit value as a quoted string of 16 lowercase hex digits (what "%016llx" printed, without printf).
  void hex64_string(std::uint64_t v) {
    static constexpr char kHex[] = "0123456789abcdef";
    char* d = room(18);
    d[0] = '"';
    for (int k = 16; k >= 1; --k) {
      d[k] = kHex[v & 0xF];
      v >>= 4;
    }
    d[17] = '"';
    len_ += 18;
  }

 private:
  static bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
  // First byte that needs escaping or a UTF-8 check (anything non-ASCII), or s.size(). Eight bytes per
  // step: most strings (ids, labels, ASCII phrases) have no such byte at all.
  static std::size_t first_special(std::string_view s) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      // Exact per-word tests (no false positives when the high bits are clear): a byte >= 0x80, a byte
      // < 0x20, a byte equal to '"' or '\\'.
      std::uint64_t quote = w ^ (kOnes * '"'), slash = w ^ (kOnes * '\\');
      std::uint64_t hit = w | ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash);
      if (hit & kHigh) break;
    }
    for (; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (needs_escape(c) || c >= 0x80) return i;
    }
    return s.size();
  }
  void escape(unsigned char c) {
    switch (c) {
      case '"': lit("\\\""); return;
      case '\\': lit("\\\\"); return;
      case '\b': lit("\\b"); return;
      case '\f': lit("\\f"); return;
      case '\n': lit("\\n"); return;
      case '\r': lit("\\r"); return;
      case '\t': lit("\\t"); return;
      default: break;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    char* d = room(6);
    std::memcpy(d, "\\u00", 4);
    d[4] = kHex[c >> 4];
    d[5] = kHex[c & 0xF];
    len_ += 6;
  }

  [[gnu::always_inline]] void put(const char* s, std::size_t n) {
    char* d = room(n);
    std::memcpy(d, s, n);
    len_ += n;
  }
  // Where n more bytes can be written (the caller advances len_).
  [[gnu::always_inline]] char* room(std::size_t n) {
    if (cap_ - len_ < n) grow(n);
    return buf_.get() + len_;
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    std::size_t cap = std::max<std::size_t>({cap_ * 2, len_ + n, 64 << 10});
    std::unique_ptr<char[]> b(new char[cap]);
    if (len_) std::memcpy(b.get(), buf_.get(), len_);
    buf_ = std::move(b);
    cap_ = cap;
  }

  std::unique_ptr<char[]> buf_;
  std::size_t len_ = 0, cap_ = 0;
};

}  // namespace parley::cli
