// Builds data/skills/taxonomy.tsv and data/skills/occupations.tsv from the ESCO v1.1.1 and O*NET 29.2
// extracts in ../shared/data/skills (both may ship, with attribution: data/skills/README.md). Deterministic:
// the same extracts give the same bytes, and tests/people/taxonomy_build_test.cc checks the shipped files.
//
//   build/build_taxonomy --skills ../shared/data/skills --out data/skills      (`make taxonomy`)
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "parley/people/taxonomy_build.h"

int main(int argc, char** argv) {
  std::string skills = "../shared/data/skills", out = "data/skills";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--skills") == 0 && i + 1 < argc) { skills = argv[++i]; continue; }
    if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) { out = argv[++i]; continue; }
    std::fprintf(stderr, "usage: build_taxonomy [--skills DIR] [--out DIR]\n");
    return 2;
  }
  auto built = parley::people::build_taxonomy(skills);
  if (!built) {
    std::fprintf(stderr, "build_taxonomy: %s\n", built.message().c_str());
    return 2;
  }
  for (auto [name, text] : {std::pair<const char*, const std::string*>{"taxonomy.tsv", &built->taxonomy_tsv},
                            {"occupations.tsv", &built->occupations_tsv}}) {
    const std::string path = out + "/" + name;
    std::ofstream f(path, std::ios::binary);
    f << *text;
    if (!f) {
      std::fprintf(stderr, "build_taxonomy: cannot write %s\n", path.c_str());
      return 2;
    }
  }
  std::printf("%zu skills, %zu occupations -> %s/{taxonomy,occupations}.tsv\n", built->skills, built->occupations,
              out.c_str());
  return 0;
}
