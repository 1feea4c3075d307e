// The JSON form of a job-description draft (jd_generator.h): what `parley jd generate --json` prints and
// GET /api/v1/teams/{team}/jd-draft answers. The analysis is the same object `parley jd analyze --json`
// gives for one posting (jd_json.h).
#pragma once

#include <nlohmann/json.hpp>

#include "parley/people/jd_generator.h"

namespace parley::people {

nlohmann::json to_json(const JdDraft& d, const Taxonomy& t);

}  // namespace parley::people
