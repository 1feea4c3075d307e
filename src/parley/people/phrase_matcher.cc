#include "parley/people/phrase_matcher.h"

#include <algorithm>

namespace parley::people {

namespace {

// Ignored on both sides: they vary freely between a label and the way a posting says it.
bool is_stop(std::string_view folded) {
  return folded == "a" || folded == "an" || folded == "the" || folded == "our" || folded == "your" ||
         folded == "their" || folded == "its";
}

}  // namespace

std::string phrase_key(std::string_view phrase) {
  if (phrase.starts_with('=')) phrase.remove_prefix(1);
  std::string key;
  for (const auto& w : split_words(phrase)) {
    if (is_stop(w.folded)) continue;
    if (!key.empty()) key.push_back(' ');
    key += w.stem;
  }
  return key;
}

PhraseMatcher::PhraseMatcher(std::span<const PhraseForm> forms) : forms_(forms.begin(), forms.end()) {
  for (std::uint32_t f = 0; f < forms_.size(); ++f) {
    std::string_view text = forms_[f].text;
    const bool exact = text.starts_with('=');
    if (exact) text.remove_prefix(1);
    Entry e{f, {}};
    std::string key;
    std::size_t n = 0;
    for (const auto& w : split_words(text)) {
      if (is_stop(w.folded)) continue;
      if (!key.empty()) key.push_back(' ');
      key += w.stem;
      if (exact) e.exact.emplace_back(text.substr(w.begin, w.end - w.begin));
      ++n;
    }
    if (n == 0) continue;
    max_words_ = std::max(max_words_, n);
    by_key_[key].push_back(std::move(e));
  }
}

std::vector<PhraseHit> PhraseMatcher::find_all(std::string_view text, const std::vector<Word>& words) const {
  std::vector<std::uint32_t> kept;  // indices of the non-stop words
  kept.reserve(words.size());
  for (std::uint32_t i = 0; i < words.size(); ++i)
    if (!is_stop(words[i].folded)) kept.push_back(i);
  std::vector<PhraseHit> out;
  std::string key;
  for (std::size_t s = 0; s < kept.size(); ++s) {
    key.clear();
    for (std::size_t len = 1; len <= max_words_ && s + len <= kept.size(); ++len) {
      if (len > 1) key.push_back(' ');
      key += words[kept[s + len - 1]].stem;
      auto it = by_key_.find(key);
      if (it == by_key_.end()) continue;
      const Word& first = words[kept[s]];
      const Word& last = words[kept[s + len - 1]];
      for (const auto& e : it->second) {
        if (!e.exact.empty()) {
          bool same = true;
          for (std::size_t k = 0; k < len && same; ++k) {
            const Word& w = words[kept[s + k]];
            same = text.substr(w.begin, w.end - w.begin) == e.exact[k];
          }
          if (!same) continue;
        }
        out.push_back({forms_[e.form].id, first.begin, last.end, kept[s], kept[s + len - 1] + 1, e.form});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const PhraseHit& a, const PhraseHit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

std::vector<PhraseHit> PhraseMatcher::find(std::string_view text, const std::vector<Word>& words) const {
  auto all = find_all(text, words);
  std::vector<PhraseHit> out;
  std::uint32_t covered = 0;
  for (const auto& h : all) {
    if (!out.empty() && h.begin < covered) {
      // Same span as the winner: another id for the same words (a shared synonym) is kept too.
      if (h.begin == out.back().begin && h.end == out.back().end &&
          std::none_of(out.begin(), out.end(), [&](const PhraseHit& o) { return o.begin == h.begin && o.id == h.id; }))
        out.push_back(h);
      continue;
    }
    out.push_back(h);
    covered = h.end;
  }
  return out;
}

}  // namespace parley::people
