// Skill extraction measured against SkillSpan's gold spans (Zhang et al., NAACL 2022), read from
// ../shared/data/skills/postings/skillspan_postings.jsonl: EVAL ONLY (never copied, never used to build the
// taxonomy). Gold spans come as strings; each is located in its posting's text in order (the next
// occurrence after the previous span, else the first anywhere). The match is lenient, as for overlap-based
// span F1: a gold span is found when a predicted span overlaps it, a predicted span is correct when it
// overlaps a gold span (SKILL or KNOWLEDGE). Unlocatable gold spans count as missed.
#pragma once

#include <string>
#include <vector>

#include "parley/core/status.h"
#include "parley/people/skill_matcher.h"

namespace parley::eval {

struct SkillSpanDoc {
  std::string id, split, text;
  std::vector<std::string> skill_spans, knowledge_spans;
};

Result<std::vector<SkillSpanDoc>> read_skillspan(const std::string& path);

struct SpanScores {
  int docs = 0;
  int gold = 0, gold_located = 0, gold_found = 0;  // skill + knowledge spans
  int gold_skill = 0, skill_found = 0, gold_knowledge = 0, knowledge_found = 0;
  int predicted = 0, predicted_correct = 0;
  double precision = 0, recall = 0, f1 = 0, recall_skill = 0, recall_knowledge = 0;
};

struct Span {
  std::uint32_t begin = 0, end = 0;
};

// Byte spans of `spans` in `text`, in order; {npos-like 0,0} entries for spans not found (end == 0).
std::vector<Span> locate_spans(const std::string& text, const std::vector<std::string>& spans);

// Scores the predicted spans of each document; `split` "" means every document.
SpanScores score_skill_spans(const std::vector<SkillSpanDoc>& docs, const std::string& split,
                             const std::vector<std::vector<Span>>& predicted);

// Predictions by the matcher (and, with `cues`, the phrases of people::cue_phrases), then scores.
SpanScores eval_skill_spans(const std::vector<SkillSpanDoc>& docs, const std::string& split,
                            const people::SkillMatcher& matcher, bool cues = false);

}  // namespace parley::eval
