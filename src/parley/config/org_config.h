// The organisation's configuration, from one readable TOML file (docs/config.md): what the analyser looks
// for (the organisation's products, its competitors, its campaign hashtags and keywords) and how the engage
// layer works (functions, teams, employees, calendars, SLA policies, routing rules, outboxes).
#pragma once

#include <string>
#include <vector>

#include "parley/config/engage_model.h"
#include "parley/core/status.h"
#include "parley/text/gazetteer.h"

namespace parley {

struct OrgConfig {
  std::string name;                                // the organisation's name
  std::vector<text::GazetteerEntry> entities;      // products, competitors, campaigns, keywords
  EngageConfig engage;                             // teams, employees, calendars, SLAs, routing rules
};

// Parses TOML text. Every problem is reported as "FILE:LINE:COLUMN: message", all of them, not just the
// first, so one run of `parley config check` shows everything to fix.
Result<OrgConfig> parse_org_config(const std::string& toml_text, const std::string& file_name);
Result<OrgConfig> load_org_config(const std::string& path);

}  // namespace parley
