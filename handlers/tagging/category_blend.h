// The category decision from two readers of one message: the keyword scorer (rules: weights,
// negation, resolution, priority — 烧垃圾 is burning) and the n-gram model (wording learnt from
// examples). Keywords lead; the model decides what they cannot, and turns a keyword guess it
// finds unlikely into a question back, so the bot asks rather than guesses wrong. Pure.
#pragma once

#include <optional>
#include <string>

#include "config/deployment.h"
#include "handlers/tagging/category_scorer.h"
#include "handlers/tagging/ngram_model.h"

namespace paike::tagging {

struct BlendedCategory {
  std::optional<std::string> best;  // nullopt: ask back
  double confidence = 0;            // in [0,1]
  std::string how;                  // for `paike tag`'s explain, e.g. "keywords and n-grams agree"
};

BlendedCategory blend_category(const CategoryDecision& keywords, const NgramPrediction& model,
                               const TaggingSettings& settings);

// A message the rules found no problem in ("no problem named": no keyword, cue, question or
// chit-chat) that the model is sure names one: its category, else nullopt.
std::optional<std::string> model_names_problem(const NgramPrediction& model, const TaggingSettings& settings);

}  // namespace paike::tagging
