#include "parley/text/sentiment_emoji_valence.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <utility>

namespace parley::text {

namespace {

// Emoji whose description words miss the lexicon, or mislead it ("fire" is -1.4 as a word but the emoji
// praises), given a valence on VADER's -4..+4 scale by hand. Not fitted to any evaluation data.
constexpr EmojiValence kEmojiValence[] = {
    {"😡", -2.5f}, {"🤬", -3.0f}, {"😠", -2.3f}, {"😤", -1.5f}, {"🙄", -1.2f}, {"😒", -1.5f},
    {"🤮", -2.5f}, {"🤢", -2.0f}, {"💩", -1.5f}, {"👎", -1.8f}, {"💔", -2.5f}, {"😞", -2.0f},
    {"😩", -1.8f}, {"😫", -1.8f}, {"😖", -1.8f}, {"😣", -1.5f}, {"😬", -0.8f}, {"😑", -0.8f},
    {"😐", -0.3f}, {"🤦", -1.5f}, {"😔", -1.5f}, {"😟", -1.2f}, {"😕", -1.0f}, {"☹", -1.8f},
    {"🙁", -1.5f}, {"😢", -2.1f}, {"😭", -2.0f}, {"😱", -2.0f}, {"😨", -2.0f}, {"😰", -2.0f},
    {"👍", 1.8f},  {"👏", 1.8f},  {"🙌", 2.0f},  {"🎉", 2.2f},  {"🥳", 2.5f},  {"💯", 2.0f},
    {"🔥", 1.5f},  {"💪", 1.5f},  {"🙏", 1.2f},  {"✨", 1.2f},  {"⭐", 1.5f},  {"🌟", 1.8f},
    {"✅", 1.0f},  {"👌", 1.5f},  {"🤩", 3.0f},  {"😍", 3.0f},  {"🥰", 3.0f},  {"😘", 2.5f},
    {"❤", 3.0f},   {"💕", 2.8f},  {"💖", 2.8f},  {"💗", 2.8f},  {"💙", 2.5f},  {"💚", 2.5f},
    {"💜", 2.5f},  {"🧡", 2.5f},  {"💛", 2.5f},  {"😂", 1.8f},  {"🤣", 2.2f},  {"😀", 2.0f},
    {"😃", 2.2f},  {"😄", 2.3f},  {"😁", 2.2f},  {"😊", 2.3f},  {"🙂", 1.2f},  {"😉", 1.5f},
    {"😎", 1.8f},  {"🤗", 2.0f},  {"😅", 0.5f},  {"🤔", 0.0f},  {"😏", 0.3f},  {"🤷", 0.0f},
};

// First code point of s and its length in bytes; {-1, 0} for an empty string, {-1, 1} for a bad lead byte.
std::pair<std::int32_t, std::size_t> decode_first(std::string_view s) {
  if (s.empty()) return {-1, 0};
  auto b = [&](std::size_t k) { return static_cast<std::int32_t>(static_cast<unsigned char>(s[k])); };
  const std::int32_t c = b(0);
  if (c < 0x80) return {c, 1};
  if ((c & 0xE0) == 0xC0 && s.size() >= 2) return {((c & 0x1F) << 6) | (b(1) & 0x3F), 2};
  if ((c & 0xF0) == 0xE0 && s.size() >= 3) return {((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F), 3};
  if ((c & 0xF8) == 0xF0 && s.size() >= 4)
    return {((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F), 4};
  return {-1, 1};
}

struct Entry {
  std::int32_t cp;
  float valence;
};

// kEmojiValence sorted by code point. Every entry is one code point and no two share one, so "raw starts
// with the entry" is "raw's first code point is the entry's" (the unit test checks both facts).
const std::array<Entry, std::size(kEmojiValence)>& sorted_entries() {
  static const auto sorted = [] {
    std::array<Entry, std::size(kEmojiValence)> a{};
    for (std::size_t k = 0; k < a.size(); ++k)
      a[k] = {decode_first(kEmojiValence[k].emoji).first, kEmojiValence[k].valence};
    std::sort(a.begin(), a.end(), [](const Entry& x, const Entry& y) { return x.cp < y.cp; });
    return a;
  }();
  return sorted;
}

}  // namespace

std::span<const EmojiValence> hand_emoji_valences() { return kEmojiValence; }

const float* hand_emoji_valence(std::string_view raw) {
  const auto& sorted = sorted_entries();
  auto [cp, len] = decode_first(raw);
  auto it = std::lower_bound(sorted.begin(), sorted.end(), cp, [](const Entry& e, std::int32_t c) { return e.cp < c; });
  if (it == sorted.end() || it->cp != cp) return nullptr;
  std::string_view rest = raw.substr(len);
  if (rest.empty() || rest.starts_with("\xEF\xB8\x8F") || rest.starts_with("\xF0\x9F\x8F")) return &it->valence;
  return nullptr;
}

}  // namespace parley::text
