#include "parley/people/taxonomy_build.h"

#include <algorithm>
#include <map>
#include <set>

#include "parley/people/csv_rows.h"
#include "parley/people/phrase_matcher.h"

namespace parley::people {

namespace {

using Keywords = std::vector<std::string_view>;

// Folded words of a label (split_words folds with utf8proc).
std::vector<std::string> label_words(std::string_view label) {
  std::vector<std::string> out;
  for (auto& w : split_words(label)) out.push_back(std::move(w.folded));
  return out;
}

// True when a keyword occurs at a word start: "analy" matches "analyse" and "web analytics"; a keyword
// with spaces must match consecutive words, the last one as a prefix.
bool has_keyword(const std::vector<std::string>& words, const Keywords& keys) {
  for (std::string_view k : keys) {
    std::vector<std::string> kw;
    for (auto& w : split_words(k)) kw.push_back(std::move(w.folded));
    if (kw.empty()) continue;
    for (std::size_t i = 0; i + kw.size() <= words.size(); ++i) {
      bool ok = true;
      for (std::size_t j = 0; j < kw.size() && ok; ++j) {
        const auto& w = words[i + j];
        ok = j + 1 < kw.size() ? w == kw[j] : w.starts_with(kw[j]);
      }
      if (ok) return true;
    }
  }
  return false;
}

// Group rules, tried in this order; the first group with a keyword in the label wins (docs/skills.md).
const std::vector<std::pair<std::string_view, Keywords>>& group_rules() {
  static const std::vector<std::pair<std::string_view, Keywords>> rules = {
      {"tools_platforms", {"software", "office suite", "spreadsheet", "word processing", "e-services"}},
      {"technical", {"search engine", "seo", "pay-per-click", "web", "website", "ajax", "css", "javascript", "php",
                     "less", "sass", "jsss", "markup", "style sheet", "programming", "ict", "api", "automat",
                     "database", "e-commerce", "content management system", "metadata", "augmented reality",
                     "information structure", "computer", "call routing", "call-centre technolog",
                     "automatic call distribution", "keywords in digital content", "digital technolog"}},
      {"social_media", {"social media", "online communit", "online moderation", "forum", "online communication",
                        "blog", "vlog", "influencer", "community", "online user", "report live online",
                        "online competitor", "online privacy", "online content", "netiquette", "audience",
                        "facebook", "linkedin", "twitter", "instagram", "youtube", "tiktok", "pinterest", "snapchat",
                        "hootsuite", "sprout social", "reddit", "wordpress"}},
      {"customer_service", {"customer", "client", "complaint", "call", "calls", "helpdesk", "contact centre",
                            "enquir", "inquir", "refund", "order", "escalation", "service orientation",
                            "assist customers", "credit card", "invoice"}},
      {"pr_reputation", {"public relations", "press release", "press conference", "media", "legislative acts", "public image", "public opinion", "public affairs",
                         "reputation", "crisis", "spokes", "represent the organisation", "politic", "legislator",
                         "government", "advocate", "lobby", "diplomat", "diplomacy", "international relations",
                         "news", "interviews to media", "authorities", "corporate social"}},
      // Law and compliance before analytics, or "data protection" would be analytics.
      {"management", {"law", "legal", "legislation", "regulation", "compliance", "copyright", "intellectual property",
                      "data protection", "confidentiality", "ethic"}},
      {"analytics", {"analy", "data", "research", "measur", "metric", "key performance", "survey", "statistic",
                     "forecast", "monitor", "insight", "trend", "evaluat", "assess", "business intelligence",
                     "mining", "conversion testing", "inspect", "conclusions", "track", "study", "mathemat",
                     "critical thinking", "problem solving", "decision", "judgment", "systems", "operations analysis",
                     "quality control", "science"}},
      {"marketing", {"marketing", "market", "advertis", "brand", "campaign", "sales", "sell", "upsell", "pric",
                     "promot", "commercial", "consumer", "packaging", "neuromarketing", "fundrais", "special offer",
                     "distribution channel", "persuasion", "sales pitch", "product", "business development",
                     "business opportunit", "niche"}},
      {"content", {"content", "writ", "edit", "copywrit", "proofread", "grammar", "spelling", "storyboard", "video",
                   "photo", "image", "camera", "sound", "audio", "publish", "typograph", "graphic", "design",
                   "creativ", "creative", "multimedia", "visual", "layout", "lay out", "printing", "printed",
                   "rhetoric", "style guide", "authoring", "title", "brief", "concepts", "ideas", "reading"}},
      {"communication", {"communicat", "listen", "speak", "speaking", "negotiat", "persua", "rapport", "relation",
                         "liaise", "collaborat", "cooperat", "co-operat", "conflict", "interview", "present",
                         "feedback", "correspond", "network", "contacts", "teamwork", "team", "humour",
                         "language", "social perceptiveness", "coordination", "instructing", "cultural", "cultures",
                         "information", "meetings", "agreement", "emails", "human behaviour", "psycholog",
                         "behavioural"}},
      {"management", {"manag", "staff", "employ", "budget", "cost", "financ", "account", "project", "schedule",
                      "resource", "supervis", "lead", "legal", "law", "legislation", "regulation", "compliance",
                      "complian", "copyright", "intellectual property", "ethic", "polic", "risk", "health and safety",
                      "contract", "plan", "strateg", "recruit", "train", "teach", "motivat", "record", "documentation",
                      "document", "confidential", "protection", "secur", "procurement", "trade", "process",
                      "operational", "establishment", "expenses", "profitab", "workload", "time management",
                      "funds", "business", "company", "terminology", "standards", "learning"}},
  };
  return rules;
}

// Subject knowledge that would otherwise be typed by a word in it ("data protection" is not analysis,
// "ICT communications protocols" not communication): tool/knowledge before the other rules.
const Keywords kToolFirst = {"ict", "protocol", "law", "legal", "legislation", "regulation", "compliance", "copyright",
                             "data protection", "confidentiality", "database", "types of media",
                             "media and information literacy", "psycholog", "science", "web analytics"};
// Type rules (docs/skills.md, "Typing"): strategic/analytical words first, because "develop communication
// strategies" is strategy work about communication; then relationship/communication words; the rest (tools,
// platforms, craft and subject knowledge) is tool/knowledge.
const Keywords kStrategic = {
    "strateg", "plan", "analy", "research", "measur", "metric", "key performance", "evaluat", "assess", "forecast",
    "monitor", "track", "insight", "data", "statistic", "decision", "judgment", "critical thinking",
    "problem", "business intelligence", "budget", "priorit", "objective", "trend", "survey", "conversion testing",
    "risk", "think", "innovation", "feasibility", "opportunit", "niche", "positioning", "identity", "market research",
    "systems analysis", "systems evaluation", "operations analysis", "mathemat", "conclusions", "profitab",
    "cost benefit", "study", "inspect", "integrate marketing", "global strategy", "brand analysis",
    "potential markets", "define", "concepts", "business plans", "business processes", "business requirements",
    "workload", "quality control"};
const Keywords kRelational = {
    "communicat", "listen", "speak", "negotiat", "persua", "rapport", "relation", "liaise", "collaborat",
    "cooperat", "co-operat", "diplomac", "diplomat", "empath", "conflict", "feedback", "interview", "present",
    "assist", "advise", "advis", "respond", "answer", "interact", "engage", "moderat", "mediat",
    "network", "contact", "correspond", "service", "complaint", "support", "team", "motivat", "train", "teach",
    "instruct", "coach", "mentor", "social perceptiveness", "communit", "stakeholder", "spokes", "represent",
    "helpdesk", "enquir", "inquir", "humour", "cultural", "cultures", "press conference", "customer service",
    "public relations", "audience", "advocate", "influence", "pitch", "upsell", "selling", "sales",
    "coordination", "forum", "supervise work", "staff", "employees", "human behaviour", "politicians",
    "legislators", "authorities", "agreement", "meetings", "emails", "follow-up", "follow up",
    "escalation", "satisfaction", "satisfy", "calls", "telephone", "inclusive", "share through", "needs",
    "customer requirement", "orientation", "customer management", "notify", "provide customers", "empath",
    "netiquette", "news teams", "relate", "social media management"};

const Keywords kSocialPlatforms = {"facebook", "linkedin", "twitter", "instagram", "youtube", "tiktok", "pinterest",
                                   "snapchat", "hootsuite", "sprout social", "reddit", "wordpress", "buffer"};

// Skills of the keyword-selected ESCO set (skills_social_comm_customer.csv) that no selected occupation
// links but that social media, community and care work plainly uses; the rest of that set is noise for
// this purpose (food products, mining, nursing).
const std::set<std::string, std::less<>> kCuratedExtra = {
    "analyse the comments of select audiences", "collect customer feedback on applications", "communicate with media",
    "communicate with stakeholders", "communicate with target community", "digital communication and collaboration",
    "digital content creation", "enable audience participation", "engage the audience emotionally",
    "give constructive feedback", "interact with an audience", "interpret customer non-verbal communication",
    "maintain customer service", "monitor customer inquiries", "negotiate with stakeholders",
    "provide high quality customer service", "relate empathetically", "satisfy customers", "show empathy",
    "use online conventions of netiquette", "address an audience", "negotiate compromises",
    "provide performance feedback", "adapt communication style according to recipient",
    "communicate analytical insights", "deliver visual presentation of data", "collaborate through digital technologies",
    "conduct web searches", "communication", "deal with public", "deliver outstanding service",
    "coordinate communication within a team", "give feedback on changing circumstances"};

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string r;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) r += sep;
    r += v[i];
  }
  return r;
}

std::vector<std::string> split_bar(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto p = s.find('|', start);
    std::string_view part = s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\n')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\n')) part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

bool all_caps_short(std::string_view s) {
  if (s.size() < 2 || s.size() > 5) return false;
  for (char c : s)
    if (!(c >= 'A' && c <= 'Z')) return false;
  return true;
}

// A single capitalised product name that is also an everyday English word: matched only in exact case, and
// not at all for the most common ones (they begin sentences too often).
const std::set<std::string, std::less<>> kEverydayWords = {
    "word", "access", "project", "teams", "outlook", "publisher", "office", "edge", "forms", "lists", "planner",
    "stream", "dynamics", "bridge", "animate", "audition", "dimension", "express", "character", "sharepoint",
    "notes", "box", "slack", "zoom", "acrobat", "premiere", "visio", "excel", "illustrator", "flash", "muse",
    "dreamweaver", "go", "r", "c", "swift", "rust", "basic", "pages", "numbers", "keynote", "photos", "mail",
    "search", "ads", "analytics", "docs", "sheets", "slides", "drive", "meet", "chat", "sites", "tag", "manager",
    "buffer", "later", "hub", "trello", "asana", "monday", "canva", "sprout", "wix", "ruby", "java", "dart"};
const std::set<std::string, std::less<>> kNeverAlone = {"word", "access", "project", "teams", "office", "edge",
                                                         "forms", "lists", "planner", "stream", "bridge", "express",
                                                         "character", "notes", "box", "pages", "numbers", "photos",
                                                         "mail", "search", "ads", "analytics", "docs", "sheets",
                                                         "slides", "drive", "meet", "chat", "sites", "tag",
                                                         "manager", "later", "hub", "monday", "dimension", "basic",
                                                         "go", "r", "c", "act"};

// ESCO alt labels too general to stand for the skill in a posting ("information" for "provide
// information"; "conduct interviews" is mostly the hiring process, not media interviews).
const std::set<std::string, std::less<>> kTooGeneric = {"information", "interaction", "conversation", "correspondence",
                                                        "conduct interviews", "give interviews", "do interviews",
                                                        "performing interviews"};

std::string lower_ascii(std::string_view s) {
  std::string r(s);
  for (auto& c : r) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return r;
}

// Surface forms of an O*NET technology example: the example itself without a trailing "software"; an
// acronym written after its expansion ("Structured query language SQL") on its own; the product without
// the vendor ("Adobe Photoshop" -> "Photoshop"), in exact case when it is an everyday word.
std::vector<std::string> technology_forms(const std::string& example) {
  std::vector<std::string> forms;
  std::string base = example;
  if (base.size() > 9 && base.ends_with(" software")) base.erase(base.size() - 9);
  // "Salesforce software" is also "Salesforce", but "Email software" is not "email" nor "Social media
  // software" every "social media": the short form is kept only for names (every word capitalised) that are
  // not everyday words.
  bool name_like = base != example && !kEverydayWords.contains(lower_ascii(base)) &&
                   !std::set<std::string, std::less<>>{"email", "presentation", "blogging", "podcasting", "website",
                                                       "office"}.contains(lower_ascii(base));
  for (auto& w : split_words(base)) {
    auto c = static_cast<unsigned char>(base[w.begin]);
    name_like = name_like && !(c >= 'a' && c <= 'z');
  }
  if (name_like) forms.push_back(base);
  auto last_space = base.rfind(' ');
  if (last_space != std::string::npos) {
    std::string last = base.substr(last_space + 1);
    if (all_caps_short(last) && last.size() >= 3) {
      forms.push_back(last);
      forms.push_back(base.substr(0, last_space));
    }
  }
  for (std::string_view vendor : {"Adobe ", "Microsoft ", "IBM ", "Oracle ", "Apple ", "Autodesk ", "SAP "}) {
    if (!base.starts_with(vendor)) continue;
    std::string rest = base.substr(vendor.size());
    bool one_word = rest.find(' ') == std::string::npos;
    std::string low = lower_ascii(rest);
    if (one_word && kNeverAlone.contains(low)) break;
    forms.push_back(one_word && kEverydayWords.contains(low) ? "=" + rest : rest);
    break;
  }
  return forms;
}

// "perform data analysis" -> "data analysis": a label made of a light verb and its object is also said by
// the object alone, and postings mostly do ("experience in data analysis").
std::string light_verb_object(const std::string& label) {
  for (std::string_view v : {"perform ", "use ", "apply ", "carry out ", "conduct ", "execute ", "utilise ",
                             "have ", "practice ", "provide ", "show "}) {
    if (!label.starts_with(v)) continue;
    std::string rest = label.substr(v.size());
    if (rest.size() >= 6) return rest;
  }
  return "";
}

struct Draft {
  Skill skill;
  std::set<std::string> synonyms_seen;  // keys already among this skill's forms
};

std::string tsv_safe(std::string s) {
  for (auto& c : s) if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

std::string slug(std::string_view label) {
  std::string r;
  bool dash = false;
  for (auto& w : split_words(label)) {
    for (char c : w.folded) {
      auto u = static_cast<unsigned char>(c);
      if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
        if (dash && !r.empty()) r.push_back('-');
        dash = false;
        r.push_back(c);
      } else if (c == '+') {
        r += "plus";
      } else if (c == '#') {
        r += "sharp";
      } else {
        dash = true;
      }
    }
    dash = true;
  }
  return r;
}

std::string group_of_label(std::string_view label, bool is_technology) {
  auto words = label_words(label);
  // Social platforms and their management tools are social media skills, not generic software.
  if (is_technology)
    return has_keyword(words, kSocialPlatforms) ? "social_media" : "tools_platforms";
  for (const auto& [group, keys] : group_rules())
    if (has_keyword(words, keys)) return std::string(group);
  return "work_habits";
}

SkillType type_of_label(std::string_view label, bool is_technology) {
  if (is_technology) return SkillType::tool_knowledge;
  auto words = label_words(label);
  if (has_keyword(words, kToolFirst)) return SkillType::tool_knowledge;
  if (has_keyword(words, kStrategic)) return SkillType::strategic_analytical;
  if (has_keyword(words, kRelational)) return SkillType::relationship_communication;
  return SkillType::tool_knowledge;
}

Result<BuiltTaxonomy> build_taxonomy(const std::string& dir) {
  auto esco_skills = read_csv_file(dir + "/esco/skills_of_selected_occupations.csv");
  if (!esco_skills) return esco_skills.status();
  auto esco_occs = read_csv_file(dir + "/esco/occupations_selected.csv");
  if (!esco_occs) return esco_occs.status();
  auto esco_rel = read_csv_file(dir + "/esco/occupation_skill_relations_selected.csv");
  if (!esco_rel) return esco_rel.status();
  auto onet_occs = read_csv_file(dir + "/onet/occupations.csv");
  if (!onet_occs) return onet_occs.status();
  auto onet_alt = read_csv_file(dir + "/onet/alternate_titles.csv");
  if (!onet_alt) return onet_alt.status();
  auto onet_skills = read_csv_file(dir + "/onet/skills_importance.csv");
  if (!onet_skills) return onet_skills.status();
  auto onet_tech = read_csv_file(dir + "/onet/technology_skills.csv");
  if (!onet_tech) return onet_tech.status();

  std::map<std::string, Draft> drafts;  // by id: sorted output
  std::map<std::string, std::string> id_of_uri;
  auto add_skill = [&](const std::string& label, const std::string& source, const std::string& uri,
                       bool technology) -> std::string {
    std::string id = slug(label);
    auto [it, fresh] = drafts.try_emplace(id);
    Draft& d = it->second;
    if (fresh) {
      d.skill.id = id;
      d.skill.label = label;
      d.skill.group = group_of_label(label, technology);
      d.skill.type = type_of_label(label, technology);
      d.skill.source = source;
      d.synonyms_seen.insert(phrase_key(label));
    } else if (d.skill.source.find(source) == std::string::npos) {
      d.skill.source += "," + source;
    }
    if (!uri.empty() && std::find(d.skill.uris.begin(), d.skill.uris.end(), uri) == d.skill.uris.end())
      d.skill.uris.push_back(uri);
    id_of_uri[uri] = id;
    return id;
  };
  auto add_synonym = [&](const std::string& id, const std::string& form) {
    Draft& d = drafts.at(id);
    std::string key = phrase_key(form);
    // Long alt labels are descriptions, not ways of saying the skill; they would never match anyway.
    if (key.empty() || std::count(key.begin(), key.end(), ' ') >= 6 || kTooGeneric.contains(form)) return;
    if (!d.synonyms_seen.insert(form.starts_with('=') ? form : key).second) return;
    d.skill.synonyms.push_back(form);
  };

  // ESCO: every skill linked to one of the 22 selected occupations.
  const auto& es = *esco_skills;
  for (std::size_t r = 0; r < es.rows.size(); ++r) {
    std::string label = trim(es.at(r, "preferredLabel"));
    if (label.empty()) continue;
    std::string id = add_skill(label, "esco", es.at(r, "conceptUri"), false);
    // Short all-capitals labels ("LESS", "CSS", "PHP") are names; "less" must not match them.
    if (all_caps_short(label)) add_synonym(id, "=" + label);
    if (auto obj = light_verb_object(label); !obj.empty()) add_synonym(id, obj);
    for (const auto& alt : split_bar(es.at(r, "altLabels"))) {
      if (all_caps_short(alt)) add_synonym(id, "=" + alt);
      else add_synonym(id, alt);
    }
  }

  auto extra = read_csv_file(dir + "/esco/skills_social_comm_customer.csv");
  if (!extra) return extra.status();
  const auto& cx = *extra;
  for (std::size_t r = 0; r < cx.rows.size(); ++r) {
    std::string label = trim(cx.at(r, "preferredLabel"));
    if (!kCuratedExtra.contains(label)) continue;
    std::string id = add_skill(label, "esco", cx.at(r, "conceptUri"), false);
    if (auto obj = light_verb_object(label); !obj.empty()) add_synonym(id, obj);
    for (const auto& alt : split_bar(cx.at(r, "altLabels"))) add_synonym(id, all_caps_short(alt) ? "=" + alt : alt);
  }

  // O*NET basic skills that matter in these occupations (mean importance >= 3 on the 1-5 scale).
  const auto& os = *onet_skills;
  std::map<std::string, std::pair<double, int>> importance_sum;  // element name -> (sum, n)
  std::map<std::string, std::string> element_id;
  for (std::size_t r = 0; r < os.rows.size(); ++r) {
    if (os.at(r, "Scale ID") != "IM") continue;
    auto& [sum, n] = importance_sum[os.at(r, "Element Name")];
    sum += std::stod(os.at(r, "Data Value"));
    ++n;
    element_id[os.at(r, "Element Name")] = os.at(r, "Element ID");
  }
  std::set<std::string> onet_skill_in;
  for (const auto& [name, sn] : importance_sum) {
    if (sn.first / sn.second < 3.0) continue;
    add_skill(name, "onet-skill", "onet:" + element_id[name], false);
    onet_skill_in.insert(name);
  }

  // O*NET technology examples: hot or in-demand technologies, and every example in the categories that are
  // the daily tools of these jobs.
  const std::set<std::string, std::less<>> tool_categories = {
      "Sales and marketing software", "Customer relationship management CRM software",
      "Web page creation and editing software", "Video creation and editing software",
      "Graphics or photo imaging software", "Business intelligence and data analysis software",
      "Instant messaging software", "Video conferencing software", "Project management software",
      "Electronic mail software", "Information retrieval or search software", "Desktop publishing software",
      "Presentation software", "Spreadsheet software", "Word processing software", "Office suite software",
      "Internet browser software", "Data mining software", "Cloud-based data access and sharing software"};
  const auto& ot = *onet_tech;
  std::map<std::string, std::string> tech_id;  // example -> skill id
  for (std::size_t r = 0; r < ot.rows.size(); ++r) {
    const std::string& ex = ot.at(r, "Example");
    const bool hot = ot.at(r, "Hot Technology") == "Y" || ot.at(r, "In Demand") == "Y";
    const bool social = has_keyword(label_words(ex), kSocialPlatforms);
    if (!hot && !social && !tool_categories.contains(ot.at(r, "Commodity Title"))) continue;
    if (tech_id.contains(ex)) continue;
    // "Act!" would be every "act": a product named by one everyday word stays out.
    if (kNeverAlone.contains(phrase_key(ex))) continue;
    std::string label = ex;
    std::string id = add_skill(label, "onet-technology", "unspsc:" + ot.at(r, "Commodity Code"), true);
    tech_id[ex] = id;
    for (const auto& f : technology_forms(ex)) add_synonym(id, f);
  }

  // A surface form claimed by two skills would make every match ambiguous: the skill whose preferred label
  // it is keeps it; otherwise the first skill by id.
  std::map<std::string, std::string> owner;  // key -> id
  for (auto& [id, d] : drafts) owner.emplace(phrase_key(d.skill.label), id);
  for (auto& [id, d] : drafts) {
    std::vector<std::string> kept;
    for (const auto& s : d.skill.synonyms) {
      if (s.starts_with('=')) { kept.push_back(s); continue; }
      auto [it, fresh] = owner.emplace(phrase_key(s), id);
      if (fresh || it->second == id) kept.push_back(s);
    }
    d.skill.synonyms = std::move(kept);
  }

  BuiltTaxonomy out;
  out.taxonomy_tsv =
      "# parley skills taxonomy: generated by tools/build_taxonomy (`make taxonomy`); do not edit by hand.\n"
      "# Sources: ESCO classification, European Commission, v1.1.1 (https://esco.ec.europa.eu);\n"
      "# O*NET 29.2 Database by USDOL/ETA, used under CC BY 4.0 (https://www.onetcenter.org).\n"
      "# Rules: docs/skills.md. Synonyms are separated by ' | '; '=' marks a form matched in exact case.\n"
      "id\tlabel\tgroup\ttype\tsource\tsynonyms\turis\n";
  for (const auto& [id, d] : drafts) {
    const Skill& s = d.skill;
    out.taxonomy_tsv += id + "\t" + tsv_safe(s.label) + "\t" + s.group + "\t" + std::string(to_string(s.type)) +
                        "\t" + s.source + "\t" + tsv_safe(join(s.synonyms, " | ")) + "\t" + join(s.uris, " ") + "\n";
    ++out.skills;
  }

  // Occupation profiles.
  std::vector<Occupation> occs;
  const auto& eo = *esco_occs;
  std::map<std::string, std::size_t> esco_index;
  for (std::size_t r = 0; r < eo.rows.size(); ++r) {
    Occupation o;
    o.label = trim(eo.at(r, "preferredLabel"));
    o.id = "esco:" + slug(o.label);
    o.uri = eo.at(r, "conceptUri");
    for (const auto& t : split_bar(eo.at(r, "altLabels")))
      if (t != o.label) o.titles.push_back(t);
    esco_index[o.uri] = occs.size();
    occs.push_back(std::move(o));
  }
  const auto& er = *esco_rel;
  for (std::size_t r = 0; r < er.rows.size(); ++r) {
    auto oi = esco_index.find(er.at(r, "occupationUri"));
    auto si = id_of_uri.find(er.at(r, "skillUri"));
    if (oi == esco_index.end() || si == id_of_uri.end()) continue;
    auto& list = er.at(r, "relationType") == "essential" ? occs[oi->second].essential : occs[oi->second].optional;
    if (std::find(list.begin(), list.end(), si->second) == list.end()) list.push_back(si->second);
  }
  for (std::size_t i = 0; i < occs.size(); ++i) {
    std::sort(occs[i].essential.begin(), occs[i].essential.end());
    std::sort(occs[i].optional.begin(), occs[i].optional.end());
  }
  // O*NET: skills with importance >= 3.5 are essential, 3.0-3.5 optional (most important first); hot
  // technologies are optional.
  const auto& oo = *onet_occs;
  std::map<std::string, std::size_t> onet_index;
  for (std::size_t r = 0; r < oo.rows.size(); ++r) {
    Occupation o;
    o.uri = oo.at(r, "O*NET-SOC Code");
    o.label = oo.at(r, "Title");
    o.id = "onet:" + o.uri;
    onet_index[o.uri] = occs.size();
    occs.push_back(std::move(o));
  }
  const auto& oa = *onet_alt;
  for (std::size_t r = 0; r < oa.rows.size(); ++r)
    if (auto it = onet_index.find(oa.at(r, "O*NET-SOC Code")); it != onet_index.end())
      occs[it->second].titles.push_back(oa.at(r, "Alternate Title"));
  std::map<std::string, std::vector<std::pair<double, std::string>>> ranked;  // code -> (-importance, id)
  for (std::size_t r = 0; r < os.rows.size(); ++r) {
    if (os.at(r, "Scale ID") != "IM" || !onet_skill_in.contains(os.at(r, "Element Name"))) continue;
    ranked[os.at(r, "O*NET-SOC Code")].push_back({-std::stod(os.at(r, "Data Value")), slug(os.at(r, "Element Name"))});
  }
  for (auto& [code, list] : ranked) {
    auto it = onet_index.find(code);
    if (it == onet_index.end()) continue;
    std::sort(list.begin(), list.end());
    for (const auto& [neg, id] : list) {
      if (-neg >= 3.5) occs[it->second].essential.push_back(id);
      else if (-neg >= 3.0) occs[it->second].optional.push_back(id);
    }
  }
  for (std::size_t r = 0; r < ot.rows.size(); ++r) {
    if (ot.at(r, "Hot Technology") != "Y") continue;
    auto it = onet_index.find(ot.at(r, "O*NET-SOC Code"));
    auto t = tech_id.find(ot.at(r, "Example"));
    if (it == onet_index.end() || t == tech_id.end()) continue;
    auto& list = occs[it->second].optional;
    if (std::find(list.begin(), list.end(), t->second) == list.end()) list.push_back(t->second);
  }
  std::sort(occs.begin(), occs.end(), [](const Occupation& a, const Occupation& b) { return a.id < b.id; });
  out.occupations_tsv =
      "# parley occupation profiles: generated by tools/build_taxonomy (`make taxonomy`); do not edit by hand.\n"
      "# Sources: ESCO classification, European Commission, v1.1.1 (essential/optional skills of each occupation);\n"
      "# O*NET 29.2 Database by USDOL/ETA, used under CC BY 4.0 (skills with importance >= 3.5 essential,\n"
      "# 3.0-3.5 optional, hot technologies optional). Titles are ESCO alt labels / O*NET alternate titles.\n"
      "id\tlabel\turi\ttitles\tessential\toptional\n";
  for (const auto& o : occs) {
    out.occupations_tsv += o.id + "\t" + tsv_safe(o.label) + "\t" + o.uri + "\t" + tsv_safe(join(o.titles, " | ")) +
                           "\t" + join(o.essential, " ") + "\t" + join(o.optional, " ") + "\n";
    ++out.occupations;
  }
  return out;
}

}  // namespace parley::people
