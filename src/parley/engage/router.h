// Routing: which team a post goes to, with what priority, tags, required skills and SLA, decided by the
// organisation's ordered rules (engage_model.h, docs/config.md). Pure and cheap, so the same function
// serves the webhook, the ingest tailer and `parley route --explain`, and its answer can be explained.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "parley/config/engage_model.h"
#include "parley/core/post.h"
#include "parley/text/analysis.h"

namespace parley::engage {

struct RouteDecision {
  bool matched = false;        // some rule set a team (or ignored the post)
  bool ignore = false;         // a rule said drop it (spam, noise): no case
  std::string team;
  Priority priority = Priority::normal;
  std::vector<std::string> tags;
  std::map<std::string, int> required_skills;
  std::string sla;             // policy name; the config's default_sla when no rule names one
  std::vector<std::string> rules;  // names of the rules that applied, in order
  std::string explanation;     // "rule 'spanish-complaints' (line 88): intent complaint, language es"
};

// Applies the rules in order: the first rule whose conditions all hold decides, unless it says `continue`,
// in which case its tags, skills and priority are kept and later rules are tried too. A later rule may
// raise the priority but never lower it.
RouteDecision route(const Post& post, const text::Analysis& analysis, const EngageConfig& config);

// True when every condition the rule sets holds for this post; `why` collects the conditions that held,
// for the explanation.
bool rule_matches(const RoutingRule& rule, const Post& post, const text::Analysis& analysis,
                  std::string_view lowered_text, std::string* why);

}  // namespace parley::engage
