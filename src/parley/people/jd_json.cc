#include "parley/people/jd_json.h"

#include <memory>

namespace parley::people {

std::string jd_excerpt(std::string_view s, std::size_t n) {
  std::string r;
  for (char c : s) {
    if (r.size() >= n && (static_cast<unsigned char>(c) & 0xC0) != 0x80) { r += "..."; break; }
    r.push_back(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
  }
  return r;
}

nlohmann::json jd_report_json(const Posting& p, const JdReport& r, const Taxonomy& t,
                              const std::vector<const Posting*>& all) {
  nlohmann::json skills = nlohmann::json::array();
  for (const auto& a : r.skills) {
    const Skill& s = t.skills()[a.skill];
    nlohmann::json spans = nlohmann::json::array();
    for (auto [b, e] : a.spans) spans.push_back({b, e});
    skills.push_back({{"id", s.id}, {"label", s.label}, {"group", s.group}, {"type", to_string(s.type)},
                      {"said", a.said}, {"spans", spans}});
  }
  nlohmann::json other = nlohmann::json::array();
  for (const auto& c : r.other_skills) other.push_back({{"said", c.text}, {"cue", c.cue}, {"span", {c.begin, c.end}}});
  nlohmann::json j = {{"id", p.id}, {"title", p.title}, {"skills", skills}, {"other_skills", other},
                      {"by_type", {{"tool_knowledge", r.by_type[0]}, {"relationship_communication", r.by_type[1]},
                                   {"strategic_analytical", r.by_type[2]}}},
                      {"balance", r.balance}, {"social_skills", r.social_skills}, {"social_title", r.social_title}};
  if (r.nearest) {
    nlohmann::json missing = nlohmann::json::array();
    for (auto s : r.missing) missing.push_back({{"id", t.skills()[s].id}, {"label", t.skills()[s].label},
                                                {"type", to_string(t.skills()[s].type)}});
    j["nearest_occupation"] = {{"id", r.nearest->id}, {"label", r.nearest->label}, {"uri", r.nearest->uri},
                               {"by_title", r.nearest_by_title}, {"score", r.nearest_score},
                               {"missing_essential", missing}};
  } else {
    j["nearest_occupation"] = nullptr;
  }
  nlohmann::json shared = nlohmann::json::array();
  for (const auto& sp : r.boilerplate.shared) {
    nlohmann::json with = nlohmann::json::array();
    for (auto d : sp.docs) with.push_back(all[d]->id);
    shared.push_back({{"begin", sp.begin}, {"end", sp.end}, {"words", sp.words},
                      {"excerpt", jd_excerpt(std::string_view(p.text).substr(sp.begin, sp.end - sp.begin))},
                      {"shared_with", with}});
  }
  nlohmann::json near = nlohmann::json::array();
  for (auto [d, jac] : r.boilerplate.near_duplicates) near.push_back({{"id", all[d]->id}, {"similarity", jac}});
  j["boilerplate"] = {{"words", r.boilerplate.words}, {"shared_words", r.boilerplate.shared_words},
                      {"shared_share", r.boilerplate.shared_share}, {"shared_paragraphs", shared},
                      {"near_duplicates", near}};
  nlohmann::json gw = nlohmann::json::array();
  for (const auto& w : r.gender.words)
    gw.push_back({{"word", w.word}, {"stem", w.stem}, {"coding", w.masculine ? "masculine" : "feminine"},
                  {"begin", w.begin}, {"end", w.end}});
  j["gender_coding"] = {{"verdict", r.gender.verdict}, {"feminine", r.gender.feminine},
                        {"masculine", r.gender.masculine}, {"words", gw}};
  nlohmann::json ex = nlohmann::json::array();
  for (const auto& h : r.exclusionary) {
    const auto& e = exclusionary_phrases()[h.phrase];
    ex.push_back({{"text", p.text.substr(h.begin, h.end - h.begin)}, {"category", e.category}, {"why", e.why},
                  {"instead", e.instead}, {"begin", h.begin}, {"end", h.end}});
  }
  j["exclusionary"] = ex;
  j["suggestions"] = r.suggestions;
  return j;
}

Result<const JdAnalyzer*> shipped_jd_analyzer() {
  const auto& taxonomy = Taxonomy::shipped();
  if (!taxonomy) return taxonomy.status();
  const auto& stems = GenderedStems::shipped();
  if (!stems) return stems.status();
  static const JdAnalyzer analyzer(*taxonomy, *stems);
  return &analyzer;
}

JdReport analyze_alone(const JdAnalyzer& analyzer, const Posting& p) {
  JdReport r = analyzer.analyze(p);
  // Against itself only, as the CLI does for one file: no shared paragraphs, but the word count.
  BoilerplateIndex index;
  index.add(p.text);
  analyzer.add_boilerplate(r, index.report(0));
  return r;
}

Result<nlohmann::json> analyze_posting_json(const Posting& p) {
  auto analyzer = shipped_jd_analyzer();
  if (!analyzer) return analyzer.status();
  return jd_report_json(p, analyze_alone(**analyzer, p), (*analyzer)->taxonomy(), {&p});
}

}  // namespace parley::people
