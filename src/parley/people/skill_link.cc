#include "parley/people/skill_link.h"

#include <array>
#include <utility>
#include <vector>

#include "parley/people/case_skills.h"
#include "parley/people/phrase_matcher.h"

namespace parley::people {
namespace {

// The skill names case_skills() gives to the work a case's intent implies, and the ESCO skill that is that
// work. Only parley's own names are listed here: an organisation's other names go through the taxonomy's
// words.
constexpr std::array<std::pair<const char*, const char*>, 8> kImplied = {{
    {"complaint-handling", "handle-customer-complaints"},
    {"complaints", "handle-customer-complaints"},
    {"question-answering", "respond-to-enquiries"},
    {"product-knowledge", "product-comprehension"},
    {"community-engagement", "communicate-with-target-community"},
    {"community-management", "build-community-relations"},
    {"product-feedback", "measure-customer-feedback"},
    {"feedback-handling", "measure-customer-feedback"},
}};

constexpr std::array<const char*, 9> kLightVerbs = {"perform", "conduct", "carry out", "process", "handle",
                                                    "manage",  "provide", "apply",     "use"};

std::string strip_exact_mark(const std::string& form) { return form.starts_with('=') ? form.substr(1) : form; }

}  // namespace

std::string skill_words(std::string_view org_skill) {
  std::string s(org_skill);
  for (char& c : s)
    if (c == '-' || c == '_') c = ' ';
  if (is_language_skill(org_skill) && !s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

SkillLink link_org_skill(std::string_view org_skill, const Taxonomy& t) {
  auto to = [&t](const char* id, std::string how) {
    SkillLink l;
    l.skill = t.index_of(id);
    if (l.skill != std::string::npos) l.how = std::move(how);
    return l;
  };
  if (is_language_skill(org_skill)) return to("speak-different-languages", "a language");
  for (const auto& [name, id] : kImplied)
    if (org_skill == name) return to(id, "the work parley's '" + std::string(name) + "' stands for");

  const std::string key = phrase_key(skill_words(org_skill));
  if (key.empty()) return {};
  std::vector<std::pair<std::string, const char*>> verb_keys;  // "process refunds" and its verb
  for (const char* verb : kLightVerbs) verb_keys.emplace_back(phrase_key(std::string(verb) + " " + skill_words(org_skill)), verb);
  const auto& skills = t.skills();
  // Same words as a label beats same words as a synonym, which beats a light verb and the name.
  SkillLink synonym, verb_and_name;
  for (std::size_t i = 0; i < skills.size(); ++i) {
    const std::string label = phrase_key(skills[i].label);
    if (label == key) return {i, "same words as the taxonomy label"};
    if (synonym.skill == std::string::npos)
      for (const auto& f : skills[i].synonyms)
        if (phrase_key(strip_exact_mark(f)) == key) synonym = {i, "same words as a taxonomy synonym"};
    if (verb_and_name.skill == std::string::npos)
      for (const auto& [vk, verb] : verb_keys)
        if (label == vk) verb_and_name = {i, "the taxonomy label is '" + std::string(verb) + "' and the name"};
  }
  if (synonym.skill != std::string::npos) return synonym;
  if (verb_and_name.skill != std::string::npos) return verb_and_name;
  return {};
}

}  // namespace parley::people
