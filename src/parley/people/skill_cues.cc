#include "parley/people/skill_cues.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace parley::people {
namespace {

// Cues followed by the skill. Longer cues first where one contains another.
constexpr std::array<std::string_view, 34> kBefore = {
    "hands-on experience with", "hands-on experience in", "experience working with", "experience with",
    "experience in",           "experience using",        "experience of",           "knowledge of",
    "understanding of",        "familiarity with",        "familiar with",           "proficiency in",
    "proficiency with",        "proficient in",           "proficient with",         "expertise in",
    "expertise with",          "skilled in",              "skills in",               "skill in",
    "background in",           "ability to",              "able to",                 "capable of",
    "comfortable with",        "comfortable working with", "competence in",          "competency in",
    "responsible for",         "degree in",               "qualification in",        "certification in",
    "fluency in",              "fluent in"};

// Words that start a phrase without being part of the skill.
bool filler(std::string_view w) {
  static constexpr std::array<std::string_view, 22> k = {
      "a",      "an",        "the",      "and",     "or",        "strong",  "good",     "solid",
      "proven", "excellent", "deep",     "basic",   "some",      "relevant", "previous", "professional",
      "practical", "extensive", "demonstrated", "sound", "working", "great"};
  return std::find(k.begin(), k.end(), w) != k.end();
}

bool word_byte(unsigned char c) { return std::isalnum(c) || c == '-' || c == '+' || c == '#' || c == '/' || c == '\'' || c >= 0x80; }

bool stop_byte(char c) {
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '[' || c == ']' ||
         c == '\n' || c == '\r' || c == ',' || c == '|' || c == '*' || c == '"';
}

struct Tok {
  std::uint32_t begin, end;
  std::string lower;
  bool stop_before = false;  // a stop byte lies between the previous word and this one
};

std::vector<Tok> words_of(std::string_view text) {
  std::vector<Tok> out;
  bool stop = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!word_byte(c)) {
      if (stop_byte(static_cast<char>(c))) stop = true;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) ++j;
    std::size_t e = j;
    while (e > i && (text[e - 1] == '\'' || text[e - 1] == '-' || text[e - 1] == '/')) --e;  // trailing marks
    if (e > i) {
      Tok t{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(e), std::string(text.substr(i, e - i)), stop};
      for (auto& ch : t.lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.push_back(std::move(t));
      stop = false;
    }
    i = j;
  }
  return out;
}

// Does the cue (space-separated words) start at word w?
bool cue_at(const std::vector<Tok>& w, std::size_t i, std::string_view cue, std::size_t& after) {
  std::size_t k = i, p = 0;
  while (p < cue.size()) {
    const std::size_t sp = cue.find(' ', p);
    const std::string_view part = cue.substr(p, sp == std::string_view::npos ? std::string_view::npos : sp - p);
    if (k >= w.size() || w[k].lower != part || (k > i && w[k].stop_before)) return false;
    ++k;
    p = sp == std::string_view::npos ? cue.size() : sp + 1;
  }
  after = k;
  return true;
}

void emit(std::string_view text, const std::vector<Tok>& w, std::size_t from, std::size_t to, std::string_view cue,
          std::vector<CuePhrase>& out) {
  while (from < to && filler(w[from].lower)) ++from;
  if (from >= to) return;
  to = std::min(to, from + static_cast<std::size_t>(kMaxCuePhraseWords));
  CuePhrase p;
  p.begin = w[from].begin;
  p.end = w[to - 1].end;
  p.text = std::string(text.substr(p.begin, p.end - p.begin));
  p.cue = std::string(cue);
  out.push_back(std::move(p));
}

}  // namespace

std::vector<CuePhrase> cue_phrases(std::string_view text) {
  const std::vector<Tok> w = words_of(text);
  std::vector<CuePhrase> out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    // "<words> skills": up to 4 words before it, back to a stop or a filler word.
    if ((w[i].lower == "skills" || w[i].lower == "skill") && i > 0 && !w[i].stop_before) {
      std::size_t from = i;
      while (from > 0 && i - from < 4 && !w[from].stop_before && !filler(w[from - 1].lower)) --from;
      if (from < i) {
        CuePhrase p{w[from].begin, w[i].end, std::string(text.substr(w[from].begin, w[i].end - w[from].begin)), "... skills"};
        out.push_back(std::move(p));
      }
      continue;
    }
    for (std::string_view cue : kBefore) {
      std::size_t k = 0;
      if (!cue_at(w, i, cue, k)) continue;
      // The list after the cue, one phrase per item: items end at a comma, "and" or "or"; the list ends at
      // any other stop (".", ";", a line end, ...), at the end of the text, or after 3 phrases' worth of words.
      std::size_t item = k, j = k;
      bool ended = false;
      for (; j < w.size() && j - k < 3 * static_cast<std::size_t>(kMaxCuePhraseWords); ++j) {
        if (j > k && w[j].stop_before) {
          emit(text, w, item, j, cue, out);
          item = j;
          const std::string_view gap = text.substr(w[j - 1].end, w[j].begin - w[j - 1].end);
          if (gap.find_first_not_of(" ,\t") != std::string_view::npos) {
            ended = true;
            break;
          }
        }
        if (w[j].lower == "and" || w[j].lower == "or") {
          emit(text, w, item, j, cue, out);
          item = j + 1;
        }
      }
      if (!ended) emit(text, w, item, j, cue, out);
      i = j > 0 ? j - 1 : i;
      break;
    }
  }
  // Drop exact repeats of a span (a list cut twice).
  std::sort(out.begin(), out.end(), [](const CuePhrase& a, const CuePhrase& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  out.erase(std::unique(out.begin(), out.end(), [](const CuePhrase& a, const CuePhrase& b) {
              return a.begin == b.begin && a.end == b.end;
            }),
            out.end());
  return out;
}

}  // namespace parley::people
