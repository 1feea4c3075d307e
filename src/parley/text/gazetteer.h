// Finds the organisation's products, competitors, campaign hashtags and keywords in a post, in one pass.
//
// Matching rules (docs/analysis.md, "Entities", has the long form):
//   * case-insensitive with full Unicode case folding (utf8proc), so "CAFÉ ÑANDÚ" matches "Café Ñandú" and
//     "STRASSE" matches "Straße"; accents are NOT removed ("Cafe" does not match "Café");
//   * runs of whitespace in the text count as one space, so "Northwind  Fiber" matches "Northwind Fiber";
//   * on word boundaries: "N5" does not match inside "N55" or "AN5"; a boundary is not required next to a
//     character of a script written without spaces (Han, kana, Thai...), so names inside Japanese text match;
//   * a surface form written with '#' ("#SummerOfFiber") matches only that hashtag; any other surface form
//     also matches as a hashtag of itself with the spaces removed ("#NorthwindFiber" for "Northwind Fiber");
//     single words match inside "#N5" and "@northwind" because '#' and '@' are not word characters;
//   * nothing matches inside a URL;
//   * longest-leftmost, non-overlapping: "Northwind Fiber Max" wins over "Northwind Fiber" and "Fiber Max".
// The text must be NFC (Tokenized::text is); surface forms are NFC-normalised when the gazetteer is built.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text/analysis.h"

namespace parley::text {

struct GazetteerEntry {
  EntityKind kind = EntityKind::keyword;
  std::string name;                  // canonical name; also matched as a surface form
  std::vector<std::string> aliases;  // other surface forms ("NW Fiber", "#SummerOfFiber")
};

// One match, by entry index (cheap: no string copies). `begin`/`end` are byte offsets into the scanned text.
struct GazetteerHit {
  std::uint32_t entry = 0;
  std::uint32_t begin = 0, end = 0;
};

class Gazetteer {
 public:
  // Builds the automaton once. Surface forms that fold to the same bytes as an earlier one are dropped (the
  // first entry keeps them); empty ones are ignored.
  explicit Gazetteer(std::span<const GazetteerEntry> entries);
  // Two independent lists in one automaton, so one pass over a text serves both (the analyser's entities
  // and risk terms). Each list keeps its own surface forms (deduplicated within the list only) and its own
  // longest-leftmost selection: see match_split(). entry(i) numbers the first list, then the second.
  Gazetteer(std::span<const GazetteerEntry> first, std::span<const GazetteerEntry> second);
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  // Appends the matches in `nfc_text` to `out`, in text order. Thread-safe (const, no shared scratch).
  void scan(std::string_view nfc_text, std::vector<GazetteerHit>& out) const;

  std::vector<EntityMatch> match(std::string_view nfc_text) const;

  // For a gazetteer of two lists: the first list's matches exactly as match() of a Gazetteer(first) gives
  // them, and appends to `second` the hits that scan() of a Gazetteer(second) would (entry numbers within
  // the second list). A candidate of one list never hides one of the other. Thread-safe.
  std::vector<EntityMatch> match_split(std::string_view nfc_text, std::vector<GazetteerHit>& second) const;

  const GazetteerEntry& entry(std::uint32_t index) const;
  std::size_t entry_count() const;
  std::size_t pattern_count() const;  // surface forms in the automaton, hashtag variants included
  std::size_t state_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  void build(std::span<const GazetteerEntry> first, std::span<const GazetteerEntry> second);
  // Candidates (all surface-form occurrences the boundary and URL rules allow, any order) appended to `out`.
  void candidates(std::string_view nfc_text, std::vector<GazetteerHit>& out) const;
  // Longest-leftmost, non-overlapping selection of out[from, end).
  static void select(std::vector<GazetteerHit>& out, std::size_t from);
};

}  // namespace parley::text
