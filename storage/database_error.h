// What a failed statement throws, on either backend: callers above storage/ catch it by this
// name (a busy, full or unreachable database is worth retrying; a bug in a handler is not).
#pragma once

#include <stdexcept>
#include <string>

namespace paike {

class DatabaseError : public std::runtime_error {
 public:
  enum class Kind {
    disk_full,    // SQLite: the disk or the file size limit is full; PostgreSQL: disk_full (53100)
    unavailable,  // the server cannot be reached or went away (PostgreSQL only)
    constraint,   // a UNIQUE, CHECK or foreign key was violated
    other,
  };
  DatabaseError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

inline bool is_disk_full(const DatabaseError& e) { return e.kind() == DatabaseError::Kind::disk_full; }
inline bool is_unavailable(const DatabaseError& e) { return e.kind() == DatabaseError::Kind::unavailable; }

}  // namespace paike
