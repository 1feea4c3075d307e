// From an organisation's own skill names ("spanish", "complaint-handling", "refunds", "crisis") to the
// skills taxonomy, so that a job description drafted from a team's gaps asks for them in words that the JD
// analyser, job boards and applicants recognise. Only sure links are made: a name the taxonomy does not
// plainly have stays the organisation's word ("crisis"), since a guessed link ("billing" -> "advise on
// legislative bills") would ask for the wrong skill. docs/skills.md ("Job description drafts") has the rules.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "parley/people/taxonomy.h"

namespace parley::people {

struct SkillLink {
  std::size_t skill = std::string::npos;  // Taxonomy::skills() index; npos when there is no sure link
  std::string how;                        // why this link, for the draft's "why"
};

// In order: a language name (case_skills.h) -> "speak different languages"; one of the names parley itself
// gives to a case's intent (complaint-handling, question-answering, ...) -> the ESCO skill for that work;
// a label or synonym with the same words ("copywriting", "product knowledge"); a label that is a light
// verb and the name ("refunds" -> "process refunds").
SkillLink link_org_skill(std::string_view org_skill, const Taxonomy& t);

// How the organisation's name reads in a sentence: "community-management" -> "community management",
// a language capitalised ("spanish" -> "Spanish").
std::string skill_words(std::string_view org_skill);

}  // namespace parley::people
