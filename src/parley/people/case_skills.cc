#include "parley/people/case_skills.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace parley::people {
namespace {

// The first of the names the vocabulary has, else the first: the organisation's word wins when it has one.
std::string prefer_known(std::initializer_list<const char*> names, const std::set<std::string>& vocabulary) {
  for (const char* n : names)
    if (vocabulary.count(n)) return n;
  return *names.begin();
}

}  // namespace

std::set<std::string> skill_vocabulary(const EngageConfig& config) {
  std::set<std::string> v;
  for (const auto& e : config.employees)
    for (const auto& [skill, level] : e.skills) v.insert(skill);
  for (const auto& r : config.rules)
    for (const auto& [skill, level] : r.required_skills) v.insert(skill);
  return v;
}

constexpr std::array<std::pair<const char*, const char*>, 16> kLanguageNames = {{
    {"es", "spanish"}, {"pt", "portuguese"}, {"de", "german"}, {"fr", "french"}, {"it", "italian"},
    {"nl", "dutch"}, {"pl", "polish"}, {"sv", "swedish"}, {"da", "danish"}, {"no", "norwegian"},
    {"fi", "finnish"}, {"ja", "japanese"}, {"zh", "chinese"}, {"ar", "arabic"}, {"tr", "turkish"},
    {"en", "english"},
}};

std::string language_skill(std::string_view iso, const std::set<std::string>& vocabulary) {
  for (const auto& [code, name] : kLanguageNames) {
    if (iso != code) continue;
    // Everybody answers in English; it only tells people apart where the organisation lists it as a skill.
    if (iso == "en" && !vocabulary.count("english")) return "";
    return name;
  }
  return "";
}

bool is_language_skill(std::string_view skill) {
  for (const auto& [code, name] : kLanguageNames)
    if (skill == name) return true;
  return false;
}

std::string intent_skill(std::string_view intent, const std::set<std::string>& vocabulary) {
  if (intent == "complaint") return prefer_known({"complaint-handling", "complaints"}, vocabulary);
  if (intent == "praise") return prefer_known({"community-engagement", "community-management"}, vocabulary);
  if (intent == "question") return prefer_known({"question-answering", "product-knowledge"}, vocabulary);
  if (intent == "suggestion") return prefer_known({"product-feedback", "feedback-handling"}, vocabulary);
  return "";
}

std::string channel_skill(std::string_view source) {
  return source.empty() ? std::string() : std::string(source) + "-channel";
}

std::string topic_skill(std::string_view product) {
  std::string out;
  for (unsigned char ch : product) {
    if (std::isalnum(ch)) out.push_back(static_cast<char>(std::tolower(ch)));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::vector<std::string> case_skills(const CaseFacts& c, const std::set<std::string>& vocabulary) {
  std::set<std::string> s;
  for (const auto& [skill, level] : c.required_skills) s.insert(skill);
  if (auto l = language_skill(c.language, vocabulary); !l.empty()) s.insert(l);
  if (auto i = intent_skill(c.intent, vocabulary); !i.empty()) s.insert(i);
  if (auto ch = channel_skill(c.source); !ch.empty()) s.insert(ch);
  for (const auto& p : c.products)
    if (auto t = topic_skill(p); !t.empty()) s.insert(t);
  return {s.begin(), s.end()};
}

}  // namespace parley::people
