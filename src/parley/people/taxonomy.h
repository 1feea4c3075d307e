// The skills taxonomy shipped in data/skills/: skills grouped into a small hierarchy (group -> skill), each
// typed, with synonyms and source URIs; and the occupation profiles (ESCO essential/optional skills, O*NET
// skills by importance and technologies) that a job description is compared with. Built from ESCO v1.1.1
// and O*NET 29.2 by tools/build_taxonomy (docs/skills.md has the grouping and typing rules).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/core/status.h"

namespace parley::people {

// What kind of skill it is: the three kinds a job description should balance (docs/skills.md, "Typing").
enum class SkillType { tool_knowledge, relationship_communication, strategic_analytical };
inline constexpr int kSkillTypes = 3;
std::string_view to_string(SkillType t);
std::optional<SkillType> skill_type_from_string(std::string_view s);

struct SkillGroup {
  std::string id, label, description;
};

// The fixed groups, in display order. The builder assigns every skill to one of them.
const std::vector<SkillGroup>& skill_groups();

struct Skill {
  std::string id;      // stable slug of the preferred label ("apply-social-media-marketing")
  std::string label;   // preferred label as the source spells it
  std::string group;   // SkillGroup::id
  SkillType type = SkillType::tool_knowledge;
  std::string source;  // "esco", "onet-skill", "onet-technology" (comma-joined when merged)
  // Other surface forms. One starting with '=' matches only with exactly that case ("=LESS", "=Excel"):
  // those would otherwise match common words.
  std::vector<std::string> synonyms;
  std::vector<std::string> uris;  // ESCO concept URIs, O*NET element ids or commodity codes
};

struct Occupation {
  std::string id;     // "esco:online-community-manager", "onet:11-2032.00"
  std::string label;
  std::string uri;    // ESCO concept URI or O*NET-SOC code
  std::vector<std::string> titles;    // ESCO alt labels, O*NET alternate titles
  std::vector<std::string> essential;  // skill ids, most important first
  std::vector<std::string> optional;
};

class Taxonomy {
 public:
  Taxonomy() = default;
  Taxonomy(std::vector<Skill> skills, std::vector<Occupation> occupations);

  // data/skills/taxonomy.tsv and occupations.tsv from `dir`.
  static Result<Taxonomy> load(const std::string& dir);
  static Result<Taxonomy> parse(std::string_view taxonomy_tsv, std::string_view occupations_tsv);
  // The shipped files (parley::data_path("skills")), loaded once; an error when they are missing.
  static const Result<Taxonomy>& shipped();

  const std::vector<Skill>& skills() const { return skills_; }
  const std::vector<Occupation>& occupations() const { return occupations_; }
  const Skill* find(std::string_view id) const;
  std::size_t index_of(std::string_view id) const;  // npos when unknown

 private:
  std::vector<Skill> skills_;
  std::vector<Occupation> occupations_;
  std::unordered_map<std::string, std::size_t> by_id_;
};

}  // namespace parley::people
