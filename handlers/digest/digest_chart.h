// The digest's chart as a PNG: per-village bars (open and overdue) and the 7-day trend of
// open and overdue tickets, labelled in Chinese with Pango and a CJK font from fontconfig
// ("Noto Sans CJK SC", fonts-noto-cjk). Pure function of the digest; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "handlers/digest/digest.h"

namespace paike {

struct ChartLabel {
  std::string text;
  int x = 0, y = 0, width = 0, height = 0;  // pixel box the label was drawn into
};

struct ChartRender {
  std::string png;  // the image
  int width = 0, height = 0;
  std::vector<ChartLabel> labels;  // where each text went (tests read its pixels)
  int unknown_glyphs = 0;          // characters no installed font could draw (should be 0)
};

// Titled "清河镇 2026-11-23 整改日报"; every label from the deployment's wording (area chart).
ChartRender render_digest_chart(const Digest& digest, const Deployment& deployment);

}  // namespace paike
