// Decoding one UTF-8 code point in the analysers' hot loops (language vote, shouting), where a call into
// utf8proc per code point would cost more than the loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace parley::text {

// Decodes the code point at s[i] into cp and returns its length in bytes. The text is valid UTF-8 by
// contract (ingest validates it); a stray or truncated byte still cannot read past the end: it decodes as
// U+FFFD with length 1.
inline int decode_utf8(std::string_view s, std::size_t i, std::int32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { cp = c; return 1; }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) { cp = 0xFFFD; return 1; }
  cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return len;
}

}  // namespace parley::text
