/**
 * Training of the topic model (src/topics/topic-model.ts): one L2-regularised logistic regression per built-in topic
 * over labelled headlines, by full-batch gradient descent with AdaGrad steps. `npm run train:topics` trains it on
 * every labelled tuning set in this folder and writes src/topics/topic-model.json; cross-validate.ts uses the same
 * functions fold by fold.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { words } from "../../src/topics/text.js";
import { articleFeatures, FEATURE_VERSION, type TopicModelData, type TopicWeights } from "../../src/topics/topic-model.js";
import { load, type Headline } from "./evaluate.js";

/** The labelled sets the model and the lists are tuned on; the blind set is never among them. */
export const TUNING_SETS = ["./headlines.json", "./headlines-holdout.json", "./headlines-extra.json"] as const;

export interface TrainOptions {
  epochs: number;
  l2: number;
  /** Weights smaller than this are left out of the shipped model. */
  prune: number;
  /** Whether the lists' finding is one of the model's features. */
  stacked: boolean;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 400, l2: 0.001, prune: 0.02, stacked: false };

export interface Example {
  features: string[];
  /** The topics the keyword lists matched (without the model). */
  listed: Set<string>;
  topics: Set<string>;
}

const listMatcher = new TopicMatcher(BUILTIN_TOPICS.map((t, i) => ({ id: i + 1, ...t })));

export function toExample(h: Headline): Example {
  const found = listMatcher.match({ title: h.title, summary: h.summary, categories: h.categories });
  return {
    features: articleFeatures([...words(h.title), ...words(h.summary)], h.categories),
    listed: new Set(found.map((id) => BUILTIN_TOPICS[id - 1]!.name)),
    topics: new Set(h.topics),
  };
}

export function loadTuningSets(): Headline[] {
  return TUNING_SETS.flatMap((file) => {
    try {
      return load<Headline[]>(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  });
}

export function trainModel(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAINING): TopicModelData {
  const topics: Record<string, TopicWeights> = {};
  for (const { name } of BUILTIN_TOPICS) topics[name] = trainTopic(examples, name, options);
  return { version: FEATURE_VERSION, topics };
}

function trainTopic(examples: readonly Example[], topic: string, { epochs, l2, prune, stacked }: TrainOptions): TopicWeights {
  const index = new Map<string, number>();
  const rows = examples.map((e) => e.features.map((f) => index.get(f) ?? (index.set(f, index.size), index.size - 1)));
  // Slot 0 is the bias, slot 1 "the lists matched", then one per feature.
  const n = index.size + 2;
  const w = new Float64Array(n);
  const g2 = new Float64Array(n).fill(1e-8);
  const grad = new Float64Array(n);
  const y = examples.map((e) => (e.topics.has(topic) ? 1 : 0));
  const listed = examples.map((e) => (stacked && e.listed.has(topic) ? 1 : 0));
  const rate = 0.5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0);
    rows.forEach((row, i) => {
      let score = w[0]! + listed[i]! * w[1]!;
      for (const f of row) score += w[f + 2]!;
      const error = 1 / (1 + Math.exp(-score)) - y[i]!;
      grad[0]! += error;
      grad[1]! += error * listed[i]!;
      for (const f of row) grad[f + 2]! += error;
    });
    for (let j = 0; j < n; j++) {
      const g = grad[j]! / examples.length + (j < 2 ? 0 : l2 * w[j]!);
      g2[j]! += g * g;
      w[j]! -= (rate * g) / Math.sqrt(g2[j]!);
    }
  }
  const weights: Record<string, number> = {};
  for (const [feature, j] of index) {
    const value = w[j + 2]!;
    if (Math.abs(value) >= prune) weights[feature] = Math.round(value * 1000) / 1000;
  }
  return { bias: round(w[0]!), listed: round(w[1]!), weights };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function main(): void {
  const headlines = loadTuningSets();
  const model = trainModel(headlines.map(toExample));
  const file = fileURLToPath(new URL("../../src/topics/topic-model.json", import.meta.url));
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  const size = Object.values(model.topics).reduce((s, t) => s + Object.keys(t.weights).length, 0);
  console.log(`trained on ${headlines.length} headlines: ${size} weights over ${Object.keys(model.topics).length} topics → src/topics/topic-model.json`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
