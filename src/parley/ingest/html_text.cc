#include "parley/ingest/html_text.h"

#include <cstdint>
#include <cstring>

namespace parley::ingest {
namespace {

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the reference starting at s[0] == '&'. Returns bytes consumed, 0 if it is not one we know.
std::size_t decode_one(std::string_view s, std::string& out) {
  std::size_t semi = s.find(';', 1);
  if (semi == std::string_view::npos || semi > 12) return 0;
  std::string_view name = s.substr(1, semi - 1);
  if (name.size() >= 2 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t cp = 0;
    for (char c : digits) {
      unsigned v;
      if (c >= '0' && c <= '9') v = static_cast<unsigned>(c - '0');
      else if (hex && c >= 'a' && c <= 'f') v = static_cast<unsigned>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F') v = static_cast<unsigned>(c - 'A' + 10);
      else return 0;
      cp = cp * (hex ? 16 : 10) + v;
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate: still invalid, no overflow
    }
    append_utf8(cp, out);
    return semi + 1;
  }
  struct Named { const char* name; const char* text; };
  static constexpr Named kNamed[] = {{"amp", "&"},  {"lt", "<"},   {"gt", ">"},        {"quot", "\""},
                                     {"apos", "'"}, {"#39", "'"},  {"nbsp", "\xC2\xA0"}};
  for (const auto& n : kNamed) {
    if (name == n.name) {
      out += n.text;
      return semi + 1;
    }
  }
  return 0;
}

bool tag_is(std::string_view tag, std::string_view name) {
  if (tag.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = tag[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != name[i]) return false;
  }
  if (tag.size() == name.size()) return true;
  char next = tag[name.size()];
  return next == ' ' || next == '/' || next == '\t' || next == '\n' || next == '\r';
}

void trim_trailing_spaces(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
}

void newline(std::string& out, int count) {
  trim_trailing_spaces(out);
  if (out.empty()) return;  // leading block breaks carry no text
  int have = 0;
  for (auto it = out.rbegin(); it != out.rend() && *it == '\n' && have < count; ++it) ++have;
  out.append(static_cast<std::size_t>(count - have), '\n');
}

}  // namespace

void append_decoded_entities(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, amp - i));
    std::size_t used = decode_one(s.substr(amp), out);
    if (used == 0) {
      out += '&';
      i = amp + 1;
    } else {
      i = amp + used;
    }
  }
}

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_decoded_entities(s, out);
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t close = html.find('>', i + 1);
      if (close == std::string_view::npos) {  // a stray '<' is text, not a tag
        append_decoded_entities(html.substr(i), out);
        break;
      }
      std::string_view tag = html.substr(i + 1, close - i - 1);
      bool end_tag = !tag.empty() && tag[0] == '/';
      if (end_tag) tag.remove_prefix(1);
      if (tag_is(tag, "br")) {
        trim_trailing_spaces(out);
        out += '\n';
      } else if (tag_is(tag, "p")) {
        newline(out, 2);
      } else if (end_tag && (tag_is(tag, "div") || tag_is(tag, "li") || tag_is(tag, "blockquote") ||
                             (tag.size() >= 2 && (tag[0] == 'h' || tag[0] == 'H') && tag[1] >= '1' &&
                              tag[1] <= '6'))) {
        newline(out, 1);
      }
      i = close + 1;
      continue;
    }
    std::size_t next = html.find_first_of("<\n\r", i);
    if (next == std::string_view::npos) next = html.size();
    if (next > i) {
      std::string_view run = html.substr(i, next - i);
      // Spaces right after a generated line break are layout, not text.
      if (!out.empty() && out.back() == '\n') {
        std::size_t k = run.find_first_not_of(" \t");
        run.remove_prefix(k == std::string_view::npos ? run.size() : k);
      }
      append_decoded_entities(run, out);
      i = next;
    }
    if (i < html.size() && (html[i] == '\n' || html[i] == '\r')) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
      ++i;
    }
  }
  trim_trailing_spaces(out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  trim_trailing_spaces(out);
  std::size_t start = out.find_first_not_of(" \n\t");
  if (start == std::string::npos) return {};
  out.erase(0, start);
  return out;
}

}  // namespace parley::ingest
