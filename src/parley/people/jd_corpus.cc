#include "parley/people/jd_corpus.h"

#include <algorithm>
#include <map>

namespace parley::people {

CorpusSummary summarize(const std::vector<JdReport>& reports, const CorpusBoilerplate& boilerplate, std::size_t top) {
  CorpusSummary s;
  s.postings = reports.size();
  s.boilerplate = boilerplate;
  std::map<std::size_t, std::size_t> count;
  std::array<double, kSkillTypes> types{};
  double balance = 0;
  for (const auto& r : reports) {
    if (r.social_skills) {
      ++s.social_skills;
      if (!r.social_title) ++s.social_skills_no_social_title;
    }
    for (const auto& a : r.skills) ++count[a.skill];
    for (int t = 0; t < kSkillTypes; ++t) types[static_cast<std::size_t>(t)] += r.by_type[static_cast<std::size_t>(t)];
    balance += r.balance;
    s.gender_masculine += r.gender.masculine > r.gender.feminine;
    s.gender_feminine += r.gender.feminine > r.gender.masculine;
    s.with_exclusionary += !r.exclusionary.empty();
  }
  if (s.postings) {
    s.share_social_no_title = static_cast<double>(s.social_skills_no_social_title) / static_cast<double>(s.postings);
    s.mean_balance = balance / static_cast<double>(s.postings);
  }
  if (s.social_skills)
    s.share_of_social_without_title =
        static_cast<double>(s.social_skills_no_social_title) / static_cast<double>(s.social_skills);
  double all = types[0] + types[1] + types[2];
  for (int t = 0; t < kSkillTypes; ++t) s.type_share[static_cast<std::size_t>(t)] = all > 0 ? types[static_cast<std::size_t>(t)] / all : 0;
  std::vector<std::pair<std::size_t, std::size_t>> v(count.begin(), count.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  if (v.size() > top) v.resize(top);
  s.top_skills = std::move(v);
  return s;
}

}  // namespace parley::people
