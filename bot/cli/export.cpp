// `paike export [--config FILE | --data DIR] --format xlsx|csv --out FILE [filters]`: the
// ledger as a spreadsheet, with the list page's filters (--status, --village, --grid_id,
// --category, --overdue 1, --from, --to, --q, --sort). Safe while the server runs (WAL).
#include <fstream>
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"
#include "bot/export/ledger_export.h"
#include "bot/web/ledger_params.h"
#include "config/clock.h"
#include "storage/database.h"

namespace paike::cli {

int run_export(const Args& args) {
  auto format = args.get("format");
  auto out = args.get("out");
  if (!format || !out || (*format != "xlsx" && *format != "csv")) {
    std::cerr << "usage: paike export [--config FILE | --data DIR] --format xlsx|csv --out FILE [--status S] "
                 "[--village V] [--grid_id G] [--category C] [--overdue 1] [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
                 "[--q WORDS] [--sort newest|oldest|due|due_desc|village]\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  const TimePoint now = SystemClock().now();
  auto query =
      web::ledger_query([&args](const std::string& name) { return args.get(name).value_or(""); }, *deployment, now);
  if (!query) {
    std::cerr << "paike export: " << query.error().message << "\n";
    return 2;
  }
  query->limit = 0;
  query->offset = 0;
  auto db = Database::open(StorageTarget::of(deployment->storage, deployment->data_dir));
  if (!db) {
    std::cerr << "paike export: " << db.error().message << "\n";
    return 1;
  }
  auto page = search_ledger(**db, *query);
  const ExportInput input{*deployment, page.tickets, now};
  if (*format == "csv") {
    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    file << ledger_csv(input);
    if (!file) {
      std::cerr << "paike export: cannot write " << *out << "\n";
      return 1;
    }
  } else if (auto written = write_ledger_xlsx(input, *out); !written) {
    std::cerr << "paike export: " << written.error().message << "\n";
    return 1;
  }
  std::cerr << "paike export: " << page.tickets.size() << " ticket(s) written to " << *out << "\n";
  return 0;
}

}  // namespace paike::cli
