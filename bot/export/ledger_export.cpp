#include "bot/export/ledger_export.h"

#include <xlsxwriter.h>

#include <algorithm>

#include "config/csv.h"
#include "config/text.h"
#include "handlers/intake/replies.h"
#include "handlers/ticket_words.h"

namespace paike {

namespace {

// The columns' headers, in order (the deployment's wording, area export.column) …
std::vector<std::string> column_titles(const Deployment& d) {
  const Wording& w = d.wording;
  return {w.render("export.column.ticket"),      w.render("export.column.status"),   w.render("export.column.category"),
          w.render("export.column.village"),     w.render("export.column.grid"),     w.render("export.column.place"),
          w.render("export.column.description"), w.render("export.column.reporter"), w.render("export.column.assignee"),
          w.render("export.column.created"),     w.render("export.column.due"),      w.render("export.column.closed"),
          w.render("export.column.overdue")};
}
// … and their widths in the XLSX.
constexpr double kColumnWidths[] = {7, 9, 14, 10, 10, 24, 40, 10, 10, 17, 17, 17, 9};
constexpr int kDateColumns[] = {9, 10, 11};

// The text cells of one ticket, in column_titles order (date columns hold ISO text for CSV).
std::vector<std::string> row_cells(const Ticket& t, const ExportInput& in) {
  const Deployment& d = in.deployment;
  const Category* category = d.find_category(t.category);
  const Grid* grid = d.find_grid(t.grid_id);
  const Person* assignee = d.find_person(t.assignee_id);
  auto local = [&](TimePoint at) {
    std::string iso = format_iso8601(at, d.time_zone);
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
  };
  return {std::to_string(t.id),
          status_name(d, t.status),
          category ? category->name : t.category,
          t.village,
          grid ? grid->name : t.grid_id,
          ticket_place(t, d),
          t.text,
          t.reporter_name.empty() ? t.reporter_id : t.reporter_name,
          assignee ? assignee->name : t.assignee_id,
          local(t.created_at),
          local(t.due_at),
          t.closed_at ? local(*t.closed_at) : "",
          is_overdue(t, in.now) ? d.wording.render("export.overdue") : ""};
}

lxw_datetime excel_time(TimePoint at, const TimeZone& zone) {
  const auto local = at + zone.offset_at(at);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  return lxw_datetime{static_cast<int>(ymd.year()),
                      static_cast<int>(static_cast<unsigned>(ymd.month())),
                      static_cast<int>(static_cast<unsigned>(ymd.day())),
                      static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()),
                      static_cast<double>(hms.seconds().count())};
}

}  // namespace

std::string ledger_csv(const ExportInput& in) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel reads the file as UTF-8
  const auto titles = column_titles(in.deployment);
  for (size_t i = 0; i < titles.size(); ++i) out += (i ? "," : "") + csv_field(titles[i]);
  out += "\r\n";
  for (const auto& t : in.tickets) {
    auto cells = row_cells(t, in);
    for (size_t i = 0; i < cells.size(); ++i) {
      // A leading = + - @ TAB or CR would make a spreadsheet run the cell as a formula (CSV
      // injection; OWASP's list: TAB and CR are dropped by some importers before the =).
      if (!cells[i].empty() && std::string_view("=+-@\t\r").find(cells[i][0]) != std::string_view::npos) {
        cells[i].insert(0, "'");
      }
      out += (i ? "," : "") + csv_field(cells[i]);
    }
    out += "\r\n";
  }
  return out;
}

Result<std::filesystem::path> write_ledger_xlsx(const ExportInput& in, const std::filesystem::path& file) {
  lxw_workbook* book = workbook_new(file.c_str());
  if (!book) return make_error(ErrorCode::xlsx, "cannot create " + file.string());
  // A township's sheet name Excel would refuse (empty, too long, a []:*?/\ in it) gives way to
  // the default.
  std::string sheet_name = in.deployment.wording.render("export.sheet");
  if (sheet_name.empty() || workbook_validate_sheet_name(book, sheet_name.c_str()) != LXW_NO_ERROR)
    sheet_name = Wording().render("export.sheet");
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());

  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "yyyy-mm-dd hh:mm");
  lxw_format* late = workbook_add_format(book);
  format_set_bg_color(late, 0xFFC7CE);
  format_set_font_color(late, 0x9C0006);
  lxw_format* late_date = workbook_add_format(book);
  format_set_num_format(late_date, "yyyy-mm-dd hh:mm");
  format_set_bg_color(late_date, 0xFFC7CE);
  format_set_font_color(late_date, 0x9C0006);
  lxw_format* wrap = workbook_add_format(book);
  format_set_text_wrap(wrap);

  const auto titles = column_titles(in.deployment);
  for (size_t c = 0; c < titles.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, col, col, kColumnWidths[c], c == 6 ? wrap : nullptr);
    worksheet_write_string(sheet, 0, col, clean_text(titles[c]).c_str(), header);
  }
  worksheet_freeze_panes(sheet, 1, 0);

  lxw_row_t row = 1;
  for (const auto& t : in.tickets) {
    const bool overdue = is_overdue(t, in.now);
    auto cells = row_cells(t, in);
    const std::optional<TimePoint> times[] = {t.created_at, t.due_at, t.closed_at};
    worksheet_write_number(sheet, row, 0, static_cast<double>(t.id), overdue ? late : nullptr);
    for (size_t c = 1; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const int* date_col = std::find(std::begin(kDateColumns), std::end(kDateColumns), static_cast<int>(c));
      if (date_col != std::end(kDateColumns)) {
        const auto& at = times[date_col - std::begin(kDateColumns)];
        if (at) {
          lxw_datetime value = excel_time(*at, in.deployment.time_zone);
          worksheet_write_datetime(sheet, row, col, &value, overdue ? late_date : date);
        } else if (overdue) {
          worksheet_write_blank(sheet, row, col, late);
        }
        continue;
      }
      // clean_text: libxlsxwriter writes control characters as they are, and Excel then
      // refuses the whole file as damaged.
      worksheet_write_string(sheet, row, col, clean_text(cells[c]).c_str(), overdue ? late : (c == 6 ? wrap : nullptr));
    }
    ++row;
  }
  if (row > 1) worksheet_autofilter(sheet, 0, 0, row - 1, static_cast<lxw_col_t>(std::size(kColumnWidths) - 1));

  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR)
    return make_error(ErrorCode::xlsx, std::string("cannot write the workbook: ") + lxw_strerror(error));
  return file;
}

}  // namespace paike
