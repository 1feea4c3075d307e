// The organisation's configuration, from one readable TOML file (docs/config.md). Today it names what the
// analyser looks for: the organisation's products, its competitors, its campaign hashtags and keywords.
// Teams, employees, routing rules and SLA policies join it with the engage issue.
#pragma once

#include <string>
#include <vector>

#include "parley/core/status.h"
#include "parley/text/gazetteer.h"

namespace parley {

struct OrgConfig {
  std::string name;                                // the organisation's name
  std::vector<text::GazetteerEntry> entities;      // products, competitors, campaigns, keywords
};

// Parses TOML text. Every problem is reported as "FILE:LINE:COLUMN: message", all of them, not just the
// first, so one run of `parley config check` shows everything to fix.
Result<OrgConfig> parse_org_config(const std::string& toml_text, const std::string& file_name);
Result<OrgConfig> load_org_config(const std::string& path);

}  // namespace parley
