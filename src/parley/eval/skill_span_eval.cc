#include "parley/eval/skill_span_eval.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "parley/people/skill_cues.h"

namespace parley::eval {

Result<std::vector<SkillSpanDoc>> read_skillspan(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error(path + ": cannot open");
  std::vector<SkillSpanDoc> docs;
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("text"))
      return Status::error(path + ":" + std::to_string(n) + ": not a SkillSpan posting");
    SkillSpanDoc d;
    d.id = j.value("id", "");
    d.split = j.value("split", "");
    d.text = j["text"].get<std::string>();
    d.skill_spans = j.value("gold_skill_spans", std::vector<std::string>{});
    d.knowledge_spans = j.value("gold_knowledge_spans", std::vector<std::string>{});
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<Span> locate_spans(const std::string& text, const std::vector<std::string>& spans) {
  std::vector<Span> out;
  std::size_t cursor = 0;
  for (const auto& s : spans) {
    if (s.empty()) { out.push_back({}); continue; }
    auto p = text.find(s, cursor);
    if (p == std::string::npos) p = text.find(s);
    if (p == std::string::npos) { out.push_back({}); continue; }
    out.push_back({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + s.size())});
    cursor = p + s.size();
  }
  return out;
}

namespace {

bool overlaps(const Span& a, const Span& b) { return a.end > 0 && b.end > 0 && a.begin < b.end && b.begin < a.end; }

double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

SpanScores score_skill_spans(const std::vector<SkillSpanDoc>& docs, const std::string& split,
                             const std::vector<std::vector<Span>>& predicted) {
  SpanScores s;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const auto& doc = docs[d];
    if (!split.empty() && doc.split != split) continue;
    ++s.docs;
    const auto skills = locate_spans(doc.text, doc.skill_spans);
    const auto knowledge = locate_spans(doc.text, doc.knowledge_spans);
    const auto& pred = predicted[d];
    auto found = [&](const Span& g) {
      for (const auto& p : pred)
        if (overlaps(g, p)) return true;
      return false;
    };
    for (const auto& g : skills) {
      ++s.gold_skill;
      s.gold_located += g.end > 0;
      s.skill_found += found(g);
    }
    for (const auto& g : knowledge) {
      ++s.gold_knowledge;
      s.gold_located += g.end > 0;
      s.knowledge_found += found(g);
    }
    for (const auto& p : pred) {
      ++s.predicted;
      bool ok = false;
      for (const auto* list : {&skills, &knowledge})
        for (const auto& g : *list) ok = ok || overlaps(g, p);
      s.predicted_correct += ok;
    }
  }
  s.gold = s.gold_skill + s.gold_knowledge;
  s.gold_found = s.skill_found + s.knowledge_found;
  s.recall = s.gold ? static_cast<double>(s.gold_found) / s.gold : 0;
  s.recall_skill = s.gold_skill ? static_cast<double>(s.skill_found) / s.gold_skill : 0;
  s.recall_knowledge = s.gold_knowledge ? static_cast<double>(s.knowledge_found) / s.gold_knowledge : 0;
  s.precision = s.predicted ? static_cast<double>(s.predicted_correct) / s.predicted : 0;
  s.f1 = f1(s.precision, s.recall);
  return s;
}

SpanScores eval_skill_spans(const std::vector<SkillSpanDoc>& docs, const std::string& split,
                            const people::SkillMatcher& matcher, bool cues) {
  std::vector<std::vector<Span>> predicted(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (!split.empty() && docs[d].split != split) continue;
    for (const auto& m : matcher.find(docs[d].text)) predicted[d].push_back({m.begin, m.end});
    if (!cues) continue;
    // A cue phrase that overlaps a taxonomy match says the same thing once more: not another prediction.
    const auto matched = predicted[d];
    for (const auto& c : people::cue_phrases(docs[d].text)) {
      const Span span{c.begin, c.end};
      if (std::none_of(matched.begin(), matched.end(), [&](const Span& m) { return overlaps(m, span); }))
        predicted[d].push_back(span);
    }
  }
  return score_skill_spans(docs, split, predicted);
}

}  // namespace parley::eval
