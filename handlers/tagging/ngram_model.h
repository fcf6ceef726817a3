// A character n-gram (1-3) naive Bayes model of what a message reports, learnt at startup from
// the deployment's labelled examples (config/tagging_examples/*.tsv). It reads wording no
// keyword lists ("棒子秸", "屎汤子"), and says how sure it is so the keywords' guess can be
// checked. Labels are category codes, "not_report" and "ask". Deterministic: the same
// examples give the same model. Immutable after construction; predict() is thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config/deployment.h"

namespace paike::tagging {

struct NgramPrediction {
  std::vector<std::pair<std::string, double>> ranked;  // label → probability, best first, sums to 1
  std::vector<std::string> features;                   // the n-grams that most favour the best label

  double probability(std::string_view label) const;
  // The best category code (no "not_report" or "ask") and its share among categories only.
  std::pair<std::string, double> best_category() const;
  double category_share(std::string_view label) const;  // `label`'s share among categories only
};

class NgramModel {
 public:
  // Chosen by cross-validation over the examples (tests/handlers/tagging_model_test.cpp prints it).
  static constexpr double kDefaultTemperature = 1;

  // `examples` hold normalised text (handlers/tagging/normalize.h). `masked` words (place
  // names) are cut out before reading n-grams: 南河桥 says where, not what.
  // `temperature` divides the log-odds: naive Bayes counts overlapping n-grams as independent
  // evidence, so its raw probabilities are near 0 or 1.
  NgramModel(const std::vector<TaggingExample>& examples, std::vector<std::string> masked,
             double temperature = kDefaultTemperature);
  // `text` normalised. Empty `ranked` when the model learnt nothing or the text has no n-gram.
  NgramPrediction predict(std::string_view text) const;
  bool empty() const { return labels_.empty(); }

 private:
  std::vector<std::string> grams(std::string_view text) const;

  double temperature_;
  std::vector<std::string> masked_;  // longest first
  std::vector<std::string> labels_;
  std::unordered_map<std::string, std::vector<float>> log_p_;  // n-gram → weight × log P(n-gram | label), per label
};

}  // namespace paike::tagging
