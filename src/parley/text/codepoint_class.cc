#include "parley/text/codepoint_class.h"

#include <array>

namespace parley::text {

bool is_pictographic_cp(std::int32_t cp) {
  if (cp < 0xA9) return false;
  auto bc = utf8proc_get_property(cp)->boundclass;
  return bc == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || bc == UTF8PROC_BOUNDCLASS_E_ZWG ||
         bc == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
}

std::uint8_t compute_cp_class(std::int32_t cp) {
  std::uint8_t b = static_cast<std::uint8_t>(utf8proc_category(cp)) & kCpCategoryMask;
  if (is_pictographic_cp(cp)) b |= kCpPictographic;
  if (utf8proc_tolower(cp) != cp) b |= kCpHasLower;
  return b;
}

const std::uint8_t* bmp_class_table() {
  static const std::array<std::uint8_t, 0x10000> table = [] {
    std::array<std::uint8_t, 0x10000> t{};
    for (std::int32_t cp = 0; cp < 0x10000; ++cp) t[static_cast<std::size_t>(cp)] = compute_cp_class(cp);
    return t;
  }();
  return table.data();
}

}  // namespace parley::text
