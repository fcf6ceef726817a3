// `paike check-config [--online] --config FILE`: every problem with file, line and a hint; exit
// 1 if any. With --online, each enabled platform is also called with the configured secrets.
// With `storage: backend: postgresql` the server is asked too, read-only: it must answer, take
// the login and not hold the schema of a newer paike. Nothing is created or migrated.
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/platforms/registry.h"
#include "config/load.h"
#include "storage/schema_check.h"

namespace paike::cli {

namespace {

constexpr const char* kStorageDoc = "docs/deploy/postgresql.md";

// Adds what is wrong with the deployment's PostgreSQL database to `problems`; returns what an
// operator should know when nothing is (e.g. that the schema is created on first start).
std::string check_storage(const Deployment& d, const std::string& file, ConfigProblems& problems) {
  if (d.storage.backend != StorageSettings::Backend::postgresql || d.storage.url.empty()) return {};
  const StorageTarget target = StorageTarget::of(d.storage, d.data_dir);
  auto stored = inspect_stored_schema(target);
  if (!stored) {
    problems.push_back({file, 0, "storage: " + stored.error().message,
                        "check that the server runs and that the url's host, port, database, user and password "
                        "(from the environment or ~/.pgpass) are right; see " +
                            std::string(kStorageDoc)});
    return {};
  }
  const int latest = Database::latest_schema_version();
  const std::string where = target.describe();
  if (stored->version > latest) {
    problems.push_back({file, 0,
                        "storage: the database " + where + " has schema version " + std::to_string(stored->version) +
                            ", written by a newer paike (this one knows up to " + std::to_string(latest) + ")",
                        "run the paike that wrote it, or point the url at another database"});
    return {};
  }
  if (stored->version < latest && !stored->can_create) {
    // current_schema() is empty when the login may use no schema of its search_path.
    const std::string schema = stored->schema_name.empty() ? "public" : stored->schema_name;
    problems.push_back({file, 0,
                        "storage: the url's user may not create tables in schema " + schema + " of " + where +
                            ", as the first start must",
                        "CREATE DATABASE paike OWNER paike (the user owns it then), or GRANT USAGE, CREATE ON "
                        "SCHEMA " +
                            schema + " TO that user; see " + kStorageDoc});
    return {};
  }
  if (stored->version == 0)
    return "storage: PostgreSQL " + where + " is empty: the schema will be created on first start";
  if (stored->version < latest) {
    return "storage: PostgreSQL " + where + " has schema version " + std::to_string(stored->version) +
           ": migrated to " + std::to_string(latest) + " on first start";
  }
  return "storage: PostgreSQL " + where + ", schema version " + std::to_string(latest) + " (up to date)";
}

}  // namespace

int run_check_config(const Args& args) {
  auto config = args.get("config");
  LoadedDeployment loaded = config ? load_deployment_file(*config) : load_demo_deployment();
  const std::string file = config ? *config : "config/demo/paike.yaml";
  // Each enabled platform must find its secrets, as `paike serve` will.
  for (const auto& name : loaded.deployment.platforms) {
    auto platform = make_platform(name, loaded.deployment, process_env());
    if (!platform) {
      loaded.problems.push_back({file, 0, "platform " + name + ": " + platform.error().message,
                                 "set it in the service's environment; see docs/platforms/" + name + ".md"});
      continue;
    }
    if (!args.has_flag("online")) continue;
    for (const auto& problem : (*platform)->check_online()) {
      loaded.problems.push_back(
          {file, 0, "platform " + name + " (online): " + problem, "see docs/platforms/" + name + ".md"});
    }
  }
  const std::string storage_note = check_storage(loaded.deployment, file, loaded.problems);
  for (const auto& p : loaded.problems) std::cout << format_problem(p) << "\n";
  if (!loaded.ok()) {
    std::cout << loaded.problems.size() << " problem(s) found\n";
    return 1;
  }
  const Deployment& d = loaded.deployment;
  std::cout << "ok: " << d.township << " — " << d.villages().size() << " villages, " << d.grids.size() << " grids, "
            << d.people.size() << " people, " << d.groups.size() << " groups, " << d.categories.size()
            << " categories\n";
  if (!storage_note.empty()) std::cout << storage_note << "\n";
  return 0;
}

}  // namespace paike::cli
