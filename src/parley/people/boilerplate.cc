#include "parley/people/boilerplate.h"

#include <algorithm>

#include "parley/people/stem_words.h"

namespace parley::people {

namespace {

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : split_words(text)) out.push_back(std::move(w.folded));
  return out;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::vector<Paragraph> split_paragraphs(std::string_view text) {
  // Line spans first.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  // A blank line between two lines of text; the empty "line" after a final newline does not count.
  bool any_blank = false;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i)
    any_blank |= blank(text.substr(lines[i].first, lines[i].second - lines[i].first));
  std::vector<Paragraph> out;
  auto close = [&](std::uint32_t b, std::uint32_t e) {
    if (e <= b) return;
    std::string_view p = text.substr(b, e - b);
    if (blank(p)) return;
    out.push_back({b, e, split_words(p).size()});
  };
  if (!any_blank) {
    for (auto [b, e] : lines) close(b, e);
    return out;
  }
  std::uint32_t pb = 0, pe = 0;
  bool open = false;
  for (auto [b, e] : lines) {
    if (blank(text.substr(b, e - b))) {
      if (open) close(pb, pe);
      open = false;
      continue;
    }
    if (!open) { pb = b; open = true; }
    pe = e;
  }
  if (open) close(pb, pe);
  return out;
}

std::size_t BoilerplateIndex::add(std::string_view text) {
  Doc d;
  const std::size_t number = docs_.size();
  for (const auto& p : split_paragraphs(text)) {
    d.words += p.words;
    if (p.words < kMinParagraphWords) continue;
    d.paragraphs.push_back(p);
    d.items.push_back(paragraphs_.add(minhash(folded_words(text.substr(p.begin, p.end - p.begin)))));
    doc_of_item_.push_back(number);
  }
  d.whole = whole_.add(minhash(folded_words(text)));
  docs_.push_back(std::move(d));
  return number;
}

DocBoilerplate BoilerplateIndex::report(std::size_t doc) const {
  DocBoilerplate r;
  const Doc& d = docs_.at(doc);
  r.words = d.words;
  for (std::size_t i = 0; i < d.paragraphs.size(); ++i) {
    std::vector<std::size_t> others;
    for (auto item : paragraphs_.similar(paragraphs_.signature(d.items[i]), kSameText)) {
      std::size_t o = doc_of_item_[item];
      if (o != doc) others.push_back(o);
    }
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    if (others.empty()) continue;
    r.shared_words += d.paragraphs[i].words;
    r.shared.push_back({d.paragraphs[i].begin, d.paragraphs[i].end, d.paragraphs[i].words, std::move(others)});
  }
  r.shared_share = r.words ? static_cast<double>(r.shared_words) / static_cast<double>(r.words) : 0.0;
  const MinHash& whole = whole_.signature(d.whole);
  for (auto item : whole_.similar(whole, kSameText))
    if (item != d.whole) r.near_duplicates.push_back({item, estimated_jaccard(whole, whole_.signature(item))});
  return r;
}

CorpusBoilerplate BoilerplateIndex::summary(const std::vector<std::size_t>& docs) const {
  CorpusBoilerplate s;
  s.docs = docs.size();
  std::size_t long_words = 0, repeated_words = 0;
  double share_sum = 0;
  for (auto doc : docs) {
    auto r = report(doc);
    share_sum += r.shared_share;
    s.docs_with_shared += !r.shared.empty();
    for (const auto& p : docs_.at(doc).paragraphs) long_words += p.words;
    for (const auto& p : r.shared)
      if (p.docs.size() + 1 >= kRepeatedIn) repeated_words += p.words;
  }
  s.mean_shared_share = docs.empty() ? 0 : share_sum / static_cast<double>(docs.size());
  s.repeated_share = long_words ? static_cast<double>(repeated_words) / static_cast<double>(long_words) : 0;
  return s;
}

}  // namespace parley::people
