// The daily digest, the 红黑榜 and the chart, against hand-computed fixtures.
#include <cairo.h>

#include <cstring>

#include <catch2/catch.hpp>

#include "config/text.h"
#include "handlers/digest/digest.h"
#include "handlers/digest/digest_chart.h"
#include "handlers/intake/report_draft.h"
#include "schedule_fixture.h"

using namespace paike;
using namespace paike::test;
using namespace std::chrono_literals;

namespace {

LocalDate date(const char* text) { return *parse_local_date(text); }

const VillageCounts& village(const Digest& g, const std::string& name) {
  for (const auto& v : g.villages) {
    if (v.village == name) return v;
  }
  FAIL("no village " << name);
  throw;
}

// The fixture of the digest sent on 2026-11-24 (covering the 23rd), counted by hand:
//   韩家村 new 1 (#2), closed 1 (#3), open 2 (#1, #2), overdue 1 (#1)
//   李庄村 new 1 (#4), closed 0, open 2 (#4, #5: closed only after the day), overdue 1 (#5)
//   王家湾村, 东营村 all 0 (#6 comes after the day, #7 closed before it, #8 long closed)
struct DigestFixture : ScheduleFixture {
  Ticket t1, t2, t3, t4, t5, t6, t7, t8;
  DigestFixture() {
    t1 = add_ticket(local("2026-11-20 09:00"), 24h);
    t2 = add_ticket(local("2026-11-23 08:00"), 24h);
    t3 = add_ticket(local("2026-11-22 10:00"), 72h, "construction_waste");
    close(t3, local("2026-11-23 15:00"));
    t4 = add_ticket(local("2026-11-23 23:30"), 24h, "household_waste", "李庄村", "lizhuang-east", "sim:lichunmei",
                    "g-lizhuang");
    t5 = add_ticket(local("2026-11-21 10:00"), 24h, "household_waste", "李庄村", "lizhuang-east", "sim:lichunmei",
                    "g-lizhuang");
    close(t5, local("2026-11-24 01:00"));
    t6 = add_ticket(local("2026-11-24 00:30"), 72h, "stacks", "东营村", "dongying-front", "sim:wuhong", "g-dongying");
    t7 = add_ticket(local("2026-11-19 10:00"), 24h, "household_waste", "王家湾村", "wangjiawan-1", "sim:wangxiulan",
                    "g-wangjiawan");
    close(t7, local("2026-11-22 10:00"));
    t8 = add_ticket(local("2026-11-15 10:00"), 24h, "household_waste", "东营村", "dongying-front", "sim:wuhong",
                    "g-dongying");
    close(t8, local("2026-11-16 12:00"));  // 回头看 falls due 11-23 12:00
    ReportDraft draft;
    draft.stage = DraftStage::awaiting_category;
    draft.platform = "sim";
    draft.group_id = "g-hanjia";
    draft.reporter_id = "sim:liufang";
    Statement q(*db,
                "INSERT INTO pending_reports (platform, group_id, user_id, opened_at, deadline_at, payload) "
                "VALUES ('sim', 'g-hanjia', 'sim:liufang', ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(local("2026-11-23 12:00").time_since_epoch().count()));
    q.bind(2, static_cast<int64_t>(local("2026-11-23 14:00").time_since_epoch().count()));
    q.bind(3, draft_to_json(draft));
    q.exec();
  }
};

}  // namespace

TEST_CASE("digest numbers match the hand-computed fixture") {
  DigestFixture f;
  const Digest g = build_digest(*f.db, f.deployment, date("2026-11-24"));
  CHECK(g.day == date("2026-11-23"));
  const auto& han = village(g, "韩家村");
  CHECK(han.new_count == 1);
  CHECK(han.closed == 1);
  CHECK(han.open == 2);
  CHECK(han.overdue == 1);
  const auto& li = village(g, "李庄村");
  CHECK(li.new_count == 1);
  CHECK(li.closed == 0);
  CHECK(li.open == 2);
  CHECK(li.overdue == 1);
  CHECK(village(g, "东营村").open == 0);
  CHECK(village(g, "王家湾村").closed == 0);
  CHECK(g.total.new_count == 2);
  CHECK(g.total.closed == 1);
  CHECK(g.total.open == 4);
  CHECK(g.total.overdue == 2);
  REQUIRE(g.most_overdue.size() == 2);
  CHECK(g.most_overdue[0].id == f.t1.id);
  CHECK(g.most_overdue[1].id == f.t5.id);
  CHECK(g.waiting_for_category == 1);
  CHECK(g.followups_due == std::vector<int64_t>{f.t8.id});
  REQUIRE(g.trend.size() == 7);
  CHECK(g.trend[6].open == 4);
  CHECK(g.trend[6].overdue == 2);
  CHECK(g.trend[5].day == date("2026-11-22"));
  CHECK(g.trend[5].open == 3);  // #1, #3 (closed on the 23rd), #5
  CHECK(g.trend[5].overdue == 2);
  CHECK_FALSE(g.week);  // a Tuesday
  CHECK_FALSE(g.ranking);

  const std::string text = digest_text(g, f.deployment);
  CHECK(contains(text, "全镇：新增 2，销号 1，在办 4，超期 2"));
  CHECK(contains(text, "· 韩家村：新增 1，销号 1，在办 2，超期 1"));
  CHECK(contains(text, "1. #" + std::to_string(f.t1.id) + "【生活垃圾】韩家村 超期2天15小时，责任人 张桂兰"));
  CHECK(contains(text, "待选类别的上报：1 件"));
  CHECK(contains(text, "回头看待回复：1 件（#" + std::to_string(f.t8.id) + "）"));

  // A township's wording is what the digest says.
  ConfigProblems problems;
  f.deployment.wording.apply_overrides(
      YAML::Load("digest: {whole_township: 本镇, unassigned: 待定}\n"
                 "digest.counts: \"新报 {new}，办结 {closed}，未结 {open}，超时 {overdue}\"\n"),
      "paike.yaml", problems);
  REQUIRE(problems.empty());
  const Digest worded = build_digest(*f.db, f.deployment, date("2026-11-24"));
  CHECK(contains(digest_text(worded, f.deployment), "本镇：新报 2，办结 1，未结 4，超时 2。"));
  f.deployment.wording = Wording();

  const Digest monday = build_digest(*f.db, f.deployment, date("2026-11-30"));
  REQUIRE(monday.week);
  CHECK(monday.week->first == date("2026-11-23"));
  CHECK(monday.week->new_count == 3);  // #2, #4, #6
  CHECK(monday.week->closed == 2);     // #3 on time, #5 late
  CHECK(monday.week->closed_on_time == 1);
}

TEST_CASE("ranking: equal scores share a rank, the tie goes to the deployment's order, 红榜 and 黑榜") {
  ScheduleFixture f;
  for (const auto& v : f.deployment.villages()) f.deployment.schedule.digest.households[v] = 400;
  Ticket a = f.add_ticket(local("2026-10-10 10:00"), 24h);
  f.close(a, local("2026-10-11 09:00"));
  Ticket b = f.add_ticket(local("2026-10-10 10:00"), 24h, "household_waste", "李庄村", "lizhuang-east", "sim:lichunmei",
                          "g-lizhuang");
  f.close(b, local("2026-10-11 09:00"));
  Ticket c = f.add_ticket(local("2026-10-10 10:00"), 24h, "household_waste", "王家湾村", "wangjiawan-1",
                          "sim:wangxiulan", "g-wangjiawan");
  f.close(c, local("2026-10-13 10:00"));  // two days late

  const Ranking r = build_ranking(*f.db, f.deployment, std::chrono::year(2026) / std::chrono::October);
  REQUIRE(r.villages.size() == 4);
  // 50 × (1+1)/(1+1) + 2 × 0.3 = 50.6 for both; 东营村 50 × 1/1 = 50; 王家湾村 50 × 1/2 − 2 + 0.6 = 23.6.
  CHECK(r.villages[0].village == "韩家村");
  CHECK(r.villages[1].village == "李庄村");
  CHECK(r.villages[0].score == Approx(50.6));
  CHECK(r.villages[0].rank == 1);
  CHECK(r.villages[1].rank == 1);
  CHECK(r.villages[2].village == "东营村");
  CHECK(r.villages[2].rank == 3);
  CHECK(r.villages[3].village == "王家湾村");
  CHECK(r.villages[3].overdue_days == Approx(2.0));
  CHECK(r.villages[3].score == Approx(23.6));
  CHECK(r.villages[3].rank == 4);
  CHECK(r.red == std::vector<std::string>{"韩家村", "李庄村"});
  CHECK(r.black == std::vector<std::string>{"王家湾村", "东营村"});
  CHECK(r.red_flag == "韩家村");
  const std::string text = ranking_text(r, f.deployment);
  CHECK(contains(text, "红榜：韩家村 50.6分（并列第1）；李庄村 50.6分（并列第1）"));
  CHECK(contains(text, "流动红旗：韩家村"));
}

TEST_CASE("month boundaries follow Asia/Shanghai, not UTC") {
  ScheduleFixture f;
  // 00:10 on 1 November in Shanghai is still 31 October in UTC.
  const TimePoint november_first = local("2026-11-01 00:10");
  CHECK(format_iso8601(november_first, TimeZone::find("UTC").value()).substr(0, 10) == "2026-10-31");
  f.add_ticket(local("2026-10-31 23:30"), 24h);
  f.add_ticket(november_first, 24h);
  auto reports = [&](std::chrono::year_month month) {
    for (const auto& v : build_ranking(*f.db, f.deployment, month).villages) {
      if (v.village == "韩家村") return v.reports;
    }
    return -1;
  };
  CHECK(reports(std::chrono::year(2026) / std::chrono::October) == 1);
  CHECK(reports(std::chrono::year(2026) / std::chrono::November) == 1);
  // The digest sent on the 1st carries the month before's 红黑榜.
  const Digest first = build_digest(*f.db, f.deployment, date("2026-11-01"));
  REQUIRE(first.ranking);
  CHECK(first.ranking->month == std::chrono::year(2026) / std::chrono::October);
  CHECK(first.total.new_count == 1);  // only the 23:30 one falls on 31 October
  CHECK(contains(digest_text(first, f.deployment), "10月红黑榜"));
}

TEST_CASE("the chart is a PNG whose Chinese labels are drawn with a CJK font") {
  DigestFixture f;
  const Digest g = build_digest(*f.db, f.deployment, date("2026-11-24"));
  const ChartRender chart = render_digest_chart(g, f.deployment);
  CHECK(chart.unknown_glyphs == 0);  // no tofu boxes: a font had every character

  struct Reader {
    const std::string& bytes;
    size_t pos = 0;
  } reader{chart.png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* data, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->pos + length > r->bytes.size()) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(data, r->bytes.data() + r->pos, length);
        r->pos += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
  CHECK(cairo_image_surface_get_width(image) == chart.width);
  const unsigned char* pixels = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  auto dark_pixels = [&](const ChartLabel& label) {
    int dark = 0;
    for (int y = label.y; y < label.y + label.height; ++y) {
      for (int x = label.x; x < label.x + label.width; ++x) {
        const unsigned char* px = pixels + y * stride + x * 4;  // B, G, R, X
        if (px[0] + px[1] + px[2] < 3 * 100) ++dark;
      }
    }
    return dark;
  };
  auto label =
      std::find_if(chart.labels.begin(), chart.labels.end(), [](const ChartLabel& l) { return l.text == "韩家村"; });
  REQUIRE(label != chart.labels.end());
  // Three CJK characters at 16 px are about 48×23 pixels: glyph strokes fill a good part of
  // the box, and the box is as wide as three full-width characters (not three narrow boxes).
  CHECK(label->width >= 40);
  const int dark = dark_pixels(*label);
  CHECK(dark > 60);
  CHECK(dark < label->width * label->height / 2);
  // The same box on a blank area of the chart stays white.
  ChartLabel blank = *label;
  blank.y = 60;
  blank.x = chart.width / 2 - 30;
  CHECK(dark_pixels(blank) == 0);
  cairo_surface_destroy(image);
}
