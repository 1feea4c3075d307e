// The JSON form of a job-description analysis (jd_analyzer.h): what `parley jd analyze --json` prints for
// each posting and what POST /api/v1/jd/analyze answers. docs/skills.md defines every figure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/status.h"
#include "parley/people/jd_analyzer.h"

namespace parley::people {

// First `n` characters of a paragraph on one line (UTF-8 safe), with "..." when cut.
std::string jd_excerpt(std::string_view s, std::size_t n = 70);

// One posting's report. `all` is every posting the boilerplate index was built from, in the order they were
// added (it names the postings a paragraph is shared with).
nlohmann::json jd_report_json(const Posting& p, const JdReport& r, const Taxonomy& t,
                              const std::vector<const Posting*>& all);

// One posting on its own, with the shipped taxonomy and word lists: the report `parley jd analyze --json`
// gives for a single posting (its boilerplate is measured against nothing else, so it finds none). The
// analyser is built once and shared; safe to call from several threads.
Result<nlohmann::json> analyze_posting_json(const Posting& p);

// The analyser of the shipped taxonomy and word lists, built once (thread-safe to use); an error when the
// data files are missing.
Result<const JdAnalyzer*> shipped_jd_analyzer();

// A report with its boilerplate measured against the posting alone, as analyze_posting_json() gives it.
JdReport analyze_alone(const JdAnalyzer& analyzer, const Posting& p);

}  // namespace parley::people
