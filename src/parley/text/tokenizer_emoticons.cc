#include "parley/text/tokenizer_emoticons.h"

#include <fstream>
#include <sstream>

#include "parley/core/data_dir.h"

namespace parley::text {

namespace {

// Emoticons common on social media that the VADER lexicon spells differently or lacks ("xD" is there only
// as "x-d"). Also the fallback when data/ is missing, so the basic faces still come out as one token.
constexpr std::string_view kExtras[] = {":)", ":(", ":-)", ":-(", ":D", ":-D", ";)", ";-)", ":P", ":p", ":'(",
                                        ":')", "<3", "</3", ":/", ":-/", ":|", ":o", ":O", "xD", "XD", "xDD",
                                        "XDD", "^^", "^_^", "-_-", ":((", ":))", ":-))", ";D", "=)", "=("};

bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

}  // namespace

bool EmoticonSet::is_emoticon_entry(std::string_view t) {
  if (t.size() < 2 || t.find(' ') != std::string_view::npos) return false;
  // Words, numbers and acronyms written with letters/digits only ("lol", "143", "gr8") are words.
  // Acronyms and compounds joined by - & / ("j/k", "r&r", "cover-up", "son-of-a-bitch") are words too:
  // every separator sits between alphanumerics.
  for (std::size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (is_alnum(c)) continue;
    bool inner = (c == '-' || c == '&' || c == '/' || c == '\'') && i > 0 && i + 1 < t.size() &&
                 is_alnum(static_cast<unsigned char>(t[i - 1])) && is_alnum(static_cast<unsigned char>(t[i + 1]));
    if (!inner) return true;
  }
  return false;
}

void EmoticonSet::add(std::string_view s) {
  if (s.empty()) return;
  set_.emplace(s);
  first_[static_cast<unsigned char>(s[0])] = true;
  if (s.size() >= 2) first2_[static_cast<unsigned char>(s[0]) << 8 | static_cast<unsigned char>(s[1])] = true;
  if (s.size() > max_len_) max_len_ = s.size();
}

EmoticonSet::EmoticonSet(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    std::string_view tok = line.substr(0, line.find('\t'));
    // Only ASCII entries: a non-ASCII one (":-Þ") would need Unicode-aware boundaries for little gain.
    bool ascii = true;
    for (char c : tok) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii && is_emoticon_entry(tok)) add(tok);
  }
  for (auto e : kExtras) add(e);
}

const EmoticonSet& EmoticonSet::instance() {
  static const EmoticonSet set = [] {
    std::ifstream in(parley::data_path("lexicons/vader_lexicon.txt"), std::ios::binary);
    std::stringstream ss;
    if (in) ss << in.rdbuf();
    return EmoticonSet(ss.str());
  }();
  return set;
}

}  // namespace parley::text
