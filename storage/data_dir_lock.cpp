#include "storage/data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <sstream>
#include <thread>
#include <utility>

namespace paike {

namespace {

std::string local_now() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

// The file is written by whoever holds the lock; a reader prints it, so it is kept to one
// short printable line per field.
std::string printable_line(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 200)) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  return out;
}

struct LockHolder {
  std::string pid;
  std::string started;
  std::string holder;
};

LockHolder read_holder(int fd) {
  char buffer[4096];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
  LockHolder found;
  if (n <= 0) return found;
  std::istringstream lines(std::string(buffer, static_cast<size_t>(n)));
  std::string line;
  auto field = [&line](std::string_view key, std::string& into) {
    if (line.rfind(key, 0) == 0) into = printable_line(std::string_view(line).substr(key.size()));
  };
  while (std::getline(lines, line)) {
    field("pid: ", found.pid);
    field("started: ", found.started);
    field("holder: ", found.holder);
  }
  return found;
}

// "pid 1234, started 2026-12-04 01:23:45, paike serve on 127.0.0.1:8080". The holder writes
// the file right after taking the lock: an empty file is read again for a moment.
std::string describe_holder(int fd) {
  LockHolder found = read_holder(fd);
  for (int attempt = 0; found.pid.empty() && attempt < 20; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    found = read_holder(fd);
  }
  if (found.pid.empty()) return "its lock file does not say which";
  std::string text = "pid " + found.pid;
  if (!found.started.empty()) text += ", started " + found.started;
  if (!found.holder.empty()) text += ", " + found.holder;
  return text;
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

Result<DataDirLock> DataDirLock::take(const std::filesystem::path& data_dir, std::string holder) {
  std::filesystem::path file = data_dir / "paike.lock";
  // CLOEXEC: a program paike starts must not go on holding the data dir after paike is gone.
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return make_error(ErrorCode::data_dir, "cannot open " + file.string() + ": " + errno_text());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error != EWOULDBLOCK) {
      ::close(fd);
      return make_error(ErrorCode::data_dir, "cannot lock " + file.string() + ": " + std::strerror(error));
    }
    const std::string running = describe_holder(fd);
    ::close(fd);
    return make_error(ErrorCode::data_dir_in_use,
                      "the data dir " + data_dir.string() + " is in use by another paike (" + running +
                          "); stop it first, or use storage backend postgresql to run several instances");
  }
  DataDirLock lock(fd, std::move(file), local_now());
  if (auto written = lock.describe(std::move(holder)); !written) return written.error();
  return lock;
}

DataDirLock::DataDirLock(int fd, std::filesystem::path file, std::string started)
    : fd_(fd), file_(std::move(file)), started_(std::move(started)) {}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), file_(std::move(other.file_)), started_(std::move(other.started_)) {}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
    file_ = std::move(other.file_);
    started_ = std::move(other.started_);
  }
  return *this;
}

DataDirLock::~DataDirLock() { release(); }

void DataDirLock::release() {
  if (fd_ < 0) return;
  // Still under the lock: nobody reads a description of a process that is gone.
  if (::ftruncate(fd_, 0) != 0) {
    // Harmless: the next holder rewrites the file, and only a refused process reads it.
  }
  ::close(fd_);
  fd_ = -1;
}

Result<void> DataDirLock::describe(std::string holder) {
  const std::string text =
      "pid: " + std::to_string(::getpid()) + "\nstarted: " + started_ + "\nholder: " + printable_line(holder) + "\n";
  // In place and never through a new file: the flock belongs to this inode. Written first and
  // cut to length after, so a reader never meets an empty file between two descriptions.
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::pwrite(fd_, text.data() + done, text.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return make_error(ErrorCode::io, "cannot write " + file_.string() + ": " + errno_text());
    done += static_cast<size_t>(n);
  }
  if (::ftruncate(fd_, static_cast<off_t>(text.size())) != 0) {
    return make_error(ErrorCode::io, "cannot write " + file_.string() + ": " + errno_text());
  }
  return {};
}

}  // namespace paike
