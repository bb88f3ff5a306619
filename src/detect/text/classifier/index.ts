/**
 * Text classifier: hashed character and word n-grams of the normalised text into a calibrated
 * logistic model, with category heads and n-gram explanations. Pure: bytes in, bytes out.
 */
export {
  DEFAULT_FEATURES,
  type FeatureConfig,
  Featurizer,
  featurize,
  forEachFeature,
  type SparseVector,
  tokenize,
} from './features.js';
export { type Example, type LinearModel, margin, sigmoid, trainLogistic } from './linear.js';
export { calibrated, fitPlatt, type Platt } from './platt.js';
export { type Contribution, type Prediction, TextModel, type TextModelMeta } from './text-model.js';
export { QUALITY_WEIGHTS, type TrainTextModelOptions, trainTextModel } from './train-text-model.js';
export {
  holdoutKey,
  keyFraction,
  type Quality,
  singleGroupSources,
  splitRows,
  type TrainingRow,
  trainingRowSchema,
} from './training-row.js';
export {
  DEFAULT_WEAK_CLEANING,
  treatWeakLabels,
  type WeakLabelCleaning,
  type WeakLabelMode,
  type WeakLabelReport,
} from './weak-labels.js';
