// Exports read back: the XLSX is unzipped with Debian's unzip and its XML checked cell by
// cell; the CSV starts with a BOM. Also Open311 and /metrics, /healthz.
#include <cstdio>
#include <fstream>
#include <pugixml.hpp>

#include "bot/export/ledger_export.h"
#include "bot/web/html.h"
#include "config/text.h"
#include "ledger_fixture.h"

using namespace paike;
using paike::test::LedgerFixture;

namespace {

// One member of a zip file, via `unzip -p`.
std::string unzip_member(const std::filesystem::path& zip, const std::string& member) {
  const std::string command = "unzip -p '" + zip.string() + "' '" + member + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

// The text of cell `ref` ("B2") in sheet1, resolving shared strings; "" when absent.
std::string cell(const std::string& sheet, const std::vector<std::string>& shared, const std::string& ref) {
  auto at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return "";
  auto end = sheet.find("</c>", at);
  const std::string c = sheet.substr(at, end - at);
  auto v = c.find("<v>");
  if (v == std::string::npos) return "";
  const std::string value = c.substr(v + 3, c.find("</v>") - v - 3);
  if (contains(c.substr(0, c.find('>')), "t=\"s\"")) return shared.at(std::stoul(value));
  return value;
}

std::vector<std::string> shared_strings(const std::string& xml) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = xml.find("<si>", at)) != std::string::npos) {
    auto t = xml.find('>', xml.find("<t", at)) + 1;
    out.push_back(xml.substr(t, xml.find("</t>", t) - t));
    at = t;
  }
  return out;
}

}  // namespace

TEST_CASE("the XLSX export has a frozen header, real dates and overdue rows highlighted") {
  LedgerFixture f;
  auto late = f.file("韩家村", "老槐树下柴火堆", std::chrono::hours(1), false, "stacks");
  f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(48));
  f.file("李庄村", "小卖部门口污水", std::chrono::hours(48), false, "sewage");
  f.clock->advance(std::chrono::hours(2));
  const std::string cookie = f.login("sim:hanjianguo");
  auto res = f.get("/export.xlsx?sort=oldest", cookie);
  REQUIRE(res->status == 200);
  CHECK(contains(res->get_header_value("Content-Disposition"), ".xlsx"));
  const auto file = f.dir / "ledger.xlsx";
  std::ofstream(file, std::ios::binary) << res->body;

  const std::string sheet = unzip_member(file, "xl/worksheets/sheet1.xml");
  const auto strings = shared_strings(unzip_member(file, "xl/sharedStrings.xml"));
  CHECK(cell(sheet, strings, "A1") == "编号");
  CHECK(cell(sheet, strings, "J1") == "登记时间");
  CHECK(cell(sheet, strings, "M1") == "是否逾期");
  CHECK(cell(sheet, strings, "A2") == std::to_string(late.id));
  CHECK(cell(sheet, strings, "C2") == f.app->deployment().find_category("stacks")->name);
  CHECK(cell(sheet, strings, "G2") == "老槐树下柴火堆");
  CHECK(cell(sheet, strings, "M2") == "逾期");
  CHECK(cell(sheet, strings, "G3") == "南河桥垃圾堆");
  CHECK(cell(sheet, strings, "M3") == "");
  CHECK(cell(sheet, strings, "A4") == "");  // 李庄村 is not the secretary's
  // 2026-11-22 08:00 local is Excel serial 46348 + 8/24.
  CHECK(std::stod(cell(sheet, strings, "J2")) == Approx(46348.0 + 8.0 / 24));
  CHECK(contains(sheet, "ySplit=\"1\""));  // frozen header row
  CHECK(contains(sheet, "<col "));         // column widths
  const std::string styles = unzip_member(file, "xl/styles.xml");
  CHECK(contains(styles, "yyyy-mm-dd hh:mm"));
  CHECK(contains(styles, "FFC7CE"));  // overdue fill
  // The overdue row's cells use another style than the on-time row's.
  auto style_of = [&](const std::string& ref) {
    auto at = sheet.find("<c r=\"" + ref + "\"");
    auto s = sheet.find(" s=\"", at);
    return s < sheet.find('>', at) ? sheet.substr(s + 4, sheet.find('"', s + 4) - s - 4) : std::string();
  };
  CHECK(style_of("B2") != style_of("B3"));
}

TEST_CASE("the CSV export is UTF-8 with a BOM and neutralises formulas") {
  LedgerFixture f;
  f.file("韩家村", "=HYPERLINK(\"x\")", std::chrono::hours(48));
  const std::string cookie = f.login("sim:zhaomin");
  auto res = f.get("/export.csv", cookie);
  REQUIRE(res->status == 200);
  CHECK(res->body.rfind("\xEF\xBB\xBF编号,状态,类别", 0) == 0);
  CHECK(contains(res->body, "\"'=HYPERLINK(\"\"x\"\")\""));
}

TEST_CASE("the CSV export neutralises a cell led by TAB or CR too (OWASP's CSV injection list)") {
  LedgerFixture f;
  f.file("韩家村", "\t=1+1", std::chrono::hours(48));
  f.file("韩家村", "\r=2+2", std::chrono::hours(48));
  const std::string cookie = f.login("sim:zhaomin");
  auto res = f.get("/export.csv", cookie);
  REQUIRE(res->status == 200);
  CHECK(contains(res->body, "'\t=1+1"));
  CHECK(contains(res->body, "'\n=2+2"));  // neutralised, then the CR written as a newline
  CHECK_FALSE(contains(res->body, ",\"\t=1+1"));
}

TEST_CASE("Open311: phone and ID-card numbers and roster names in a report are masked in every public output") {
  LedgerFixture f;
  auto t = f.file("韩家村",
                  "韩德福说南河桥下垃圾没人管，电话139 0000 5678，座机0531-88881234，身份证37010219900101123X，"
                  "2026-11-22报的第12次",
                  std::chrono::hours(48));
  const std::string masked =
      "韩**说南河桥下垃圾没人管，电话139****5678，座机053*****1234，身份证370102********123X，2026-11-22报的第12次";
  auto list = nlohmann::json::parse(f.http->Get("/open311/v2/requests.json")->body);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["description"] == masked);
  auto one =
      nlohmann::json::parse(f.http->Get(("/open311/v2/requests/" + std::to_string(t.id) + ".json").c_str())->body);
  CHECK(one[0]["description"] == masked);
  auto by_id = nlohmann::json::parse(
      f.http->Get(("/open311/v2/requests.json?service_request_id=" + std::to_string(t.id)).c_str())->body);
  CHECK(by_id[0]["description"] == masked);
  const std::string xml = f.http->Get("/open311/v2/requests.xml")->body;
  CHECK(contains(xml, masked));
  CHECK_FALSE(contains(xml, "5678，座机0531"));
  // The ledger, behind a login, keeps the words as they were sent.
  const std::string cookie = f.login("sim:zhaomin");
  CHECK(contains(f.get("/tickets/" + std::to_string(t.id), cookie)->body, "139 0000 5678"));
}

TEST_CASE("Open311: at most 100 service_request_id values in one request") {
  LedgerFixture f;
  std::string ids;
  for (int i = 1; i <= 101; ++i) ids += (i > 1 ? "," : "") + std::to_string(i);
  auto res = f.http->Get(("/open311/v2/requests.json?service_request_id=" + ids).c_str());
  REQUIRE(res);
  CHECK(res->status == 400);
  ids = ids.substr(0, ids.rfind(','));
  CHECK(f.http->Get(("/open311/v2/requests.json?service_request_id=" + ids).c_str())->status == 200);
}

TEST_CASE("Open311: services, a POST with api_key filed as a villager's report, then read back") {
  LedgerFixture f;
  auto services = nlohmann::json::parse(f.http->Get("/open311/v2/services.json")->body);
  REQUIRE(services.size() == f.app->deployment().categories.size());
  CHECK(services[0]["service_code"] == "household_waste");
  CHECK(services[0]["service_name"] == "生活垃圾");
  CHECK(services[0]["metadata"] == false);
  CHECK(services[0]["type"] == "realtime");
  CHECK(services[0]["description"] == "生活垃圾，整改期限 24小时");  // was "1d": no Latin for people
  CHECK(services[0]["group"] == "人居环境");

  const Grid* grid = f.app->deployment().find_grid("hanjia-south");
  REQUIRE(grid);
  double lat = 0, lng = 0;
  for (const auto& p : grid->boundary.rings[0]) {
    lat += p.lat / grid->boundary.rings[0].size();
    lng += p.lng / grid->boundary.rings[0].size();
  }
  const std::string form = "service_code=household_waste&description=" + web::url_encode("路边垃圾堆") +
                           "&lat=" + std::to_string(lat) + "&long=" + std::to_string(lng);
  auto refused = f.http->Post("/open311/v2/requests.json", form, "application/x-www-form-urlencoded");
  CHECK(refused->status == 403);
  CHECK(nlohmann::json::parse(refused->body)[0]["code"] == 403);

  auto bad =
      f.http->Post("/open311/v2/requests.json", "api_key=demo-token&service_code=nope&description=x&lat=1&long=1",
                   "application/x-www-form-urlencoded");
  CHECK(bad->status == 400);

  auto created =
      f.http->Post("/open311/v2/requests.json", form + "&api_key=demo-token&first_name=" + web::url_encode("明"),
                   "application/x-www-form-urlencoded");
  REQUIRE(created->status == 200);
  const std::string id = nlohmann::json::parse(created->body)[0]["service_request_id"];
  auto t = TicketRepo(*f.db()).get(std::stoll(id));
  REQUIRE(t);
  CHECK(t->village == "韩家村");
  CHECK(t->grid_id == "hanjia-south");
  CHECK(t->group_id == "g-hanjia");
  CHECK(t->assignee_id == "sim:zhangguilan");
  f.app->sender().send_due();
  auto said = f.messages("g-hanjia");
  REQUIRE(said.size() == 1);
  CHECK(contains(said[0]["text"].get<std::string>(), "@张桂兰"));

  auto one = nlohmann::json::parse(f.http->Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
  REQUIRE(one.size() == 1);
  for (const char* field :
       {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url"}) {
    CHECK(one[0].contains(field));
  }
  CHECK(one[0]["status"] == "open");
  CHECK(one[0]["status_notes"] == "整改中");
  CHECK(one[0]["requested_datetime"] == "2026-11-22T08:00:00+08:00");

  CHECK(nlohmann::json::parse(f.http->Get("/open311/v2/requests.json?status=open")->body).size() == 1);
  CHECK(nlohmann::json::parse(f.http->Get("/open311/v2/requests.json?status=closed")->body).empty());
  CHECK(nlohmann::json::parse(f.http->Get("/open311/v2/requests.json?service_code=sewage")->body).empty());
  CHECK(nlohmann::json::parse(f.http->Get("/open311/v2/requests.json?start_date=2026-11-23T00:00:00%2B08:00")->body)
            .empty());
  CHECK(f.http->Get("/open311/v2/requests/999.json")->status == 404);
  auto xml = f.http->Get(("/open311/v2/requests/" + id + ".xml").c_str());
  CHECK(contains(xml->body, "<service_requests><request>"));
  CHECK(contains(xml->body, "<service_request_id>" + id + "</service_request_id>"));
}

TEST_CASE("/metrics shows events by platform, tickets, overdue, outbox and latency, /healthz is ok") {
  LedgerFixture f;
  f.file("韩家村", "a", std::chrono::hours(1));
  f.clock->advance(std::chrono::hours(2));
  nlohmann::json body{{"event_id", "e1"}, {"group_id", "g-hanjia"}, {"user_id", "sim:handefu"}, {"text", "你好"}};
  f.http->Post("/webhook/sim", body.dump(), "application/json");
  auto metrics = f.http->Get("/metrics")->body;
  CHECK(contains(metrics, "paike_events_received_total{platform=\"sim\"} 1"));
  CHECK(contains(metrics, "paike_tickets{status=\"assigned\"} 1"));
  CHECK(contains(metrics, "paike_tickets_overdue 1"));
  CHECK(contains(metrics, "paike_outbox_depth 0"));
  CHECK(contains(metrics, "paike_outbox_failures 0"));
  CHECK(contains(metrics, "# TYPE paike_photo_pipeline_seconds histogram"));
  CHECK(contains(metrics, "paike_http_request_seconds_bucket{le=\"+Inf\"}"));
  auto health = nlohmann::json::parse(f.http->Get("/healthz")->body);
  CHECK(health["ok"] == true);
  CHECK(health["db"] == "ok");
}

TEST_CASE("the XLSX export is well-formed XML when a ticket's words hold control characters") {
  LedgerFixture f;
  // Filed around intake (old data, another writer): the export cleans it on its own.
  f.file("韩家村", std::string("桥下\x01\x02垃圾\x1B[31m\u202E"), std::chrono::hours(48));
  const std::string cookie = f.login("sim:hanjianguo");
  auto res = f.get("/export.xlsx", cookie);
  REQUIRE(res->status == 200);
  const auto file = f.dir / "control.xlsx";
  std::ofstream(file, std::ios::binary) << res->body;
  const std::string strings = unzip_member(file, "xl/sharedStrings.xml");
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(strings.data(), strings.size());
  INFO(parsed.description());
  CHECK(parsed);
  CHECK(contains(strings, "桥下垃圾[31m"));
  CHECK_FALSE(contains(strings, "\x01"));
  CHECK_FALSE(contains(strings, "_x0001_"));  // Excel's own escape would keep the character too
}

TEST_CASE("a township's replies change the export's headers and sheet name and Open311's words") {
  LedgerFixture f([](Deployment& d) {
    ConfigProblems problems;
    d.wording.apply_overrides(YAML::Load("status.assigned: 正在整改\n"
                                         "export: {sheet: 清河镇问题清单, column: {ticket: 序号, overdue: 超期否}}\n"
                                         "open311: {filed: 收到，按期处理}\n"),
                              "paike.yaml", problems);
    REQUIRE(problems.empty());
  });
  auto t = f.file("韩家村", "南河桥垃圾堆", std::chrono::hours(48));
  const std::string cookie = f.login("sim:zhaomin");
  auto res = f.get("/export.xlsx", cookie);
  REQUIRE(res->status == 200);
  const auto file = f.dir / "township.xlsx";
  std::ofstream(file, std::ios::binary) << res->body;
  const std::string sheet = unzip_member(file, "xl/worksheets/sheet1.xml");
  const auto strings = shared_strings(unzip_member(file, "xl/sharedStrings.xml"));
  CHECK(cell(sheet, strings, "A1") == "序号");
  CHECK(cell(sheet, strings, "B1") == "状态");
  CHECK(cell(sheet, strings, "B2") == "正在整改");
  CHECK(cell(sheet, strings, "M1") == "超期否");
  CHECK(contains(unzip_member(file, "xl/workbook.xml"), "name=\"清河镇问题清单\""));
  CHECK(f.get("/export.csv", cookie)->body.rfind("\xEF\xBB\xBF序号,状态,类别", 0) == 0);

  auto one =
      nlohmann::json::parse(f.http->Get(("/open311/v2/requests/" + std::to_string(t.id) + ".json").c_str())->body);
  CHECK(one[0]["status_notes"] == "正在整改");
  // A report with no name: the reporter is worded too (stored with the ticket).
  const Grid* grid = f.app->deployment().find_grid("hanjia-south");
  REQUIRE(grid);
  double lat = 0, lng = 0;
  for (const auto& p : grid->boundary.rings[0]) {
    lat += p.lat / grid->boundary.rings[0].size();
    lng += p.lng / grid->boundary.rings[0].size();
  }
  auto created =
      f.http->Post("/open311/v2/requests.json",
                   "api_key=demo-token&service_code=household_waste&description=" + web::url_encode("路边垃圾堆") +
                       "&lat=" + std::to_string(lat) + "&long=" + std::to_string(lng),
                   "application/x-www-form-urlencoded");
  REQUIRE(created->status == 200);
  const auto answer = nlohmann::json::parse(created->body);
  CHECK(answer[0]["service_notice"] == "收到，按期处理");
  CHECK(TicketRepo(*f.db()).get(std::stoll(answer[0]["service_request_id"].get<std::string>()))->reporter_name ==
        "网上反映");
}

TEST_CASE("a sheet name Excel would refuse gives way to the shipped one") {
  auto loaded = load_demo_deployment();
  REQUIRE(loaded.ok());
  ConfigProblems problems;
  loaded.deployment.wording.apply_overrides(YAML::Load("export: {sheet: \"清河镇/台账\"}"), "paike.yaml", problems);
  REQUIRE(problems.empty());
  test::TempDir dir;
  const std::vector<Ticket> none;
  const ExportInput input{loaded.deployment, none, *parse_iso8601("2026-11-22T08:00:00+08:00")};
  auto written = write_ledger_xlsx(input, dir.path() / "bad-name.xlsx");
  REQUIRE(written);
  CHECK(contains(unzip_member(*written, "xl/workbook.xml"), "name=\"整改台账\""));
}
