// The learned part of reply resolution: scores a (comment, candidate) pair
// from its binary features (reply_features.h) with the model in
// reply_model.inc, written by scripts/train-reply-ranker from the Ubuntu IRC
// train split. The model is "wide and deep": a weight per feature plus one
// small ReLU layer over the same features, so
//   score = bias + sum_f w[f] + sum_h out[h] * relu(b[h] + sum_f W[f][h]).
// With binary inputs the first layer is a sum of rows, and sums split: the
// resolver adds the rows of a comment's own features once, those of each
// earlier comment once (cached), and per candidate only the pair's. No
// allocation; inline because it is the hot loop. Internal to core.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "reply_features.h"

namespace soundoff::detail {

namespace model {
#include "reply_model.inc"
static_assert(kModelFeatureCount == kFeatureCount,
              "reply_model.inc was trained on another feature list: rerun scripts/train-reply-ranker --write");
}  // namespace model

// A partial sum of the model's first layer (and of the wide weights).
struct PartialScore {
  alignas(64) std::array<float, model::kModelHidden> hidden{};
  float linear = 0.0f;
};

// hidden[k] += row[k]. GCC keeps a local PartialScore in 16 scalar
// registers and adds one float at a time; 4-wide vectors where the compiler
// has them (GCC, Clang, Emscripten) make the hot loop about twice as fast.
#if defined(__GNUC__) || defined(__clang__)
typedef float Float4 __attribute__((vector_size(16), aligned(16)));
static_assert(model::kModelHidden % 4 == 0);
inline void add_row(float* hidden, const float* row) {
  for (std::size_t k = 0; k < model::kModelHidden; k += 4) {
    Float4 h, r;
    __builtin_memcpy(&h, hidden + k, sizeof h);
    __builtin_memcpy(&r, row + k, sizeof r);
    h += r;
    __builtin_memcpy(hidden + k, &h, sizeof h);
  }
}
#else
inline void add_row(float* hidden, const float* row) {
  for (std::size_t k = 0; k < model::kModelHidden; ++k) hidden[k] += row[k];
}
#endif

// The biases: where every candidate's sum starts.
inline PartialScore ranker_start() {
  PartialScore p;
  p.linear = model::kModelBias;
  for (std::size_t k = 0; k < model::kModelHidden; ++k) p.hidden[k] = model::kModelHiddenBias[k];
  return p;
}

inline void ranker_add(const FeatureSet& features, PartialScore& p) {
  for (std::size_t i = 0; i < features.size; ++i) {
    const std::uint16_t f = features.ids[i];
    p.linear += model::kModelWeights[f];
    add_row(p.hidden.data(), model::kModelHiddenWeights[f]);
  }
}

inline void ranker_add(const PartialScore& part, PartialScore& p) {
  p.linear += part.linear;
  add_row(p.hidden.data(), part.hidden.data());
}

// linear + sum_k out[k] * relu(hidden[k]). Four partial sums, not one:
// a single running float sum is a chain of dependent adds the compiler may
// not reorder, and it cost about a third of each candidate's time.
#if defined(__GNUC__) || defined(__clang__)
inline float ranker_finish(const PartialScore& p) {
  Float4 acc = {0, 0, 0, 0};
  const Float4 zero = {0, 0, 0, 0};
  for (std::size_t k = 0; k < model::kModelHidden; k += 4) {
    Float4 h, w;
    __builtin_memcpy(&h, p.hidden.data() + k, sizeof h);
    __builtin_memcpy(&w, model::kModelOutput + k, sizeof w);
    acc += w * (h > zero ? h : zero);
  }
  return p.linear + ((acc[0] + acc[1]) + (acc[2] + acc[3]));
}
// ranker_finish of a + b + features, without materialising the sum: the
// resolver's per-candidate score (the comment's part, the target's cached
// part, the pair's features), one block of four hidden units at a time so
// the partial sums stay in registers.
inline float ranker_score_of(const PartialScore& a, const PartialScore& b, const FeatureSet& features) {
  float linear = a.linear + b.linear;
  for (std::size_t i = 0; i < features.size; ++i) linear += model::kModelWeights[features.ids[i]];
  Float4 acc = {0, 0, 0, 0};
  const Float4 zero = {0, 0, 0, 0};
  for (std::size_t k = 0; k < model::kModelHidden; k += 4) {
    Float4 h, x, w;
    __builtin_memcpy(&h, a.hidden.data() + k, sizeof h);
    __builtin_memcpy(&x, b.hidden.data() + k, sizeof x);
    h += x;
    for (std::size_t i = 0; i < features.size; ++i) {
      __builtin_memcpy(&x, model::kModelHiddenWeights[features.ids[i]] + k, sizeof x);
      h += x;
    }
    __builtin_memcpy(&w, model::kModelOutput + k, sizeof w);
    acc += w * (h > zero ? h : zero);
  }
  return linear + ((acc[0] + acc[1]) + (acc[2] + acc[3]));
}
#else
inline float ranker_finish(const PartialScore& p) {
  float score = p.linear;
  for (std::size_t k = 0; k < model::kModelHidden; ++k) score += model::kModelOutput[k] * std::max(p.hidden[k], 0.0f);
  return score;
}
inline float ranker_score_of(const PartialScore& a, const PartialScore& b, const FeatureSet& features) {
  PartialScore sum = a;
  ranker_add(b, sum);
  ranker_add(features, sum);
  return ranker_finish(sum);
}
#endif

// The whole score of one pair (biases included).
float ranker_score(const FeatureSet& features);

// How much each active feature added to ranker_score(features), in the
// order of features.ids: its own weight plus its share through the active
// hidden units (exact for a ReLU layer over binary inputs). The remainder
// (biases) is the same for every candidate, so these rank the reasons.
void ranker_contributions(const FeatureSet& features, std::array<float, FeatureSet::kMaxActive>& out);

// The candidate window the model was trained with (comments back).
inline constexpr std::uint32_t kRankerWindow = model::kModelWindow;

// feature_list_hash() of the feature list the model was trained on.
inline constexpr std::uint64_t kRankerFeatureHash = model::kModelFeatureHash;

}  // namespace soundoff::detail
