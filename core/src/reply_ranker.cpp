// Whole-pair scoring and explanations with the generated model (reply_ranker.h).
#include "reply_ranker.h"

namespace soundoff::detail {

float ranker_score(const FeatureSet& features) {
  PartialScore p = ranker_start();
  ranker_add(features, p);
  return ranker_finish(p);
}

void ranker_contributions(const FeatureSet& features, std::array<float, FeatureSet::kMaxActive>& out) {
  PartialScore p = ranker_start();
  ranker_add(features, p);
  for (std::size_t i = 0; i < features.size; ++i) {
    const std::uint16_t f = features.ids[i];
    out[i] = model::kModelWeights[f];
    for (std::size_t k = 0; k < model::kModelHidden; ++k)
      if (p.hidden[k] > 0) out[i] += model::kModelOutput[k] * model::kModelHiddenWeights[f][k];
  }
}

}  // namespace soundoff::detail
