#include "handlers/tagging/category_blend.h"

namespace paike::tagging {

BlendedCategory blend_category(const CategoryDecision& keywords, const NgramPrediction& model,
                               const TaggingSettings& settings) {
  if (model.ranked.empty()) {
    return {keywords.best, keywords.best ? keywords.confidence : 0,
            keywords.best ? "keywords alone" : "keywords unsure"};
  }
  const auto [guess, share] = model.best_category();
  if (keywords.best) {
    const std::string& chosen = *keywords.best;
    if (guess == chosen) {
      // Two readers that agree: wrong only when both are.
      return {chosen, 1 - (1 - keywords.confidence) * (1 - share), "keywords and n-grams agree"};
    }
    // A clear keyword guess stands (its rules know 烧垃圾 is burning); a weak one the model
    // finds unlikely is asked back rather than filed wrong.
    if (keywords.confidence < settings.model_veto_below && model.category_share(chosen) < settings.model_veto) {
      return {std::nullopt, keywords.confidence * model.category_share(chosen),
              "keywords say " + chosen + ", n-grams say " + guess + ": ask"};
    }
    return {chosen, keywords.confidence, "keywords; n-grams lean to " + guess};
  }
  // The keywords found nothing or could not decide: the model alone, when it is sure that a
  // problem is named at all and which one.
  const double alone = model.probability(guess);
  if (alone >= settings.model_alone) return {guess, alone, "n-grams alone (keywords unsure)"};
  return {std::nullopt, keywords.confidence, "keywords and n-grams unsure"};
}

std::optional<std::string> model_names_problem(const NgramPrediction& model, const TaggingSettings& settings) {
  if (model.ranked.empty()) return std::nullopt;
  const std::string& top = model.ranked.front().first;
  if (top == "not_report" || top == "ask" || model.ranked.front().second < settings.model_alone) return std::nullopt;
  return top;
}

}  // namespace paike::tagging
