// Which skills a case exercised: what a routing rule asked for (required_skills), plus what the case itself
// implies: its language (es -> spanish), its intent (complaint -> complaint-handling), the products it is
// about (topics) and its channel. Implied names follow the organisation's own vocabulary where it has one
// (praise is "community-management" when the config uses that name). docs/people.md lists the mapping.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parley/config/engage_model.h"

namespace parley::people {

struct CaseFacts {
  std::string intent, language, source;
  std::map<std::string, int> required_skills;
  std::vector<std::string> products;  // product names the opening post mentions
};

// The organisation's skill vocabulary: every skill an employee declares or a rule requires.
std::set<std::string> skill_vocabulary(const EngageConfig& config);

// "es" -> "spanish"; "" for English (the working language, not a skill, unless the vocabulary has
// "english") and for languages without a name here.
std::string language_skill(std::string_view iso639_1, const std::set<std::string>& vocabulary);
// Is this one of the language names language_skill() gives ("spanish", "german", "english")?
bool is_language_skill(std::string_view skill);
// complaint -> complaint-handling, praise -> community-engagement (or community-management), question ->
// question-answering, suggestion -> product-feedback; "" for other.
std::string intent_skill(std::string_view intent, const std::set<std::string>& vocabulary);
std::string channel_skill(std::string_view source);   // "x" -> "x-channel"
std::string topic_skill(std::string_view product);    // "Northwind Fiber" -> "northwind-fiber"

// Distinct, sorted.
std::vector<std::string> case_skills(const CaseFacts& c, const std::set<std::string>& vocabulary);

}  // namespace parley::people
