#include "config/csv.h"

#include <catch2/catch.hpp>

using namespace paike;

TEST_CASE("csv: BOM, CRLF, quotes and line numbers as Excel writes them") {
  std::string error;
  auto table =
      parse_csv("\xEF\xBB\xBFname,note\r\n张三,\"说 \"\"好\"\", 行\"\r\n\r\n李四,\"两\n行\"\r\n王五,x\r\n", &error);
  REQUIRE(table);
  REQUIRE(table->columns == std::vector<std::string>{"name", "note"});
  REQUIRE(table->rows.size() == 3);
  CHECK(table->rows[0].get("note") == "说 \"好\", 行");
  CHECK(table->rows[0].line == 2);
  CHECK(table->rows[1].get("note") == "两\n行");
  CHECK(table->rows[1].line == 4);
  CHECK(table->rows[2].line == 6);
  CHECK(table->rows[2].get("missing") == "");
}

TEST_CASE("csv: an unterminated quote is an error, not a crash") {
  std::string error;
  CHECK_FALSE(parse_csv("a,b\n1,\"open", &error));
  CHECK(error.find("line 2") != std::string::npos);
}
