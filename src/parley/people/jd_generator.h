// A draft job description for the role a team's gaps call for: the skills it is short of (by part of the
// day), the work its cases ask for, the hours that are uncovered, filled out from the nearest ESCO/O*NET
// occupation so the three kinds of skill are balanced, and worded without gender-coded words or
// exclusionary phrases. Every line carries its "why": the gap cell, recommendation, taxonomy link or
// occupation profile it came from. The draft is then run through the JD analyser, whose report comes with
// it. Rules in docs/skills.md ("Job description drafts").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parley/config/engage_model.h"
#include "parley/people/jd_analyzer.h"
#include "parley/people/team_gaps.h"

namespace parley::people {

// Skills of each type the draft aims for: as many as the most-named type, within these bounds. Two is the
// least that makes a type visible to a reader; past four the list reads as a wish list.
inline constexpr int kMinPerType = 2;
inline constexpr int kMaxPerType = 4;
inline constexpr std::size_t kMaxNiceToHave = 4;
inline constexpr std::size_t kMaxCoreWithoutShortage = 3;  // no shortage: the team's most-demanded skills

enum class DraftSection { summary, duties, required, nice, hours };
std::string_view to_string(DraftSection s);
std::string_view heading(DraftSection s);  // "About the role", "What you will do", ...

struct DraftLine {
  DraftSection section = DraftSection::summary;
  std::string text;
  // Where it came from: "team", "shortage" (a short gap cell), "demand" (a cell that is not short),
  // "intent", "channel", "occupation" (filled from a profile), "hours".
  std::string origin;
  std::vector<std::string> org_skills;         // the organisation's skill names it stands for
  std::size_t skill = std::string::npos;       // the taxonomy skill it names, npos when none
  std::vector<std::string> why;
};

struct JdDraft {
  std::string team, team_name, time_zone;
  std::int64_t since = 0, until = 0;
  std::string title;
  bool title_given = false;
  std::vector<std::string> short_skills;       // organisation skill names short in some part of the day
  std::vector<DayPart> short_parts;
  const Occupation* occupation = nullptr;      // the profile that filled the balance, if any was needed
  std::vector<DraftLine> lines;                // in text order
  Posting posting;                             // title and the whole text
  JdReport report;                             // the analyser on `posting`
};

// `title` empty: the team's function or name plus the short languages and parts of the day ("Customer care
// specialist (Spanish, nights)"). The analyser supplies the taxonomy, its matcher and the word lists.
JdDraft draft_job_description(const TeamGaps& gaps, const EngageConfig& config, const JdAnalyzer& analyzer,
                              std::string_view title = {});

}  // namespace parley::people
