// The ledger as a spreadsheet (`paike export` and the list's download button): the same
// columns in both formats. XLSX: header row, frozen header, column widths, real dates,
// overdue rows highlighted. CSV: UTF-8 with a BOM so Excel shows Chinese correctly.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/deployment.h"
#include "config/result.h"
#include "storage/ticket.h"

namespace paike {

struct ExportInput {
  const Deployment& deployment;
  const std::vector<Ticket>& tickets;
  TimePoint now;  // for "overdue"
};

std::string ledger_csv(const ExportInput& input);
// Writes the workbook to `file` (replacing it); fails with code "xlsx" and the reason.
Result<std::filesystem::path> write_ledger_xlsx(const ExportInput& input, const std::filesystem::path& file);

}  // namespace paike
