// The `storage:` section of a deployment: where the data lives. Never throws: problems come
// back with file and line.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/env.h"
#include "config/problems.h"
#include "config/time.h"

namespace paike {

// Where the data lives: the `storage:` section. SQLite (the default: one file in data_dir, one
// paike process) or PostgreSQL (a server that several paike instances share).
struct StorageSettings {
  enum class Backend { sqlite, postgresql };
  Backend backend = Backend::sqlite;
  // postgresql: a libpq connection string or URL, e.g. ${PAIKE_DATABASE_URL}; the password
  // only from the environment (a password written in the YAML itself is refused).
  std::string url;
  // How long an instance's claim on an inbox event or an outbox message holds: one that dies
  // has its work taken over by another this long after it claimed it (postgresql only).
  Duration lease = std::chrono::seconds(60);
};

// backend, url (its ${VARIABLE}s expanded through `env`; a password written in the file is
// refused) and lease; an absent section is the SQLite default.
StorageSettings read_storage_settings(const YAML::Node& node, const std::string& file, const EnvLookup& env,
                                      ConfigProblems& problems);

}  // namespace paike
