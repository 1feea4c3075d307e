#include "parley/cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace parley::cli {

ProgressBar::ProgressBar(std::uint64_t total_bytes, bool enabled)
    : total_(total_bytes),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_(start_ - std::chrono::seconds(1)) {}  // the first update draws at once

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(std::uint64_t bytes, std::uint64_t items, bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(100)) return;  // ten redraws a second at most
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? static_cast<double>(items) / secs : 0;
  char line[256];
  if (total_ > 0) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
    const int width = 30;
    int filled = static_cast<int>(frac * width);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < width) bar += '>', bar.append(static_cast<std::size_t>(width - filled - 1), ' ');
    double eta = frac > 0 ? secs / frac - secs : 0;
    std::snprintf(line, sizeof line, "\r[%s] %3.0f%%  %s / %s  %llu posts  %.0f posts/s  ETA %s ", bar.c_str(),
                  frac * 100, human_bytes(bytes).c_str(), human_bytes(total_).c_str(),
                  static_cast<unsigned long long>(items), rate, human_duration(eta).c_str());
  } else {
    std::snprintf(line, sizeof line, "\r%s  %llu posts  %.0f posts/s ", human_bytes(bytes).c_str(),
                  static_cast<unsigned long long>(items), rate);
  }
  std::fputs(line, stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

std::string human_bytes(std::uint64_t b) {
  char buf[32];
  if (b >= 1000000000ULL) std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(b) / 1e9);
  else if (b >= 1000000ULL) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(b) / 1e6);
  else if (b >= 1000ULL) std::snprintf(buf, sizeof buf, "%.0f kB", static_cast<double>(b) / 1e3);
  else std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(b));
  return buf;
}

std::string human_duration(double seconds) {
  if (seconds < 0) seconds = 0;
  auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  return buf;
}

}  // namespace parley::cli
