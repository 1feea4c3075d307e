#include "parley/people/posting_input.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "parley/core/utf8.h"

namespace parley::people {

namespace {

std::string unquote(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  std::size_t a = s.find_first_not_of(' ');
  s = a == std::string::npos ? "" : s.substr(a);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
  return s;
}

// The first "# heading" line of markdown, without the hashes.
std::string first_heading(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("# ")) return unquote(line.substr(2));
    if (line.find_first_not_of(" \t\r") != std::string::npos && !line.starts_with("#")) return "";
  }
  return "";
}

Posting make_posting(std::string id, std::string title, const std::string& raw) {
  std::string fm_title;
  std::string text = strip_front_matter(raw, fm_title);
  if (title.empty()) title = fm_title;
  if (title.empty()) title = first_heading(text);
  return {std::move(id), std::move(title), std::move(text)};
}

}  // namespace

std::string strip_front_matter(const std::string& text, std::string& title) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) return text;
  auto end = text.find("\n---", 3);
  if (end == std::string::npos) return text;
  std::istringstream in(text.substr(4, end - 4));
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with("title:")) title = unquote(line.substr(6));
  auto after = text.find('\n', end + 4);
  return after == std::string::npos ? std::string() : text.substr(after + 1);
}

Result<PostingFile> read_postings(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error(path + ": cannot open");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string content = ss.str();
  if (looks_binary(std::string_view(content).substr(0, 4096))) return Status::error(path + ": not a text file");
  PostingFile out;
  const auto first = content.find_first_not_of(" \t\r\n");
  const bool jsonl = path.ends_with(".jsonl") || path.ends_with(".ndjson") ||
                     (first != std::string::npos && content[first] == '{');
  if (!jsonl) {
    if (!is_valid_utf8(content))
      return Status::error(path + ": not valid UTF-8 (at byte " + std::to_string(first_invalid_utf8(content)) + ")");
    out.postings.push_back(make_posting(path, "", content));
    return out;
  }
  std::istringstream in(content);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(n) + ": ";
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) { out.errors.push_back(where + "not valid JSON"); continue; }
    if (!j.is_object()) { out.errors.push_back(where + "not a JSON object"); continue; }
    if (!j.contains("text") || !j["text"].is_string()) {
      out.errors.push_back(where + "no \"text\" string");
      continue;
    }
    std::string id = path + ":" + std::to_string(n), title;
    if (j.contains("id") && j["id"].is_string()) id = j["id"].get<std::string>();
    else if (j.contains("id") && j["id"].is_number_integer()) id = std::to_string(j["id"].get<long long>());
    if (j.contains("title") && j["title"].is_string()) title = j["title"].get<std::string>();
    out.postings.push_back(make_posting(std::move(id), std::move(title), j["text"].get<std::string>()));
  }
  return out;
}

}  // namespace parley::people
