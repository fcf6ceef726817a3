#include "config/storage_settings.h"

#include <regex>

#include "config/yaml_number.h"

namespace paike {

StorageSettings read_storage_settings(const YAML::Node& node, const std::string& file, const EnvLookup& env,
                                      ConfigProblems& problems) {
  StorageSettings storage;
  if (!node) return storage;
  if (auto lease = duration_setting(node, "lease", file, problems)) storage.lease = *lease;
  if (auto backend = scalar(node, "backend", file, problems)) {
    if (*backend == "sqlite") {
      storage.backend = StorageSettings::Backend::sqlite;
    } else if (*backend == "postgresql") {
      storage.backend = StorageSettings::Backend::postgresql;
    } else {
      problems.push_back({file, yaml_line(node["backend"]), "unknown storage backend '" + *backend + "'",
                          "sqlite (one PC, the default) or postgresql (a server several paike instances share)"});
    }
  }
  auto url = scalar(node, "url", file, problems);
  if (storage.backend == StorageSettings::Backend::sqlite) {
    if (url) problems.push_back({file, yaml_line(node["url"]), "'url' is read only with backend: postgresql", ""});
    return storage;
  }
  if (!url) {
    problems.push_back(
        {file, yaml_line(node), "backend: postgresql needs a url",
         "url: ${PAIKE_DATABASE_URL}, with e.g. PAIKE_DATABASE_URL=postgresql://paike@db.example/paike"});
    return storage;
  }
  // A password belongs in the environment (or ~/.pgpass), never in a file people copy around.
  if (url->find("${") == std::string::npos &&
      (url->find("password=") != std::string::npos || std::regex_search(*url, std::regex("://[^/@:]*:[^/@]*@")))) {
    problems.push_back({file, yaml_line(node["url"]), "the storage url holds a password",
                        "write url: ${PAIKE_DATABASE_URL} and put the password in that variable (or in ~/.pgpass)"});
    return storage;
  }
  std::string missing;
  auto expanded = expand_env(*url, env, &missing);
  if (!expanded) {
    problems.push_back({file, yaml_line(node["url"]), "environment variable " + missing + " is not set",
                        "export " + missing + "=postgresql://… before starting paike"});
    return storage;
  }
  storage.url = *expanded;
  return storage;
}

}  // namespace paike
