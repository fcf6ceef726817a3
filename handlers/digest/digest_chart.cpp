#include "handlers/digest/digest_chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace paike {

namespace {

constexpr int kWidth = 960, kHeight = 540;
constexpr const char* kFont = "Noto Sans CJK SC";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kOpen{0.27, 0.51, 0.71}, kOverdue{0.84, 0.24, 0.19}, kText{0.13, 0.13, 0.13}, kAxis{0.6, 0.6, 0.6};

class Painter {
 public:
  Painter() : surface_(cairo_image_surface_create(CAIRO_FORMAT_RGB24, kWidth, kHeight)), cr_(cairo_create(surface_)) {}
  ~Painter() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  Painter(const Painter&) = delete;
  Painter& operator=(const Painter&) = delete;

  cairo_t* cr() { return cr_; }
  void color(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }
  void rect(double x, double y, double w, double h, Rgb c) {
    color(c);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }
  void line(double x1, double y1, double x2, double y2, Rgb c, double width = 1) {
    color(c);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
    cairo_stroke(cr_);
  }
  // Draws `text` with its top-left (or centre when `centred`) at (x, y); records the box.
  void text(const std::string& s, double x, double y, int size, Rgb c, ChartRender& out, bool centred = false) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_from_string(kFont);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_text(layout, s.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    if (centred) x -= w / 2.0;
    color(c);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
    out.unknown_glyphs += pango_layout_get_unknown_glyphs_count(layout);
    out.labels.push_back({s, static_cast<int>(x), static_cast<int>(y), w, h});
    pango_font_description_free(font);
    g_object_unref(layout);
  }
  std::string png() {
    std::string bytes;
    cairo_surface_flush(surface_);
    cairo_surface_write_to_png_stream(
        surface_,
        [](void* closure, const unsigned char* data, unsigned int length) {
          static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
          return CAIRO_STATUS_SUCCESS;
        },
        &bytes);
    return bytes;
  }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

std::string short_date(LocalDate day) {
  return std::to_string(unsigned(day.month())) + "/" + std::to_string(unsigned(day.day()));
}

}  // namespace

ChartRender render_digest_chart(const Digest& g, const Deployment& d) {
  const Wording& w = d.wording;
  const std::string title = w.render("chart.title", {{"township", d.township}, {"day", format_date(g.day)}});
  ChartRender out;
  out.width = kWidth;
  out.height = kHeight;
  Painter p;
  p.rect(0, 0, kWidth, kHeight, {1, 1, 1});
  p.text(title, kWidth / 2.0, 14, 24, kText, out, true);

  // Left: open and overdue per village.
  const double left = 60, top = 90, bottom = kHeight - 70, right = kWidth * 0.55;
  int max_value = 1;
  for (const auto& v : g.villages) max_value = std::max(max_value, v.open);
  p.line(left, bottom, right, bottom, kAxis);
  p.text(w.render("chart.villages"), (left + right) / 2, top - 34, 16, kText, out, true);
  const double slot = g.villages.empty() ? 0 : (right - left) / static_cast<double>(g.villages.size());
  const double bar = std::min(36.0, slot / 3);
  for (size_t i = 0; i < g.villages.size(); ++i) {
    const auto& v = g.villages[i];
    const double x = left + slot * static_cast<double>(i) + slot / 2;
    const double open_h = (bottom - top) * v.open / max_value, overdue_h = (bottom - top) * v.overdue / max_value;
    p.rect(x - bar, bottom - open_h, bar, open_h, kOpen);
    p.rect(x, bottom - overdue_h, bar, overdue_h, kOverdue);
    p.text(std::to_string(v.open), x - bar / 2, bottom - open_h - 18, 12, kText, out, true);
    p.text(std::to_string(v.overdue), x + bar / 2, bottom - overdue_h - 18, 12, kText, out, true);
    p.text(v.village, x, bottom + 8, 16, kText, out, true);
  }

  // Right: the 7-day trend.
  const double tl = kWidth * 0.62, tr = kWidth - 40;
  int max_trend = 1;
  for (const auto& t : g.trend) max_trend = std::max(max_trend, t.open);
  p.line(tl, bottom, tr, bottom, kAxis);
  p.text(w.render("chart.trend"), (tl + tr) / 2, top - 34, 16, kText, out, true);
  const double step = g.trend.size() > 1 ? (tr - tl) / static_cast<double>(g.trend.size() - 1) : 0;
  auto point_y = [&](int value) { return bottom - (bottom - top) * value / max_trend; };
  for (int series = 0; series < 2; ++series) {
    p.color(series == 0 ? kOpen : kOverdue);
    cairo_set_line_width(p.cr(), 3);
    for (size_t i = 0; i < g.trend.size(); ++i) {
      const int value = series == 0 ? g.trend[i].open : g.trend[i].overdue;
      const double x = tl + step * static_cast<double>(i), y = point_y(value);
      if (i == 0)
        cairo_move_to(p.cr(), x, y);
      else
        cairo_line_to(p.cr(), x, y);
    }
    cairo_stroke(p.cr());
  }
  for (size_t i = 0; i < g.trend.size(); ++i) {
    p.text(short_date(g.trend[i].day), tl + step * static_cast<double>(i), bottom + 8, 12, kText, out, true);
  }

  // Legend.
  p.rect(left, kHeight - 30, 16, 16, kOpen);
  p.text(w.render("chart.open"), left + 22, kHeight - 33, 14, kText, out);
  p.rect(left + 90, kHeight - 30, 16, 16, kOverdue);
  p.text(w.render("chart.overdue"), left + 112, kHeight - 33, 14, kText, out);
  out.png = p.png();
  return out;
}

}  // namespace paike
