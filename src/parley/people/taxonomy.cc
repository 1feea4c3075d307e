#include "parley/people/taxonomy.h"

#include <fstream>
#include <sstream>

#include "parley/core/data_dir.h"

namespace parley::people {

namespace {

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  while (true) {
    auto p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + sep.size();
  }
  return out;
}

// Data lines of a TSV file: comments (#) and the header line (its first field is `header_first`) skipped.
template <class F>
Status for_each_row(std::string_view text, std::string_view what, std::string_view header_first, std::size_t fields,
                    F&& f) {
  std::size_t line_no = 0;
  for (const auto& line : split(text, "\n")) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto cols = split(line, "\t");
    if (cols[0] == header_first) continue;
    if (cols.size() != fields)
      return Status::error(std::string(what) + ":" + std::to_string(line_no) + ": " + std::to_string(cols.size()) +
                           " fields, expected " + std::to_string(fields));
    if (auto s = f(cols); !s) return Status::error(std::string(what) + ":" + std::to_string(line_no) + ": " + s.message());
  }
  return Status::ok();
}

Result<std::string> slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error(path + ": cannot open (run `make taxonomy`?)");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

std::string_view to_string(SkillType t) {
  switch (t) {
    case SkillType::tool_knowledge: return "tool_knowledge";
    case SkillType::relationship_communication: return "relationship_communication";
    case SkillType::strategic_analytical: return "strategic_analytical";
  }
  return "tool_knowledge";
}

std::optional<SkillType> skill_type_from_string(std::string_view s) {
  for (int i = 0; i < kSkillTypes; ++i)
    if (to_string(static_cast<SkillType>(i)) == s) return static_cast<SkillType>(i);
  return std::nullopt;
}

const std::vector<SkillGroup>& skill_groups() {
  static const std::vector<SkillGroup> groups = {
      {"social_media", "Social media & online community",
       "running channels and communities: posting, moderation, community building, influencers"},
      {"customer_service", "Customer service & care", "answering customers: enquiries, complaints, follow-up, contact centres"},
      {"communication", "Communication & relationships",
       "listening, speaking, writing to people, negotiating, collaborating, building relationships"},
      {"pr_reputation", "PR, media & reputation", "press and media relations, public image, public affairs, spokespeople"},
      {"content", "Content & creative", "writing, editing, copywriting, design, photo, video and audio production"},
      {"analytics", "Analytics & research", "data, measurement, KPIs, market and audience research, reporting"},
      {"marketing", "Marketing & sales", "brands, campaigns, advertising, pricing, selling"},
      {"technical", "Technical: web, SEO, APIs & automation",
       "web and programming languages, search engine optimisation, content management, ICT"},
      {"tools_platforms", "Tools & platforms", "named software and platforms (O*NET technology examples) and tool use"},
      {"management", "Management, legal & organisation",
       "leading staff, budgets, projects, planning, law, compliance and policies"},
      {"work_habits", "Personal & work habits", "transversal habits: initiative, stress tolerance, independence"},
  };
  return groups;
}

Taxonomy::Taxonomy(std::vector<Skill> skills, std::vector<Occupation> occupations)
    : skills_(std::move(skills)), occupations_(std::move(occupations)) {
  for (std::size_t i = 0; i < skills_.size(); ++i) by_id_.emplace(skills_[i].id, i);
}

const Skill* Taxonomy::find(std::string_view id) const {
  auto i = index_of(id);
  return i == std::string::npos ? nullptr : &skills_[i];
}

std::size_t Taxonomy::index_of(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? std::string::npos : it->second;
}

Result<Taxonomy> Taxonomy::parse(std::string_view taxonomy_tsv, std::string_view occupations_tsv) {
  std::vector<Skill> skills;
  auto st = for_each_row(taxonomy_tsv, "taxonomy.tsv", "id", 7, [&](const std::vector<std::string>& c) {
    Skill s;
    s.id = c[0];
    s.label = c[1];
    s.group = c[2];
    auto t = skill_type_from_string(c[3]);
    if (!t) return Status::error("unknown type '" + c[3] + "'");
    s.type = *t;
    s.source = c[4];
    s.synonyms = split(c[5], " | ");
    s.uris = split(c[6], " ");
    bool known_group = false;
    for (const auto& g : skill_groups()) known_group |= g.id == s.group;
    if (!known_group) return Status::error("unknown group '" + s.group + "'");
    skills.push_back(std::move(s));
    return Status::ok();
  });
  if (!st) return st;
  std::vector<Occupation> occs;
  st = for_each_row(occupations_tsv, "occupations.tsv", "id", 6, [&](const std::vector<std::string>& c) {
    Occupation o;
    o.id = c[0];
    o.label = c[1];
    o.uri = c[2];
    o.titles = split(c[3], " | ");
    o.essential = split(c[4], " ");
    o.optional = split(c[5], " ");
    occs.push_back(std::move(o));
    return Status::ok();
  });
  if (!st) return st;
  Taxonomy t(std::move(skills), std::move(occs));
  for (const auto& o : t.occupations_)
    for (const auto* list : {&o.essential, &o.optional})
      for (const auto& id : *list)
        if (!t.find(id)) return Status::error("occupations.tsv: " + o.id + " names unknown skill '" + id + "'");
  return t;
}

Result<Taxonomy> Taxonomy::load(const std::string& dir) {
  auto a = slurp(dir + "/taxonomy.tsv");
  if (!a) return a.status();
  auto b = slurp(dir + "/occupations.tsv");
  if (!b) return b.status();
  auto t = parse(*a, *b);
  if (!t) return Status::error(dir + "/" + t.message());
  return t;
}

const Result<Taxonomy>& Taxonomy::shipped() {
  static const Result<Taxonomy> t = load(data_path("skills"));
  return t;
}

}  // namespace parley::people
