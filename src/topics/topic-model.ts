import { readFileSync } from "node:fs";
import { BUILTIN_TOPICS } from "./builtin-topics.js";
import { foldText } from "./text.js";

/**
 * The built-in topics' second opinion: a logistic regression per topic over an article's words, their first five
 * letters (a stem that survives the cases of Russian, Ukrainian and Azerbaijani: "Харкові", "Харкова" → "харко") and
 * its categories, trained on the labelled headlines in test/eval (`npm run train:topics`) and shipped beside this file
 * as topic-model.json; nothing is downloaded. It admits what the keyword lists missed when it is sure (p ≥ 0.5) and
 * vetoes what they matched when it is sure they are wrong (p < 0.05). test/eval/second-opinion.ts has the figures.
 */
export const ADMIT = 0.5;
export const VETO = 0.05;
const STEM = 5;

export interface TopicModelFile {
  /** The topics, in the order of each feature's weights. */
  topics: string[];
  bias: number[];
  /** Feature → one weight per topic. */
  weights: Record<string, number[]>;
}

export class TopicModel {
  private readonly index = new Map<string, number>();
  private readonly weights: Map<string, readonly number[]>;

  constructor(private readonly data: TopicModelFile) {
    data.topics.forEach((name, i) => this.index.set(name, i));
    this.weights = new Map(Object.entries(data.weights));
  }

  /** The position of a topic's probabilities in `probabilities`, or undefined for a topic the model does not know. */
  topicIndex(name: string): number | undefined {
    return this.index.get(name);
  }

  /** Each topic's probability for an article's features. */
  probabilities(features: Iterable<string>): number[] {
    const scores = [...this.data.bias];
    for (const feature of features) {
      const w = this.weights.get(feature);
      if (w) for (let i = 0; i < scores.length; i++) scores[i]! += w[i]!;
    }
    return scores.map((s) => 1 / (1 + Math.exp(-s)));
  }
}

/** The features of an article: its folded words (title and summary), their stems, and its categories. */
export function articleFeatures(folded: Iterable<string>, categories: readonly string[]): Set<string> {
  const features = new Set<string>();
  for (const word of folded) {
    if (word.length < 2 || /^\d+$/.test(word)) continue;
    features.add(word);
    if (word.length > STEM) features.add(`${word.slice(0, STEM)}~`);
  }
  for (const category of categories) features.add(`#${foldText(category.trim())}`);
  return features;
}

/** Whether the lists' finding stands, given the model's probability. */
export function decideTopic(listed: boolean, probability: number): boolean {
  return listed ? probability >= VETO : probability >= ADMIT;
}

let shipped: TopicModel | undefined;

/** The model shipped beside this file, read on first use. */
export function shippedModel(): TopicModel {
  shipped ??= new TopicModel(JSON.parse(readFileSync(new URL("./topic-model.json", import.meta.url), "utf8")) as TopicModelFile);
  return shipped;
}

/**
 * Whether a catalog topic is one of the built-in topics as shipped (same name, categories, keywords and exclusions):
 * only those get the model's second opinion, since it was trained on what they mean. An operator's own topic of the
 * same name, or a built-in one with edited lists, is matched by its lists alone.
 */
export function isBuiltinAsShipped(topic: CatalogLists & { name: string }): boolean {
  builtinSignatures ??= new Map(BUILTIN_TOPICS.map((t) => [t.name, signature(t)]));
  const builtin = builtinSignatures.get(topic.name);
  return builtin !== undefined && builtin === signature(topic);
}

let builtinSignatures: Map<string, string> | undefined;

interface CatalogLists {
  categories: readonly string[];
  keywords: readonly string[];
  exclude?: readonly string[] | null;
}

function signature(topic: CatalogLists): string {
  return JSON.stringify([topic.categories, topic.keywords, topic.exclude ?? []]);
}
