// The gazetteer's scan against the Aho-Corasick automaton it replaced (kept here, unchanged, as the
// reference): both must report the same matches, byte offsets included, on many generated texts
// (ASCII, accented and other-script text, whitespace runs, URLs, hashtags, invalid UTF-8, empty and long
// texts) and on the surface forms of the demo organisation and the risk terms.
#include <gtest/gtest.h>

#include <deque>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "parley/text/gazetteer.h"
#include "parley/text/gazetteer_fold.h"

namespace parley::text {
namespace {

using namespace gazetteer_fold;

constexpr std::uint32_t kHasOutput = 0x80000000u;
constexpr std::size_t kMaxPatternBytes = 255;
constexpr std::size_t kRing = 256;
constexpr std::uint32_t kFirstByte = 0x80000000u;

struct Pattern {
  std::uint32_t entry;
  std::uint16_t length;
  bool need_left, need_right;
  bool nospace_left, nospace_right;
};

// ---- The previous implementation (a dense Aho-Corasick DFA fed every folded byte), verbatim. ----
struct ReferenceImpl {
  std::vector<GazetteerEntry> entries;
  std::vector<Pattern> patterns;
  std::array<std::uint8_t, 256> cls{};   // byte -> class; 0 for bytes no pattern uses
  std::uint32_t classes = 1;
  std::vector<std::uint32_t> delta;      // [state * classes + class] -> target * classes | kHasOutput
  std::vector<std::int32_t> term;        // state -> pattern ending exactly here, or -1
  std::vector<std::int32_t> dict;        // state -> nearest proper suffix state with a pattern, or -1
  std::size_t states = 0;
};


class ReferenceGazetteer {
 public:
explicit ReferenceGazetteer(std::span<const GazetteerEntry> entries) {
  ReferenceImpl& m = impl_;
  m.entries.assign(entries.begin(), entries.end());

  // 1. Fold every surface form; add the spaceless hashtag variant of multi-word forms.
  std::vector<std::string> folded;
  std::unordered_map<std::string, std::size_t> seen;
  auto add = [&](std::uint32_t entry, std::string f) {
    if (f.empty() || f.size() > kMaxPatternBytes || seen.contains(f)) return;
    std::string_view v(f);
    std::int32_t first_cp, last_cp;
    decode(v, 0, first_cp);
    decode(v, prev_start(v, v.size()), last_cp);
    Pattern p{entry, static_cast<std::uint16_t>(f.size()), is_word_cp(first_cp) || first_cp == '#',
              is_word_cp(last_cp), is_nospace_cp(first_cp), is_nospace_cp(last_cp)};
    seen.emplace(f, m.patterns.size());
    m.patterns.push_back(p);
    folded.push_back(std::move(f));
  };
  for (std::uint32_t e = 0; e < m.entries.size(); ++e) {
    std::vector<std::string_view> forms{m.entries[e].name};
    for (const auto& a : m.entries[e].aliases) forms.emplace_back(a);
    for (auto form : forms) {
      std::string f = fold_pattern(nfc(form));
      if (!f.empty() && f[0] != '#' && f.find(' ') != std::string::npos) {
        std::string tag = "#";
        for (char ch : f) if (ch != ' ') tag.push_back(ch);
        add(e, std::move(f));
        add(e, std::move(tag));
      } else {
        add(e, std::move(f));
      }
    }
  }

  // 2. Byte classes.
  for (const auto& f : folded)
    for (unsigned char b : f)
      if (m.cls[b] == 0) m.cls[b] = static_cast<std::uint8_t>(m.classes++);
  if (m.classes > 256) throw std::logic_error("gazetteer: byte classes overflow");  // cannot happen: 255 + 1
  const std::uint32_t C = m.classes;

  // 3. Trie (goto function) with -1 for missing edges, then failure links by BFS, which also completes the
  //    goto function into a DFA.
  std::vector<std::int32_t> go(C, -1);
  m.term.assign(1, -1);
  for (std::size_t p = 0; p < folded.size(); ++p) {
    std::size_t s = 0;
    for (unsigned char b : folded[p]) {
      std::int32_t& next = go[s * C + m.cls[b]];
      if (next < 0) {
        next = static_cast<std::int32_t>(m.term.size());
        m.term.push_back(-1);
        go.resize(go.size() + C, -1);
      }
      s = static_cast<std::size_t>(go[s * C + m.cls[b]]);
    }
    m.term[s] = static_cast<std::int32_t>(p);
  }
  m.states = m.term.size();
  std::vector<std::int32_t> fail(m.states, 0);
  m.dict.assign(m.states, -1);
  std::deque<std::size_t> queue;
  for (std::uint32_t c = 0; c < C; ++c) {
    std::int32_t& t = go[c];
    if (t < 0) t = 0;
    else if (t > 0) { fail[static_cast<std::size_t>(t)] = 0; queue.push_back(static_cast<std::size_t>(t)); }
  }
  while (!queue.empty()) {
    std::size_t s = queue.front();
    queue.pop_front();
    for (std::uint32_t c = 0; c < C; ++c) {
      std::int32_t t = go[s * C + c];
      std::int32_t via_fail = go[static_cast<std::size_t>(fail[s]) * C + c];
      if (t < 0) {
        go[s * C + c] = via_fail;
      } else {
        auto ts = static_cast<std::size_t>(t);
        fail[ts] = via_fail;
        auto f = static_cast<std::size_t>(via_fail);
        m.dict[ts] = m.term[f] >= 0 ? via_fail : m.dict[f];
        queue.push_back(ts);
      }
    }
  }
  m.delta.resize(m.states * C);
  for (std::size_t s = 0; s < m.states; ++s)
    for (std::uint32_t c = 0; c < C; ++c) {
      auto t = static_cast<std::size_t>(go[s * C + c]);
      bool out = m.term[t] >= 0 || m.dict[t] >= 0;
      m.delta[s * C + c] = static_cast<std::uint32_t>(t * C) | (out ? kHasOutput : 0);
    }
  if (m.states * C >= kHasOutput) throw std::length_error("gazetteer: too many patterns");
}


void scan(std::string_view text, std::vector<GazetteerHit>& out) const {
  const ReferenceImpl& m = impl_;
  const std::size_t first_out = out.size();
  const std::uint32_t C = m.classes;
  const std::uint32_t* delta = m.delta.data();
  std::uint32_t ring[kRing];
  std::size_t fed = 0;        // bytes fed so far
  std::uint32_t row = 0;      // current state * C, with kHasOutput possibly set
  const FoldCache& fc = fold_cache();

  auto report = [&](std::size_t cp_end) {
    // Walks every pattern ending at the last fed byte, from longest to shortest.
    std::size_t state = (row & ~kHasOutput) / C;
    std::int32_t s = m.term[state] >= 0 ? static_cast<std::int32_t>(state) : m.dict[state];
    for (; s >= 0; s = m.dict[static_cast<std::size_t>(s)]) {
      const Pattern& p = m.patterns[static_cast<std::size_t>(m.term[static_cast<std::size_t>(s)])];
      std::size_t first = fed - p.length;
      std::uint32_t origin = ring[first & (kRing - 1)];
      if (!(origin & kFirstByte)) continue;  // starts in the middle of a code point's folding
      std::size_t b = origin & ~kFirstByte, e = cp_end;
      if (p.need_left && b > 0) {
        std::int32_t cp;
        decode(text, prev_start(text, b), cp);
        if (is_word_cp(cp) && !p.nospace_left && !is_nospace_cp(cp)) continue;
      }
      if (p.need_right && e < text.size()) {
        std::int32_t cp;
        decode(text, e, cp);
        if (is_word_cp(cp) && !p.nospace_right && !is_nospace_cp(cp)) continue;
      }
      if (inside_url(text, b)) continue;
      out.push_back({p.entry, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    }
  };

  // ASCII runs are the bulk of real text; they go through this loop without the generic folding callbacks.
  std::size_t i = 0, n = text.size();
  bool last_space = false;
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (is_ascii_space(c)) {
        if (last_space) { ++i; continue; }
        last_space = true;
        c = ' ';
      } else {
        last_space = false;
        c = kLower[c];
      }
      ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | kFirstByte;
      ++fed;
      row = delta[(row & ~kHasOutput) + m.cls[c]];
      ++i;
      if (row & kHasOutput) report(i);
      continue;
    }
    // Common non-ASCII code points through the fold cache (same bytes as fold() would feed).
    if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      const auto cp2 = static_cast<std::size_t>(((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F));
      const FoldCache::Two& f = fc.two[cp2];
      if (f.kind == 1) {  // whitespace: one ' ' per run
        if (!last_space) {
          last_space = true;
          ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | kFirstByte;
          ++fed;
          row = delta[(row & ~kHasOutput) + m.cls[' ']];
          i += 2;
          if (row & kHasOutput) report(i);
        } else {
          i += 2;
        }
        continue;
      }
      if (f.kind == 2) {
        last_space = false;
        for (std::uint8_t k = 0; k < f.len; ++k) {
          ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | (k == 0 ? kFirstByte : 0);
          ++fed;
          row = delta[(row & ~kHasOutput) + m.cls[f.bytes[k]]];
        }
        i += 2;
        if (row & kHasOutput) report(i);
        continue;
      }
    }
    // One non-ASCII code point through the shared folding routine.
    std::int32_t cp;
    int len = decode(text, i, cp);
    // Emoji, CJK, punctuation: their own bytes. Only for well-formed sequences (shortest form, continuation
    // bytes), where the raw bytes are exactly what fold() would re-encode.
    const bool well_formed =
        len == (cp < 0x10000 ? 3 : 4) && cp >= 0x800 &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80 &&
        (len == 3 || (static_cast<unsigned char>(text[i + 3]) & 0xC0) == 0x80);
    if (well_formed && fc.folds_to_itself(cp)) {
      last_space = false;
      for (int k = 0; k < len; ++k) {
        ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(i) | (k == 0 ? kFirstByte : 0);
        ++fed;
        row = delta[(row & ~kHasOutput) + m.cls[static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)])]];
      }
      i += static_cast<std::size_t>(len);
      if (row & kHasOutput) report(i);
      continue;
    }
    std::string_view one = text.substr(i, static_cast<std::size_t>(len));
    bool space = is_space_cp(cp);
    if (space && last_space) { i += static_cast<std::size_t>(len); continue; }
    last_space = space;
    const std::size_t base = i;
    fold(one, kLower,
         [&](unsigned char b, std::size_t, bool first) {
           ring[fed & (kRing - 1)] = static_cast<std::uint32_t>(base) | (first ? kFirstByte : 0);
           ++fed;
           row = delta[(row & ~kHasOutput) + m.cls[b]];
         },
         [&](std::size_t) {});
    i += static_cast<std::size_t>(len);
    if (row & kHasOutput) report(i);
  }

  // Longest-leftmost, non-overlapping selection among the candidates (few per post: insertion sort).
  auto first = out.begin() + static_cast<std::ptrdiff_t>(first_out);
  std::sort(first, out.end(), [](const GazetteerHit& a, const GazetteerHit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::size_t keep = first_out;
  std::uint32_t covered = 0;
  for (std::size_t k = first_out; k < out.size(); ++k) {
    if (keep > first_out && out[k].begin < covered) continue;
    covered = out[k].end;
    out[keep++] = out[k];
  }
  out.resize(keep);
}


 private:
  ReferenceImpl impl_;
};

// ---- The comparison. ----

std::vector<GazetteerEntry> entries() {
  return {
      {EntityKind::product, "Northwind Fiber", {"NW Fiber", "Fiber 2 Gig", "2 Gig"}},
      {EntityKind::product, "N5 Phone", {"N5", "Northwind N5"}},
      {EntityKind::product, "Northwind App", {"the app", "NW App"}},
      {EntityKind::competitor, "Contoso Telecom", {"Contoso"}},
      {EntityKind::competitor, "Fabrikam Wireless", {"Fabrikam"}},
      {EntityKind::campaign, "#FiberFriday", {}},
      {EntityKind::keyword, "Northwind Mobile", {"Northwind", "@NorthwindMobile", "@NorthwindCare"}},
      {EntityKind::product, "Northwind Fiber Max", {"Fiber Max"}},
      {EntityKind::keyword, "Café Ñandú", {"Straße", "STRASSE X", "ǅemal"}},
      {EntityKind::keyword, "光回線", {"ドコモ", "ส่วนลด"}},
      {EntityKind::keyword, "C++", {"$5 off", ".net", "-x-", "a", "é", "ß"}},
      {EntityKind::keyword, "Ωmega Σ", {"ПРИВЕТ мир", "🔥 deal", "kelvin"}},
      {EntityKind::keyword, "lawyer", {"sue", "court", "legal action", "caught fire", "not working", "no funciona",
                                       "não funciona", "störung", "kündigen", "résilier", "se quemó", "justiça"}},
  };
}

// Pieces texts are made of: pattern surface forms in several cases, near misses, separators and awkward
// code points (folding to several code points, to ASCII, whitespace outside ASCII, invalid bytes).
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {
      "Northwind", "northwind", "NORTHWIND", "Fiber", "fiber", "FIBER", "Max", "2", "Gig", "gig", "N5", "n5",
      "N55", "AN5", "the", "app", "The App", "NW", "Contoso", "contosos", "Fabrikam", "#FiberFriday",
      "#fiberfriday", "#NorthwindFiber", "#northwindmobile", "@NorthwindMobile", "@northwindcare", "@NWcare",
      "Phone", "Mobile", "Telecom", "Wireless", "café", "CAFÉ", "Ñandú", "ÑANDÚ", "cafe", "Straße", "STRASSE",
      "strasse", "x", "X", "ǅemal", "Ǆemal", "ǆemal", "光回線", "光回線です", "ドコモ", "ส่วนลด", "C++", "c++",
      "$5", "off", ".NET", ".net", "-x-", "a", "A", "é", "É", "ß", "ẞ", "Ωmega", "ωμεγα", "σ", "Σ", "ς",
      "ПРИВЕТ", "привет", "Мир", "🔥", "deal", "KELVIN", "\xE2\x84\xAA" "elvin", "ſue", "SUE", "sue", "suing",
      "lawyer", "Lawyers", "court", "courtesy", "legal", "action", "caught", "FIRE", "not", "working",
      "NO FUNCIONA", "não", "funciona", "NÃO", "Störung", "STÖRUNG", "kündigen", "KÜNDIGEN", "résilier",
      "se", "quemó", "justiça", "JUSTIÇA", "https://x.com/n5", "www.northwind.com", "WWW.N5.COM", "http://a b",
      "mail@northwind.com", "foo_n5", "n5_bar", "😂", "👍🏽", "🧑‍🤝‍🧑", "İ", "ŉ", "ﬁber", "Ǳ",
      "\xC2\xA0", "\xE2\x80\x83", "\xE3\x80\x80", "\xC2\x85", "\xE2\x80\xA8",
      "\xFF", "\x80", "\xC3", "\xE0\x41\x42", "\xF0\x9F", "\xC0\xAF", "\xED\xA0\x80",
  };
  return p;
}

const std::vector<std::string>& separators() {
  static const std::vector<std::string> s = {" ", " ", " ", "  ", "\t", "\n", " \n ", ", ", ". ", "!", "?",
                                             "", "", "-", "'", "#", "@", "/", "\xC2\xA0", "\xE3\x80\x80", "_"};
  return s;
}

std::string random_text(std::mt19937& rng, std::size_t words) {
  const auto& p = pieces();
  const auto& s = separators();
  std::string t;
  for (std::size_t k = 0; k < words; ++k) {
    if (rng() % 3 == 0) t += s[rng() % s.size()];
    t += p[rng() % p.size()];
    t += s[rng() % s.size()];
  }
  return t;
}

std::string show(const std::vector<GazetteerHit>& h) {
  std::string r;
  for (const auto& x : h)
    r += std::to_string(x.entry) + "@" + std::to_string(x.begin) + "-" + std::to_string(x.end) + " ";
  return r;
}

void expect_same(const Gazetteer& g, const ReferenceGazetteer& ref, const std::string& text) {
  std::vector<GazetteerHit> a{{99, 1, 2}}, b{{99, 1, 2}};  // appends after what is already there
  g.scan(text, a);
  ref.scan(text, b);
  ASSERT_EQ(show(a), show(b)) << "text: " << text;
}

// The demo organisation's forms alone: few first characters, so the scan takes its narrower candidates.
std::vector<GazetteerEntry> demo_entries() {
  auto e = entries();
  e.resize(7);
  return e;
}

TEST(GazetteerEquivalence, SameMatchesAsTheAutomatonOnGeneratedTexts) {
  for (const auto& e : {entries(), demo_entries()}) {
    Gazetteer g(e);
    ReferenceGazetteer ref(e);
    std::mt19937 rng(20261130);
    for (int k = 0; k < 20000; ++k) expect_same(g, ref, random_text(rng, rng() % 24));
    for (int k = 0; k < 50; ++k) expect_same(g, ref, random_text(rng, 2000));  // long texts
    expect_same(g, ref, "");
  }
}

TEST(GazetteerEquivalence, SameMatchesOnEveryPieceAlone) {
  for (const auto& e : {entries(), demo_entries()}) {
    Gazetteer g(e);
    ReferenceGazetteer ref(e);
    for (const auto& p : pieces())
      for (const auto& l : separators())
        for (const auto& r : separators()) expect_same(g, ref, l + p + r);
  }
}

TEST(GazetteerEquivalence, SameMatchesOnRandomBytes) {
  const auto e = entries();
  Gazetteer g(e);
  ReferenceGazetteer ref(e);
  std::mt19937 rng(7);
  const std::string alphabet = "n5N #@aeAxX\xC3\xA9\xC3\x9F\x80\xFF\xE2\x84\xAA\t";
  for (int k = 0; k < 20000; ++k) {
    std::string t;
    const std::size_t len = rng() % 40;
    for (std::size_t i = 0; i < len; ++i) t.push_back(alphabet[rng() % alphabet.size()]);
    expect_same(g, ref, t);
  }
}

// Many forms starting with punctuation: the scan goes byte by byte (scan_bytes) instead of by 64-byte
// masks, and must agree all the same.
TEST(GazetteerEquivalence, ManyStartCharactersUseTheByteLoop) {
  auto e = entries();
  e.push_back({EntityKind::keyword, "!alert", {"%off", "&co", "*star", "+plus", "=eq", "~tilde", "^up", "n5!"}});
  Gazetteer g(e);
  ReferenceGazetteer ref(e);
  std::mt19937 rng(23);
  const std::vector<std::string> extra = {"!alert", "%OFF", "&Co", "*star*", "+plus", "a=eq", "~tilde", "^UP", "N5!"};
  for (int k = 0; k < 10000; ++k) {
    std::string t = random_text(rng, rng() % 16);
    t += extra[rng() % extra.size()];
    t += random_text(rng, rng() % 4);
    expect_same(g, ref, t);
  }
}

TEST(GazetteerEquivalence, NoPatternsAndOnlyFreePatterns) {
  for (const std::vector<GazetteerEntry>& e :
       {std::vector<GazetteerEntry>{}, std::vector<GazetteerEntry>{{EntityKind::keyword, "@a", {"$5", "🔥"}}},
        std::vector<GazetteerEntry>{{EntityKind::keyword, "光", {"ドコモ"}}}}) {
    Gazetteer g(e);
    ReferenceGazetteer ref(e);
    std::mt19937 rng(11);
    for (int k = 0; k < 3000; ++k) expect_same(g, ref, random_text(rng, rng() % 16) + "光@a$5🔥ドコモ");
  }
}

}  // namespace
}  // namespace parley::text
