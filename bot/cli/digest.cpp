// `paike digest [--config FILE] [--data DIR] [--date YYYY-MM-DD] [--chart FILE.png]`: the
// township digest sent on that date (default today), printed; read-only on the database.
#include <fstream>
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"
#include "config/clock.h"
#include "handlers/digest/digest.h"
#include "handlers/digest/digest_chart.h"
#include "storage/database.h"

namespace paike::cli {

int run_digest(const Args& args) {
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  LocalDate day = local_date(SystemClock().now(), deployment->time_zone);
  if (auto text = args.get("date")) {
    auto parsed = parse_local_date(*text);
    if (!parsed) {
      std::cerr << "paike digest: bad --date '" << *text << "' (write e.g. 2026-11-23)\n";
      return 2;
    }
    day = *parsed;
  }
  const auto target = StorageTarget::of(deployment->storage, deployment->data_dir);
  if (target.backend == Backend::sqlite && !std::filesystem::exists(target.file)) {
    std::cerr << "paike digest: no database at " << target.file.string()
              << " (run paike demo or serve first, or pass --data)\n";
    return 1;
  }
  DatabaseOptions options;
  options.read_only = true;
  auto db = Database::open(target, options);
  if (!db) {
    std::cerr << "paike digest: " << db.error().message << "\n";
    return 1;
  }
  const Digest digest = build_digest(**db, *deployment, day);
  std::cout << digest_text(digest, *deployment) << std::endl;
  if (auto chart_file = args.get("chart")) {
    auto chart = render_digest_chart(digest, *deployment);
    std::ofstream out(*chart_file, std::ios::binary);
    out << chart.png;
    if (!out) {
      std::cerr << "paike digest: cannot write " << *chart_file << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace paike::cli
