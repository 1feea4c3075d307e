// What to do about a team's gaps and its members' profiles: who should learn a short skill next (the
// members closest to it, with a mentor who has it), mentoring pairs within the team (a strong and a weak
// member on the same skill), and when only hiring helps. docs/people.md ("Recommendations") has the rules.
#pragma once

#include <vector>

#include "parley/config/engage_model.h"
#include "parley/people/team_gaps.h"

namespace parley::people {

inline constexpr double kMentorLevel = 4;      // effective level a mentor needs
inline constexpr double kLearnerMinLevel = 2;  // closest to a skill: effective level in [2, 3)
inline constexpr int kLearnersPerSkill = 2;

// `org` holds every employee's plan (mentors may come from outside the team when it has none).
std::vector<GapRecommendation> advise(const std::vector<GapCell>& cells, const std::vector<MemberPlan>& team,
                                      const std::vector<MemberPlan>& org);

}  // namespace parley::people
