#include "parley/people/gendered_words.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "parley/core/data_dir.h"

namespace parley::people {

Result<GenderedStems> GenderedStems::parse(std::string_view tsv) {
  GenderedStems g;
  std::istringstream in{std::string(tsv)};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      static const std::string kExceptions = "# exception words never count:";
      if (line.starts_with(kExceptions)) {
        std::istringstream words(line.substr(kExceptions.size()));
        std::string w;
        while (std::getline(words, w, ',')) {
          w.erase(0, w.find_first_not_of(' '));
          w.erase(w.find_last_not_of(' ') + 1);
          if (!w.empty()) g.exceptions.push_back(w);
        }
      }
      continue;
    }
    auto tab = line.find('\t');
    if (tab == std::string::npos) return Status::error("line " + std::to_string(n) + ": no tab");
    std::string stem = line.substr(0, tab), coding = line.substr(tab + 1);
    if (stem == "stem") continue;  // header
    if (coding == "feminine") g.feminine.push_back(stem);
    else if (coding == "masculine") g.masculine.push_back(stem);
    else return Status::error("line " + std::to_string(n) + ": coding '" + coding + "' is not feminine or masculine");
  }
  if (g.feminine.empty() || g.masculine.empty()) return Status::error("no stems");
  return g;
}

Result<GenderedStems> GenderedStems::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error(path + ": cannot open");
  std::stringstream ss;
  ss << f.rdbuf();
  auto g = parse(ss.str());
  if (!g) return Status::error(path + ": " + g.message());
  return g;
}

const Result<GenderedStems>& GenderedStems::shipped() {
  static const Result<GenderedStems> g = load(data_path("skills/gender-coded-word-stems.tsv"));
  return g;
}

GenderCoding gender_coding(const GenderedStems& stems, const std::vector<Word>& words) {
  GenderCoding c;
  auto first_stem = [](const std::vector<std::string>& list, const std::string& w) -> const std::string* {
    for (const auto& s : list)
      if (w.starts_with(s)) return &s;
    return nullptr;
  };
  for (const auto& w : words) {
    if (std::find(stems.exceptions.begin(), stems.exceptions.end(), w.folded) != stems.exceptions.end()) continue;
    if (const auto* s = first_stem(stems.masculine, w.folded)) {
      c.words.push_back({w.folded, *s, true, w.begin, w.end});
      ++c.masculine;
    } else if (const auto* f = first_stem(stems.feminine, w.folded)) {
      c.words.push_back({w.folded, *f, false, w.begin, w.end});
      ++c.feminine;
    }
  }
  const int diff = c.feminine - c.masculine;
  c.verdict = diff == 0 ? "neutral"
              : diff > 3 ? "strongly feminine-coded"
              : diff > 0 ? "feminine-coded"
              : diff < -3 ? "strongly masculine-coded"
                          : "masculine-coded";
  return c;
}

}  // namespace parley::people
