#include "parley/people/jd_draft_json.h"

#include "parley/people/jd_json.h"

namespace parley::people {

nlohmann::json to_json(const JdDraft& d, const Taxonomy& t) {
  using nlohmann::json;
  json lines = json::array();
  for (const auto& l : d.lines) {
    json skill = nullptr;
    if (l.skill != std::string::npos) {
      const Skill& s = t.skills()[l.skill];
      skill = {{"id", s.id}, {"label", s.label}, {"type", to_string(s.type)}};
    }
    lines.push_back({{"section", to_string(l.section)}, {"heading", heading(l.section)}, {"text", l.text},
                     {"origin", l.origin}, {"org_skills", l.org_skills}, {"skill", skill}, {"why", l.why}});
  }
  json parts = json::array();
  for (auto p : d.short_parts) parts.push_back(to_string(p));
  json occupation = nullptr;
  if (d.occupation)
    occupation = {{"id", d.occupation->id}, {"label", d.occupation->label}, {"uri", d.occupation->uri}};
  return {{"team", d.team},
          {"team_name", d.team_name},
          {"time_zone", d.time_zone},
          {"since", d.since},
          {"until", d.until},
          {"title", d.title},
          {"title_given", d.title_given},
          {"short_skills", d.short_skills},
          {"short_parts", parts},
          {"occupation", occupation},
          {"text", d.posting.text},
          {"lines", lines},
          {"analysis", jd_report_json(d.posting, d.report, t, {&d.posting})}};
}

}  // namespace parley::people
