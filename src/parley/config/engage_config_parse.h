// Reads the engage sections of the organisation config (docs/config.md): [[functions]], [[teams]],
// [[employees]], [[calendars]], [[sla_policies]], [[rules]], [[outbox]] and [routing], then checks every
// cross-reference (a rule's team exists, an employee's teams exist, ...). Called by parse_org_config.
#pragma once

#include <string>
#include <vector>

#include "parley/config/config_reader.h"
#include "parley/config/engage_model.h"
#include "parley/text/gazetteer.h"

namespace parley::config {

// The top-level keys parse_engage reads.
const std::vector<std::string>& engage_sections();

// Fills `out` from `root`; every problem goes to `errors`. `entities` (already read) are what a rule's
// `topic` may name.
void parse_engage(const toml::table& root, const std::vector<text::GazetteerEntry>& entities, EngageConfig& out,
                  ConfigErrors& errors);

}  // namespace parley::config
