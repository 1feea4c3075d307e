#include "parley/people/exclusionary_phrases.h"

#include "parley/people/phrase_matcher.h"

namespace parley::people {

const std::vector<ExclusionaryPhrase>& exclusionary_phrases() {
  static const std::vector<ExclusionaryPhrase> list = {
      {{"young and dynamic", "young dynamic team", "young team", "young professional", "young and energetic"},
       "age", "signals that older applicants are not wanted (age discrimination)",
       "describe the work and the pace instead: \"a fast-moving team\""},
      {{"digital native"}, "age", "a proxy for age: people who grew up with the internet",
       "name the skills: \"confident with social platforms and their analytics\""},
      {{"recent graduate", "new graduate", "fresh graduate", "recently graduated"}, "age",
       "excludes career changers and older applicants",
       "state the experience level: \"0-2 years of experience, or equivalent\""},
      {{"native English speaker", "native speaker", "native English", "English mother tongue", "mother tongue",
        "native-level English", "native level English"},
       "origin", "excludes fluent non-native speakers; ties the job to national origin",
       "ask for the level the work needs: \"fluent written and spoken English (C1)\""},
      {{"perfect English", "flawless English accent", "no accent"}, "origin",
       "accent and 'perfection' are not job requirements", "\"clear, fluent written English\""},
      {{"local candidates only", "locals only"}, "origin", "excludes people who would relocate or work remotely",
       "say where the work happens and whether relocation is supported"},
      {{"must be able to lift", "able to lift", "lift heavy", "able-bodied", "physically fit", "must be able to stand",
        "stand for long periods", "perfect eyesight", "excellent eyesight", "good physical condition"},
       "disability", "excludes disabled applicants; only fair if the task is essential and stated as such",
       "describe the essential task and offer adjustments, or drop it for desk and social media roles"},
      {{"must have a car", "own car", "own vehicle", "driving licence", "driver's license", "drivers license",
        "driver license"},
       "disability", "excludes people who cannot drive (disability, cost) when travel can be done otherwise",
       "\"able to travel to client sites\" unless driving itself is the job"},
      {{"clean-shaven", "clean shaven"}, "appearance", "excludes people who wear beards for religious reasons",
       "drop it, or state the actual safety requirement (e.g. a respirator fit)"},
      {{"well-groomed", "attractive appearance", "good-looking", "presentable appearance"}, "appearance",
       "appearance is not a skill and invites bias", "drop it; describe how the person represents the brand"},
      {{"rockstar", "rock star", "ninja", "guru", "superhero", "work hard play hard", "manpower", "salesman",
        "chairman", "craftsman", "he or she", "he/she"},
       "gender", "masculine-coded jargon and gendered nouns put many women off applying (Gaucher et al. 2011)",
       "say what the person will do; use \"they\", \"staff\", \"salesperson\", \"chair\""},
      {{"no gaps in employment", "no employment gaps", "unlimited availability", "available 24/7",
        "available around the clock", "always available", "work long hours", "long hours"},
       "caring", "excludes carers, parents and people with health conditions",
       "state the real schedule: rota, on-call share, and how it is compensated"},
      {{"culture fit", "cultural fit", "fit in with the team"}, "affinity",
       "vague; invites hiring people like the current team",
       "name the values or behaviours you look for (\"gives and asks for feedback\")"},
  };
  return list;
}

std::vector<ExclusionaryHit> find_exclusionary(std::string_view text, const std::vector<Word>& words) {
  static const PhraseMatcher matcher = [] {
    std::vector<PhraseForm> forms;
    const auto& list = exclusionary_phrases();
    for (std::uint32_t i = 0; i < list.size(); ++i)
      for (const auto& f : list[i].forms) forms.push_back({i, f});
    return PhraseMatcher(forms);
  }();
  std::vector<ExclusionaryHit> out;
  for (const auto& h : matcher.find(text, words)) out.push_back({h.id, h.begin, h.end});
  return out;
}

}  // namespace parley::people
