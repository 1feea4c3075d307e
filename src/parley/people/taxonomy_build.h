// Builds the shipped taxonomy files from the ESCO v1.1.1 and O*NET 29.2 extracts (../shared/data/skills/esco
// and onet): which skills are in, their group and type, their synonyms, and the occupation profiles. Pure
// and deterministic: the same inputs give the same bytes (rows sorted by id, no clock, no hash order), so a
// test can check that the shipped files are what `make taxonomy` builds. The rules are in docs/skills.md.
#pragma once

#include <string>
#include <string_view>

#include "parley/core/status.h"
#include "parley/people/taxonomy.h"

namespace parley::people {

struct BuiltTaxonomy {
  std::string taxonomy_tsv;
  std::string occupations_tsv;
  std::size_t skills = 0, occupations = 0;
};

// `skills_dir` holds esco/ and onet/ as in ../shared/data/skills.
Result<BuiltTaxonomy> build_taxonomy(const std::string& skills_dir);

// The rules, exposed for tests and docs. Labels are compared case-folded, on word starts.
std::string group_of_label(std::string_view label, bool is_technology);
SkillType type_of_label(std::string_view label, bool is_technology);
// "Apply social media marketing" -> "apply-social-media-marketing".
std::string slug(std::string_view label);

}  // namespace parley::people
