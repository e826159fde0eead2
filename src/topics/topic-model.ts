import { foldText } from "./text.js";

/**
 * A second opinion on the built-in topics: a logistic regression per topic over an article's words, their first
 * five letters (a stem that survives the cases of Russian, Ukrainian and Azerbaijani: "Харкові", "Харкова" → "харко")
 * and its categories, plus whether the topic's keyword lists matched. Trained on the labelled headlines in test/eval
 * by test/eval/train-model.ts and shipped as JSON beside this file; nothing is downloaded.
 */
export interface TopicModelData {
  /** The features' recipe; a model of another version is not used. */
  version: number;
  topics: Record<string, TopicWeights>;
}

export interface TopicWeights {
  bias: number;
  /** Added when the topic's keywords or categories matched. */
  listed: number;
  weights: Record<string, number>;
}

export const FEATURE_VERSION = 1;
const STEM = 5;

/** The features of an article's folded words (title and summary) and categories; each appears once. */
export function articleFeatures(folded: readonly string[], categories: readonly string[]): string[] {
  const features = new Set<string>();
  for (const word of folded) {
    if (word.length < 2 || /^\d+$/.test(word)) continue;
    features.add(word);
    if (word.length > STEM) features.add(`${word.slice(0, STEM)}~`);
  }
  for (const category of categories) {
    const c = foldText(category.trim());
    if (c !== "") features.add(`#${c}`);
  }
  return [...features];
}

/** The probability the model gives a topic for an article's features. */
export function topicProbability(weights: TopicWeights, features: readonly string[], listed: boolean): number {
  let score = weights.bias + (listed ? weights.listed : 0);
  for (const feature of features) score += weights.weights[feature] ?? 0;
  return 1 / (1 + Math.exp(-score));
}

/** Probabilities at or above which the model admits a topic the lists missed, and below which it vetoes one they matched. */
export const ADMIT = 0.5;
export const VETO = 0.5;

/** Whether an article is in a topic: the lists' finding, unless the model is sure otherwise. */
export function decideTopic(listed: boolean, probability: number): boolean {
  return listed ? probability >= VETO : probability >= ADMIT;
}
