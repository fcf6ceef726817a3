#include "handlers/tagging/ngram_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace paike::tagging {

namespace {

constexpr size_t kMaxGram = 3;
// Add-alpha smoothing: an n-gram a label never had is rare for it, not impossible.
constexpr double kAlpha = 0.2;
constexpr size_t kExplainFeatures = 5;

size_t char_size(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >> 5 == 0x6) return 2;
  if (lead >> 4 == 0xe) return 3;
  return lead >> 3 == 0x1e ? 4 : 1;
}

bool is_category(std::string_view label) { return label != "not_report" && label != "ask"; }

}  // namespace

double NgramPrediction::probability(std::string_view label) const {
  for (const auto& [l, p] : ranked) {
    if (l == label) return p;
  }
  return 0;
}

std::pair<std::string, double> NgramPrediction::best_category() const {
  for (const auto& [label, p] : ranked) {
    if (is_category(label)) return {label, category_share(label)};
  }
  return {"", 0};
}

double NgramPrediction::category_share(std::string_view label) const {
  double total = 0;
  for (const auto& [l, p] : ranked) total += is_category(l) ? p : 0;
  return total > 0 ? probability(label) / total : 0;
}

NgramModel::NgramModel(const std::vector<TaggingExample>& examples, std::vector<std::string> masked, double temperature)
    : temperature_(temperature), masked_(std::move(masked)) {
  std::erase_if(masked_, [](const std::string& w) { return w.empty(); });
  std::sort(masked_.begin(), masked_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::set<std::string> labels;
  for (const auto& e : examples) labels.insert(e.label);
  labels_.assign(labels.begin(), labels.end());

  std::map<std::string, std::vector<double>> counts;  // ordered: the same examples give the same floats
  std::vector<double> totals(labels_.size(), 0);
  for (const auto& e : examples) {
    const size_t l = std::lower_bound(labels_.begin(), labels_.end(), e.label) - labels_.begin();
    for (auto& g : grams(e.text)) {
      auto& c = counts[std::move(g)];
      c.resize(labels_.size(), 0);
      c[l] += 1;
      totals[l] += 1;
    }
  }
  const double vocabulary = double(counts.size());
  const double max_entropy = std::log(double(std::max<size_t>(2, labels_.size())));
  for (const auto& [gram, c] : counts) {
    std::vector<double> rate(labels_.size());
    double sum = 0;
    for (size_t l = 0; l < labels_.size(); ++l) sum += rate[l] = (c[l] + kAlpha) / (totals[l] + kAlpha * vocabulary);
    // An n-gram every label uses alike (的, 那边, 谁家) is noise that naive Bayes would add up
    // as evidence: weigh it by how much it tells labels apart (1 - normalised entropy).
    double entropy = 0;
    for (double r : rate) entropy -= r / sum * std::log(r / sum);
    const double weight = 1 - entropy / max_entropy;
    std::vector<float> logs(labels_.size());
    for (size_t l = 0; l < labels_.size(); ++l) logs[l] = float(weight * std::log(rate[l]));
    log_p_.emplace(gram, std::move(logs));
  }
}

// Every distinct 1-3 character n-gram inside one clause, place names cut out first.
std::vector<std::string> NgramModel::grams(std::string_view text) const {
  std::string cut;  // `text` with each place name (longest first) cut to a clause break
  for (size_t at = 0; at < text.size();) {
    auto name =
        std::find_if(masked_.begin(), masked_.end(), [&](const auto& m) { return text.substr(at).starts_with(m); });
    const size_t n = name != masked_.end() ? name->size() : char_size(static_cast<unsigned char>(text[at]));
    if (name != masked_.end()) {
      cut += ' ';
    } else {
      cut.append(text.substr(at, n));
    }
    at += n;
  }
  std::set<std::string> out;
  std::vector<size_t> starts;  // byte offsets of the code points of the current clause
  auto flush = [&](size_t end) {
    for (size_t i = 0; i < starts.size(); ++i) {
      for (size_t n = 1; n <= kMaxGram && i + n <= starts.size(); ++n) {
        const size_t stop = i + n < starts.size() ? starts[i + n] : end;
        out.insert(cut.substr(starts[i], stop - starts[i]));
      }
    }
    starts.clear();
  };
  for (size_t at = 0; at < cut.size(); at += char_size(static_cast<unsigned char>(cut[at]))) {
    if (cut[at] == ' ') {
      flush(at);
    } else {
      starts.push_back(at);
    }
  }
  flush(cut.size());
  return {out.begin(), out.end()};
}

NgramPrediction NgramModel::predict(std::string_view text) const {
  NgramPrediction out;
  if (labels_.empty()) return out;
  std::vector<double> score(labels_.size(), 0);
  std::vector<const std::pair<const std::string, std::vector<float>>*> seen;
  for (const auto& g : grams(text)) {
    auto it = log_p_.find(g);
    if (it == log_p_.end()) continue;  // never seen in any example: no evidence either way
    seen.push_back(&*it);
    for (size_t l = 0; l < labels_.size(); ++l) score[l] += it->second[l];
  }
  if (seen.empty()) return out;
  const double top = *std::max_element(score.begin(), score.end());
  double sum = 0;
  for (auto& s : score) sum += (s = std::exp((s - top) / temperature_));
  for (size_t l = 0; l < labels_.size(); ++l) out.ranked.emplace_back(labels_[l], score[l] / sum);
  std::stable_sort(out.ranked.begin(), out.ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });

  // Explain: the n-grams whose likelihood most favours the winner over its closest rival.
  const size_t best = std::lower_bound(labels_.begin(), labels_.end(), out.ranked.front().first) - labels_.begin();
  std::vector<std::pair<double, std::string>> gains;
  for (const auto* entry : seen) {
    double rival = -1e30;
    for (size_t l = 0; l < labels_.size(); ++l) {
      if (l != best) rival = std::max(rival, double(entry->second[l]));
    }
    const double gain = entry->second[best] - rival;
    if (gain > 0) gains.emplace_back(gain, entry->first);
  }
  std::sort(gains.begin(), gains.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (const auto& [gain, gram] : gains) {
    if (out.features.size() == kExplainFeatures) break;
    const bool within = std::any_of(out.features.begin(), out.features.end(),
                                    [&](const std::string& f) { return f.find(gram) != std::string::npos; });
    if (!within) out.features.push_back(gram);
  }
  return out;
}

}  // namespace paike::tagging
