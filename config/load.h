// Loading a deployment: the YAML file, the sheets it names and the checks across them.
// Never throws on bad input: every problem comes back as a ConfigProblem with file and line.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "config/deployment.h"
#include "config/env.h"
#include "config/problems.h"

namespace paike {

// Where the YAML and the files it names are read from: a folder on disk or the demo
// township compiled into the binary.
class FileSource {
 public:
  virtual ~FileSource() = default;
  virtual std::optional<std::string> read(const std::string& relative_path) const = 0;
  // How the file is named in problems, e.g. "/etc/paike/roster.csv" or "config/demo/roster.csv".
  virtual std::string display_name(const std::string& relative_path) const = 0;
};

class DirectorySource : public FileSource {
 public:
  explicit DirectorySource(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::optional<std::string> read(const std::string& relative_path) const override;
  std::string display_name(const std::string& relative_path) const override;

 private:
  std::filesystem::path dir_;
};

// The demo township (config/demo/) as embedded at build time.
class DemoSource : public FileSource {
 public:
  std::optional<std::string> read(const std::string& relative_path) const override;
  std::string display_name(const std::string& relative_path) const override;
};

struct LoadedDeployment {
  Deployment deployment;
  ConfigProblems problems;
  bool ok() const { return problems.empty(); }
};

LoadedDeployment load_deployment(const FileSource& source, const std::string& yaml_name, const EnvLookup& env);
LoadedDeployment load_deployment_file(const std::filesystem::path& yaml_path, const EnvLookup& env = process_env());
LoadedDeployment load_demo_deployment(const EnvLookup& env = process_env());

// Parsers for the single sheets; each appends its problems. Exposed for tests and fuzzing.
std::vector<Person> parse_roster(std::string_view csv, const std::string& file, ConfigProblems& problems);
std::vector<Group> parse_groups(std::string_view csv, const std::string& file, ConfigProblems& problems);
std::vector<Grid> parse_grids(std::string_view geojson, const std::string& file, ConfigProblems& problems);
// Categories from a YAML text holding `categories:`; `file` names it in problems.
std::vector<Category> parse_categories_yaml(std::string_view yaml, const std::string& file, ConfigProblems& problems);

// Checks across the sheets: unknown villages and grids, duplicate ids, missing leaders.
void check_references(const Deployment& deployment, const std::string& roster_file, const std::string& groups_file,
                      ConfigProblems& problems);

}  // namespace paike
