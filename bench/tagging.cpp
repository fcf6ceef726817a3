// bench_tagging: how fast the Tagger reads messages, and how long it takes to build (the
// n-gram model is learnt from config/tagging_examples/ at startup).
//
// Builds the demo deployment's Tagger (median of 5 builds), then tags every message of the
// labelled sets in tests/data/tagging/ and config/tagging_examples/ over and over for about
// two seconds on one thread and prints messages per second. Goal: far above any chat
// group's rate — 1,000 messages/s on one core.
//
//   build/bench/bench_tagging
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "config/load.h"
#include "config/text.h"
#include "handlers/tagging/tagging.h"

using namespace paike;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Message {
  std::string group, text;
};

std::vector<Message> labelled_messages() {
  const std::string data = PAIKE_TEST_DATA;
  std::vector<Message> out;
  for (const std::string& file :
       {data + "/../../config/tagging_examples/messages.tsv", data + "/../../config/tagging_examples/heldout.tsv",
        data + "/tagging/blind.tsv", data + "/tagging/blind2.tsv", data + "/tagging/blind3.tsv"}) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const auto c = split(line, '\t');
      if (c.size() >= 2) out.push_back({c[0], c[1]});
    }
  }
  return out;
}

}  // namespace

int main() {
  const LoadedDeployment loaded = load_demo_deployment([](const std::string&) { return std::nullopt; });
  const Deployment& d = loaded.deployment;
  std::vector<double> builds;
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    const Tagger tagger(d);
    builds.push_back(ms_since(start));
  }
  std::sort(builds.begin(), builds.end());
  std::printf("Tagger build (normaliser, keywords, n-gram model from %zu examples): median %.1f ms\n",
              d.tagging.examples.size(), builds[2]);

  const std::vector<Message> messages = labelled_messages();
  const Tagger tagger(d);
  size_t tagged = 0, reports = 0;
  const auto start = Clock::now();
  while (ms_since(start) < 2000) {
    for (const auto& m : messages) {
      reports += tagger.tag({m.text, d.find_group("sim", m.group), std::nullopt, std::nullopt}).is_report;
      ++tagged;
    }
  }
  const double seconds = ms_since(start) / 1000;
  std::printf("tagged %zu messages (%zu distinct, %zu reports) in %.2f s: %.0f messages/s on one thread\n", tagged,
              messages.size(), reports, seconds, tagged / seconds);
  return 0;
}
