/**
 * Training of the built-in topics' second opinion (src/topics/topic-model.ts): one L2-regularised logistic regression
 * per topic over the labelled tuning headlines, by full-batch gradient descent with AdaGrad steps.
 * `npm run train:topics` trains it on every tuning set (evaluate.ts, TUNING_SETS) and writes
 * src/topics/topic-model.bin; second-opinion.ts trains it fold by fold to measure it.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TITLE_END, words } from "../../src/topics/text.js";
import { articleFeatures, encodeModel, type TopicModelFile } from "../../src/topics/topic-model.js";
import { loadTuningSets, type Headline } from "./evaluate.js";

const EPOCHS = 400;
const L2 = 0.0002;
const RATE = 0.5;
/** Weights this small change no decision; the shipped file leaves them out. */
const PRUNE = 0.01;

export function headlineFeatures(h: Pick<Headline, "title" | "summary" | "categories">): string[] {
  return [...articleFeatures([...words(h.title), TITLE_END, ...words(h.summary)], h.categories)];
}

export function trainModel(headlines: readonly Headline[]): TopicModelFile {
  const index = new Map<string, number>();
  const rows = headlines.map((h) => headlineFeatures(h).map((f) => index.get(f) ?? (index.set(f, index.size), index.size - 1)));
  const topics = BUILTIN_TOPICS.map((t) => t.name);
  const columns = topics.map((topic) => trainTopic(rows, index.size, headlines.map((h) => (h.topics.includes(topic) ? 1 : 0))));
  const features: string[] = [];
  const weights: number[] = [];
  for (const [feature, j] of index) {
    const w = columns.map((c) => round(c.weights[j]!));
    if (!w.some((x) => Math.abs(x) >= PRUNE)) continue;
    features.push(feature);
    weights.push(...w);
  }
  return { topics, bias: columns.map((c) => round(c.bias)), features, weights };
}

function trainTopic(rows: readonly number[][], size: number, y: readonly number[]): { bias: number; weights: Float64Array } {
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  const grad = new Float64Array(size);
  let bias = 0;
  let biasG2 = 1e-8;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    grad.fill(0);
    let biasGrad = 0;
    rows.forEach((row, i) => {
      let score = bias;
      for (const f of row) score += w[f]!;
      const error = 1 / (1 + Math.exp(-score)) - y[i]!;
      biasGrad += error;
      for (const f of row) grad[f]! += error;
    });
    biasGrad /= rows.length;
    biasG2 += biasGrad * biasGrad;
    bias -= (RATE * biasGrad) / Math.sqrt(biasG2);
    for (let j = 0; j < size; j++) {
      const g = grad[j]! / rows.length + L2 * w[j]!;
      g2[j]! += g * g;
      w[j]! -= (RATE * g) / Math.sqrt(g2[j]!);
    }
  }
  return { bias, weights: w };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function main(): void {
  const headlines = loadTuningSets();
  const model = trainModel(headlines);
  const file = fileURLToPath(new URL("../../src/topics/topic-model.bin", import.meta.url));
  writeFileSync(file, encodeModel(model));
  console.log(`trained on ${headlines.length} headlines: ${model.features.length} features, ${model.topics.length} topics → src/topics/topic-model.bin`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
