// Job postings from files: plain text or markdown (one posting per file), or JSONL with one posting per
// line: {"text": "...", "title": "...", "id": "..."} (title and id optional). A YAML front matter block
// ("---" ... "---") is removed from the text; its `title:` is used when there is no other title. Without a
// title, a first markdown heading ("# Social Media Manager") is the title.
#pragma once

#include <string>
#include <vector>

#include "parley/core/status.h"
#include "parley/people/jd_analyzer.h"

namespace parley::people {

struct PostingFile {
  std::vector<Posting> postings;
  std::vector<std::string> errors;  // "FILE:LINE: reason" for rejected JSONL lines
};

// JSONL when the name ends in .jsonl/.ndjson or the first non-blank byte is '{'. An unreadable file, or
// one that is not UTF-8 text, is an error; bad JSONL lines are listed in `errors` and skipped.
Result<PostingFile> read_postings(const std::string& path);

// Front matter removed; its title (if any) returned through `title`.
std::string strip_front_matter(const std::string& text, std::string& title);

}  // namespace parley::people
