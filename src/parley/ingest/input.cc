#include "parley/ingest/input.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace parley::ingest::detail {
namespace {

constexpr std::size_t kProgressStep = 1 << 20;
// Large reads keep fread overhead negligible; the buffer must also hold one maximal line while the next
// chunk is appended behind it.
constexpr std::size_t kChunk = 4u << 20;
constexpr std::size_t kBufferSize = kChunk + kMaxLineBytes + 1;
// Small inputs (a webhook body, every fuzzer run) should not pay for zeroing a large buffer; large ones
// reach the full size in a few reads (x4 each time the buffer fills).
constexpr std::size_t kInitialBuffer = 4 << 10;
// A large input grows the buffer (x4 per read that filled it) up to this size and no further unless one
// line needs more: reads of 256 KiB keep the syscall and memmove costs small, and the bytes just read are
// still in the 2 MiB L2 cache when the lines are parsed (4 MiB reads were not). Until this rule the buffer
// stayed at 4 KiB for any input whose lines fit, i.e. one read() per ~10 lines.
constexpr std::size_t kStreamingBuffer = 256 << 10;
// peek() grows its buffer from this size, doubling, rather than zeroing all it may be asked for at once.
constexpr std::size_t kPeekStep = 4 << 10;

}  // namespace

std::string_view strip_bom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

void Input::peek(std::size_t n) {
  if (pending_pos_ > 0) {
    pending_.erase(0, pending_pos_);
    pending_pos_ = 0;
  }
  while (pending_.size() < n && !failed_) {
    std::size_t old = pending_.size();
    // Grow step by step: a body of a few hundred bytes must not zero 64 KiB to find its end.
    std::size_t want = std::min(n, std::max(old * 2, old + kPeekStep));
    pending_.resize(want);
    std::size_t got = std::fread(pending_.data() + old, 1, want - old, f_);
    pending_.resize(old + got);
    if (got == 0) {
      if (std::ferror(f_)) {
        failed_ = true;
        errno_ = errno;
      }
      break;
    }
  }
}

std::size_t Input::read(char* dst, std::size_t n) {
  std::size_t avail = pending_.size() - pending_pos_;
  if (avail > 0) {
    std::size_t k = std::min(avail, n);
    std::memcpy(dst, pending_.data() + pending_pos_, k);
    pending_pos_ += k;
    if (pending_pos_ == pending_.size()) {
      pending_.clear();
      pending_.shrink_to_fit();
      pending_pos_ = 0;
    }
    return k;
  }
  if (failed_) return 0;
  std::size_t got = std::fread(dst, 1, n, f_);
  if (got == 0 && std::ferror(f_)) {
    failed_ = true;
    errno_ = errno;
  }
  return got;
}

Status Input::error_status() const {
  return Status::error("read error on " + std::string(name_) + ": " +
                       (errno_ ? std::strerror(errno_) : "I/O error"));
}

LineReader::LineReader(Input& in, RecordSink& sink)
    : in_(in), sink_(sink), buf_(kInitialBuffer + kJsonPadding), next_progress_(kProgressStep) {}

// Reports bytes handed out as lines, not bytes read ahead, so progress tracks the records delivered.
void LineReader::report_progress() {
  std::uint64_t consumed = bytes_read_ - (end_ - pos_);
  if (consumed >= next_progress_) {
    sink_.progress(consumed);
    next_progress_ = (consumed / kProgressStep + 1) * kProgressStep;
  }
}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  std::size_t cap = buf_.size() - kJsonPadding;
  // Grow only when one line fills the buffer, or while the input keeps filling whole reads: a small input
  // (a webhook body) must not pay for zeroing a larger buffer it will never use, which was most of a
  // single-post request's CPU.
  if (cap < kBufferSize && (end_ == cap || (last_read_full_ && cap < kStreamingBuffer)))
    buf_.resize(std::min(cap * 4, kBufferSize) + kJsonPadding);
  std::size_t want = buf_.size() - kJsonPadding - end_;
  std::size_t got = in_.read(buf_.data() + end_, want);
  last_read_full_ = got == want;
  if (got == 0) {
    eof_ = true;
    sink_.progress(bytes_read_);
    return false;
  }
  bytes_read_ += got;
  end_ += got;
  return true;
}

// Drops bytes up to and including the next newline without keeping them, so a runaway line (a file with
// no newlines at all, say) costs one buffer, not its own size.
void LineReader::skip_rest_of_long_line(Line& line) {
  std::size_t total = end_ - pos_;
  pos_ = end_ = 0;
  for (;;) {
    if (!fill()) break;
    const char* nl = static_cast<const char*>(std::memchr(buf_.data(), '\n', end_));
    if (nl) {
      std::size_t k = static_cast<std::size_t>(nl - buf_.data());
      total += k;
      if (k > 0 && buf_[k - 1] == '\r') --total;
      pos_ = k + 1;
      break;
    }
    total += end_;
    pos_ = end_ = 0;
  }
  line.text = {};
  line.too_long_bytes = total;
}

bool LineReader::next(Line& line) {
  for (;;) {
    if (at_start_) {
      // A BOM only means something at the very start of the input.
      while (end_ - pos_ < 3 && fill()) {
      }
      if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
      at_start_ = false;
    }
    const char* base = buf_.data() + pos_;
    std::size_t avail = end_ - pos_;
    const char* nl = static_cast<const char*>(std::memchr(base, '\n', avail));
    if (nl || (eof_ && avail > 0)) {
      std::size_t len = nl ? static_cast<std::size_t>(nl - base) : avail;
      pos_ += nl ? len + 1 : len;
      if (len > 0 && base[len - 1] == '\r') --len;
      line.number = ++line_no_;
      if (pos_ + bytes_read_ - end_ >= next_progress_) report_progress();
      if (len > kMaxLineBytes) {
        line.text = {};
        line.too_long_bytes = len;
      } else {
        line.text = {base, len};
        line.too_long_bytes = 0;
      }
      return true;
    }
    if (eof_) return false;
    if (avail > kMaxLineBytes) {
      line.number = ++line_no_;
      skip_rest_of_long_line(line);
      report_progress();
      return true;
    }
    if (!fill() && end_ == pos_) return false;
  }
}

std::uint64_t LineLocator::line_of(const char* p) {
  std::size_t off = static_cast<std::size_t>(p - doc_.data());
  if (p < doc_.data() || off > doc_.size()) return 1;
  if (off < pos_) {
    pos_ = 0;
    line_ = 1;
  }
  const char* s = doc_.data();
  for (std::size_t i = pos_; i < off; ++i) line_ += s[i] == '\n';
  pos_ = off;
  return line_;
}

Status read_all(Input& in, std::size_t limit, std::vector<char>& buf, std::size_t& size, RecordSink& sink) {
  size = 0;
  buf.resize(std::min<std::size_t>(limit, 1 << 20) + kJsonPadding);
  std::uint64_t next_progress = kProgressStep;
  for (;;) {
    if (buf.size() - kJsonPadding - size == 0) {
      if (size >= limit) {
        // One more byte tells "exactly at the limit" from "over it".
        char probe;
        if (in.read(&probe, 1) == 0) break;
        return Status::error("JSON document is over the " +
                             std::to_string(limit >> 20) + " MiB limit (kMaxDocumentBytes); split it into one "
                             "response per line (JSONL)");
      }
      buf.resize(std::min(limit, (buf.size() - kJsonPadding) * 2) + kJsonPadding);
    }
    std::size_t got = in.read(buf.data() + size, buf.size() - kJsonPadding - size);
    if (got == 0) break;
    size += got;
    if (size >= next_progress) {
      sink.progress(size);
      next_progress = (size / kProgressStep + 1) * kProgressStep;
    }
  }
  if (in.failed()) return in.error_status();
  sink.progress(size);
  std::fill(buf.begin() + static_cast<std::ptrdiff_t>(size), buf.end(), ' ');
  return Status::ok();
}

}  // namespace parley::ingest::detail
