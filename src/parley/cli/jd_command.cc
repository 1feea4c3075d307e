// `parley jd analyze FILE... [--corpus FILE...] [--json] [--summary]`: job descriptions against the skills
// taxonomy (data/skills), with boilerplate shared across the postings given, gender-coded wording,
// exclusionary phrases and suggestions; a corpus summary when there are several postings.
// `parley jd generate --config F --team T`: a draft job description from the team's gaps, with the "why" of
// every line and the same analysis of the draft. Nothing is stored.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/cli/progress_bar.h"
#include "parley/cli/read_db.h"
#include "parley/config/org_config.h"
#include "parley/core/time.h"
#include "parley/people/jd_corpus.h"
#include "parley/people/jd_draft_json.h"
#include "parley/people/jd_generator.h"
#include "parley/people/jd_json.h"
#include "parley/people/posting_input.h"

namespace parley::cli {
namespace {

using namespace parley::people;

struct JdFlags {
  std::vector<std::string> files, corpus;
  bool json = false, summary_only = false;
  std::size_t top = 10;
};

struct GenerateFlags {
  std::string config, team, title, since, until;
  bool json = false;
};

constexpr std::size_t kShownErrors = 20;

std::string pct(double x) {
  char b[16];
  std::snprintf(b, sizeof b, "%.1f%%", 100.0 * x);
  return b;
}

std::string fixed(double x, int digits = 2) {
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", digits, x);
  return b;
}

const char* type_heading(int t) {
  return t == 0 ? "tools & knowledge" : t == 1 ? "relationship & communication" : "strategic & analytical";
}

void print_report(const Posting& p, const JdReport& r, const Taxonomy& t, const std::vector<const Posting*>& all) {
  std::printf("== %s%s%s\n", p.id.c_str(), p.title.empty() ? "" : " - ", p.title.c_str());
  std::printf("Skills asked (%zu): tools & knowledge %d, relationship & communication %d, strategic & analytical %d; "
              "balance %s\n",
              r.skills.size(), r.by_type[0], r.by_type[1], r.by_type[2], fixed(r.balance).c_str());
  for (int ty = 0; ty < kSkillTypes; ++ty) {
    std::string line;
    for (const auto& a : r.skills) {
      const Skill& s = t.skills()[a.skill];
      if (static_cast<int>(s.type) != ty) continue;
      line += (line.empty() ? "" : ", ") + s.label;
    }
    if (!line.empty()) std::printf("  %s: %s\n", type_heading(ty), line.c_str());
  }
  if (!r.other_skills.empty()) {
    std::string line;
    for (const auto& c : r.other_skills) line += (line.empty() ? "" : "; ") + c.text;
    std::printf("  also asked, not in the taxonomy (%zu): %s\n", r.other_skills.size(), line.c_str());
  }
  if (r.nearest) {
    std::printf("Nearest occupation: %s (%s), by %s\n", r.nearest->label.c_str(), r.nearest->id.c_str(),
                r.nearest_by_title ? "title and skills" : "skills");
    if (!r.missing.empty()) {
      std::string line;
      for (std::size_t i = 0; i < r.missing.size() && i < 12; ++i)
        line += (i ? ", " : "") + t.skills()[r.missing[i]].label;
      if (r.missing.size() > 12) line += ", ... (" + std::to_string(r.missing.size() - 12) + " more)";
      std::printf("  essential skills not mentioned (%zu): %s\n", r.missing.size(), line.c_str());
    }
  } else {
    std::printf("Nearest occupation: none (no skill of any profile mentioned)\n");
  }
  const auto& b = r.boilerplate;
  std::printf("Boilerplate: %s of %zu words in %zu paragraph(s) shared with other postings\n",
              pct(b.shared_share).c_str(), b.words, b.shared.size());
  for (const auto& sp : b.shared) {
    std::string with;
    for (std::size_t i = 0; i < sp.docs.size() && i < 3; ++i) with += (i ? ", " : "") + all[sp.docs[i]]->id;
    if (sp.docs.size() > 3) with += ", ... (" + std::to_string(sp.docs.size()) + " postings)";
    std::printf("  \"%s\" also in %s\n", jd_excerpt(std::string_view(p.text).substr(sp.begin, sp.end - sp.begin)).c_str(),
                with.c_str());
  }
  for (auto [d, jac] : b.near_duplicates)
    std::printf("  near-duplicate of %s (similarity %s)\n", all[d]->id.c_str(), fixed(jac).c_str());
  std::string fem, masc;
  for (const auto& w : r.gender.words) {
    auto& list = w.masculine ? masc : fem;
    if (list.find(w.word) == std::string::npos) list += (list.empty() ? "" : ", ") + w.word;
  }
  std::printf("Gender-coded wording: %s (masculine %d: %s; feminine %d: %s)\n", r.gender.verdict.c_str(),
              r.gender.masculine, masc.empty() ? "-" : masc.c_str(), r.gender.feminine, fem.empty() ? "-" : fem.c_str());
  if (r.exclusionary.empty()) std::printf("Exclusionary phrases: none found\n");
  for (const auto& h : r.exclusionary)
    std::printf("Exclusionary phrase: \"%s\" (%s)\n", p.text.substr(h.begin, h.end - h.begin).c_str(),
                exclusionary_phrases()[h.phrase].category.c_str());
  if (!r.suggestions.empty()) std::printf("Suggestions:\n");
  for (const auto& s : r.suggestions) std::printf("  - %s\n", s.c_str());
  std::printf("\n");
}

nlohmann::json summary_json(const CorpusSummary& s, const Taxonomy& t) {
  nlohmann::json top = nlohmann::json::array();
  for (auto [skill, n] : s.top_skills)
    top.push_back({{"id", t.skills()[skill].id}, {"label", t.skills()[skill].label}, {"postings", n}});
  return {{"postings", s.postings},
          {"social_skills", s.social_skills},
          {"social_skills_without_social_title", s.social_skills_no_social_title},
          {"share_social_skills_without_social_title", s.share_social_no_title},
          {"share_of_social_skill_postings_without_social_title", s.share_of_social_without_title},
          {"top_skills", top},
          {"type_share", {{"tool_knowledge", s.type_share[0]}, {"relationship_communication", s.type_share[1]},
                          {"strategic_analytical", s.type_share[2]}}},
          {"mean_balance", s.mean_balance},
          {"masculine_coded", s.gender_masculine},
          {"feminine_coded", s.gender_feminine},
          {"with_exclusionary_phrases", s.with_exclusionary},
          {"boilerplate", {{"mean_shared_share", s.boilerplate.mean_shared_share},
                           {"postings_with_shared_paragraphs", s.boilerplate.docs_with_shared},
                           {"repeated_in_5_or_more_share", s.boilerplate.repeated_share}}}};
}

void print_summary(const CorpusSummary& s, const Taxonomy& t) {
  std::printf("== Corpus: %zu postings\n", s.postings);
  std::printf("Ask for social media skills: %zu (%s); without \"social\" in the title: %zu (%s of all postings, "
              "%s of those asking)\n",
              s.social_skills, pct(s.postings ? double(s.social_skills) / double(s.postings) : 0).c_str(),
              s.social_skills_no_social_title, pct(s.share_social_no_title).c_str(),
              pct(s.share_of_social_without_title).c_str());
  std::printf("Most common skills:");
  for (std::size_t i = 0; i < s.top_skills.size(); ++i)
    std::printf("%s %s (%zu)", i ? "," : "", t.skills()[s.top_skills[i].first].label.c_str(), s.top_skills[i].second);
  std::printf("\nSkill types: tools & knowledge %s, relationship & communication %s, strategic & analytical %s; "
              "mean balance %s\n",
              pct(s.type_share[0]).c_str(), pct(s.type_share[1]).c_str(), pct(s.type_share[2]).c_str(),
              fixed(s.mean_balance).c_str());
  std::printf("Boilerplate: mean shared share %s; %zu postings share paragraphs; %s of long-paragraph text repeats in "
              "%zu+ postings\n",
              pct(s.boilerplate.mean_shared_share).c_str(), s.boilerplate.docs_with_shared,
              pct(s.boilerplate.repeated_share).c_str(), kRepeatedIn);
  std::printf("Gender coding: %zu masculine-coded, %zu feminine-coded; %zu with exclusionary phrases\n",
              s.gender_masculine, s.gender_feminine, s.with_exclusionary);
}

int run_jd_analyze(const JdFlags& f) {
  const auto& taxonomy = Taxonomy::shipped();
  if (!taxonomy) {
    std::cerr << "parley jd: " << taxonomy.message() << "\n";
    return kUsageOrIo;
  }
  const auto& stems = GenderedStems::shipped();
  if (!stems) {
    std::cerr << "parley jd: " << stems.message() << "\n";
    return kUsageOrIo;
  }
  std::vector<Posting> postings, corpus;
  std::vector<std::string> errors;
  for (auto [list, out] : {std::pair{&f.files, &postings}, std::pair{&f.corpus, &corpus}}) {
    for (const auto& path : *list) {
      auto r = read_postings(path);
      if (!r) {
        std::cerr << "parley jd: " << r.message() << "\n";
        return kUsageOrIo;
      }
      for (auto& p : r->postings) out->push_back(std::move(p));
      for (auto& e : r->errors) errors.push_back(std::move(e));
    }
  }
  for (std::size_t i = 0; i < errors.size() && i < kShownErrors; ++i) std::cerr << errors[i] << "\n";
  if (errors.size() > kShownErrors) std::cerr << "... " << errors.size() - kShownErrors << " more rejected\n";
  if (postings.empty()) {
    std::cerr << "parley jd: no postings to analyze\n";
    return errors.empty() ? kUsageOrIo : kSomeRejected;
  }

  std::vector<const Posting*> all;
  BoilerplateIndex index;
  std::uint64_t total = 0;
  for (const auto* list : {&postings, &corpus})
    for (const auto& p : *list) {
      index.add(p.text);
      all.push_back(&p);
      total += p.text.size();
    }
  JdAnalyzer analyzer(*taxonomy, *stems);
  ProgressBar bar(total, ProgressBar::stderr_is_terminal() && postings.size() > 20);
  std::vector<JdReport> reports;
  std::uint64_t done = 0;
  std::vector<std::size_t> own;
  for (std::size_t i = 0; i < postings.size(); ++i) {
    auto r = analyzer.analyze(postings[i]);
    analyzer.add_boilerplate(r, index.report(i));
    reports.push_back(std::move(r));
    own.push_back(i);
    done += postings[i].text.size();
    bar.update(done, i + 1);
  }
  bar.finish();
  const bool corpus_mode = postings.size() >= 2;
  CorpusSummary summary;
  if (corpus_mode) summary = summarize(reports, index.summary(own), f.top);

  if (f.json) {
    nlohmann::json out;
    if (!f.summary_only) {
      out["postings"] = nlohmann::json::array();
      for (std::size_t i = 0; i < postings.size(); ++i)
        out["postings"].push_back(jd_report_json(postings[i], reports[i], *taxonomy, all));
    }
    out["summary"] = corpus_mode ? summary_json(summary, *taxonomy) : nlohmann::json(nullptr);
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    if (!f.summary_only)
      for (std::size_t i = 0; i < postings.size(); ++i) print_report(postings[i], reports[i], *taxonomy, all);
    if (corpus_mode) print_summary(summary, *taxonomy);
  }
  return errors.empty() ? kOk : kSomeRejected;
}

int generate_fail(const std::string& message) {
  std::cerr << "parley jd generate: " << message << "\n";
  return kUsageOrIo;
}

int run_jd_generate(const Globals& g, const GenerateFlags& f) {
  auto config = load_org_config(f.config);
  if (!config) return generate_fail(config.message());
  if (!config->engage.team(f.team)) return generate_fail("no team '" + f.team + "' in " + f.config);
  std::int64_t since = 0, until = 0;
  for (auto [text, out] : {std::pair{&f.since, &since}, std::pair{&f.until, &until}}) {
    if (text->empty()) continue;
    auto t = parse_iso8601_ms(*text);
    if (!t) return generate_fail("--since and --until take ISO 8601 times (2026-11-01T00:00:00Z)");
    *out = *t;
  }
  if (since && until && until <= since) return generate_fail("--until must be after --since");
  auto analyzer = shipped_jd_analyzer();
  if (!analyzer) return generate_fail(analyzer.message());
  auto db = open_read_db(g.db);
  if (!db) return generate_fail(db.message());
  auto gaps = measure_team_gaps(*db, config->engage, f.team, since, until,
                                static_cast<std::int64_t>(std::time(nullptr)) * 1000);
  if (!gaps) return generate_fail(gaps.message());
  const JdDraft d = draft_job_description(*gaps, config->engage, **analyzer, f.title);
  const Taxonomy& t = (*analyzer)->taxonomy();
  if (f.json) {
    std::cout << to_json(d, t).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kOk;
  }
  std::printf("%s\n== Why each line\n", d.posting.text.c_str());
  for (const auto& l : d.lines) {
    std::printf("[%s] %s\n", std::string(heading(l.section)).c_str(), l.text.c_str());
    for (const auto& w : l.why) std::printf("    <- %s\n", w.c_str());
  }
  std::printf("\n== Analysis of the draft\n");
  print_report(d.posting, d.report, t, {&d.posting});
  return kOk;
}

}  // namespace

void add_jd_command(CLI::App& app, Globals& g) {
  auto* jd = app.add_subcommand("jd", "Job descriptions: analyse postings, or draft one from a team's gaps");
  jd->require_subcommand(1);
  auto f = std::make_shared<JdFlags>();
  auto* cmd = jd->add_subcommand(
      "analyze",
      "Analyse job postings against the skills taxonomy (ESCO v1.1.1 + O*NET 29.2, data/skills).\n"
      "FILE: plain text or markdown (one posting per file), or JSONL with {\"text\", \"title\", \"id\"} per line.\n"
      "Several postings also give a corpus summary. Docs: docs/skills.md.");
  cmd->add_option("FILE", f->files, "Postings to analyse")->required()->check(CLI::ExistingFile);
  cmd->add_option("--corpus", f->corpus, "More postings, compared with for boilerplate only (not reported)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", f->json, "Print JSON instead of the readable report");
  cmd->add_flag("--summary", f->summary_only, "Only the corpus summary, no report per posting");
  cmd->add_option("--top", f->top, "Skills listed in the corpus summary")->capture_default_str();
  cmd->callback([&g, f] { g.exit_code = run_jd_analyze(*f); });

  auto gf = std::make_shared<GenerateFlags>();
  auto* gen = jd->add_subcommand(
      "generate",
      "Draft a job description from a team's gaps (parley people gaps): the short skills and hours, the work its\n"
      "cases ask for, balanced from the nearest ESCO/O*NET occupation, in neutral wording; each line with its\n"
      "reason, and the draft's own analysis. Reads --db; writes nothing. Docs: docs/skills.md.");
  gen->add_option("--config", gf->config, "organisation config (TOML)")->required()->check(CLI::ExistingFile);
  gen->add_option("--team", gf->team, "team id")->required();
  gen->add_option("--title", gf->title, "the role's title; default from the team's function or name and its gaps");
  gen->add_option("--since", gf->since, "cases opened at or after (ISO 8601); default 30 days before --until");
  gen->add_option("--until", gf->until, "cases opened before (ISO 8601); default just after the team's latest case");
  gen->add_flag("--json", gf->json, "print JSON (the API's shape)");
  gen->callback([&g, gf] { g.exit_code = run_jd_generate(g, *gf); });
}

}  // namespace parley::cli
