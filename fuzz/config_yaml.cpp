// The deployment YAML: the whole loader (sheets named in it come from the demo township),
// the category list and ${ENV} expansion on hostile bytes.
#include <string_view>

#include "config/load.h"

namespace {

// paike.yaml is the fuzz input; every other file is the demo township's.
class FuzzSource : public paike::FileSource {
 public:
  explicit FuzzSource(std::string_view yaml) : yaml_(yaml) {}
  std::optional<std::string> read(const std::string& path) const override {
    if (path == "paike.yaml") return yaml_;
    return demo_.read(path);
  }
  std::string display_name(const std::string& path) const override { return path; }

 private:
  std::string yaml_;
  paike::DemoSource demo_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PAIKE_SECRET") return std::string("s3cret");
    return std::nullopt;
  };
  (void)load_deployment(FuzzSource(input), "paike.yaml", env);
  ConfigProblems problems;
  (void)parse_categories_yaml(input, "categories.yaml", problems);
  std::string missing;
  (void)expand_env(std::string(input), env, &missing);
  return 0;
}
