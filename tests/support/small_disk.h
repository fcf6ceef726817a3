// A small tmpfs mounted at a directory, private to this test process (a new mount namespace,
// plus a user namespace when not root), so disk-full behaviour is tested on a real full
// file system. Call before the process starts any thread (unshare needs a single thread).
// The mount vanishes with the process.
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace paike::test {

// Returns "" on success, else why it could not be mounted.
inline std::string mount_small_disk(const std::filesystem::path& dir, const std::string& size) {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (uid == 0 ? ::unshare(CLONE_NEWNS) != 0 : ::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
    return std::string("unshare: ") + std::strerror(errno);
  }
  if (uid != 0) {  // become root inside the new user namespace, as `unshare -rm` does
    std::ofstream("/proc/self/setgroups") << "deny";
    std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
    std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
  }
  if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return std::string("making mounts private: ") + std::strerror(errno);
  }
  if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) != 0) {
    return std::string("mount tmpfs: ") + std::strerror(errno);
  }
  return "";
}

// Unmounts it (so the temp dir above it can be removed).
inline void unmount_small_disk(const std::filesystem::path& dir) { ::umount2(dir.c_str(), MNT_DETACH); }

// Writes a file until the file system is full; returns the bytes written.
inline long long fill_disk(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return 0;
  const std::string block(4096, 'x');
  long long written = 0;
  for (;;) {
    ssize_t n = ::write(fd, block.data(), block.size());
    if (n <= 0) break;
    written += n;
  }
  ::close(fd);
  return written;
}

}  // namespace paike::test
