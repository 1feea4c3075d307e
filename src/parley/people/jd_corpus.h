// Corpus mode of `parley jd analyze`: trends over many postings (docs/skills.md, "Corpus mode").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "parley/people/boilerplate.h"
#include "parley/people/jd_analyzer.h"

namespace parley::people {

struct CorpusSummary {
  std::size_t postings = 0;
  std::size_t social_skills = 0;               // ask for at least one social_media-group skill
  std::size_t social_skills_no_social_title = 0;  // ... and have no "social" in the title
  double share_social_no_title = 0;           // social_skills_no_social_title / postings
  double share_of_social_without_title = 0;   // social_skills_no_social_title / social_skills
  std::vector<std::pair<std::size_t, std::size_t>> top_skills;  // (skill, postings asking), most first
  std::array<double, kSkillTypes> type_share{};  // over all skill mentions (distinct per posting)
  double mean_balance = 0;
  std::size_t gender_masculine = 0, gender_feminine = 0, with_exclusionary = 0;
  CorpusBoilerplate boilerplate;
};

CorpusSummary summarize(const std::vector<JdReport>& reports, const CorpusBoilerplate& boilerplate,
                        std::size_t top = 10);

}  // namespace parley::people
