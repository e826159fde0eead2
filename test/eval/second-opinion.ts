/**
 * The measured case against shipping a classifier beside the keyword lists: k-fold cross-validation of a logistic
 * regression per built-in topic, trained on the labelled tuning headlines, as a second opinion that admits what the
 * lists missed or vetoes what they matched. `npm run eval:topics` prints it.
 *
 * Features: an article's folded words, their first five letters (a stem that survives the cases of Russian, Ukrainian
 * and Azerbaijani: "Харкові", "Харкова" → "харко") and its categories. Training: L2-regularised, full-batch gradient
 * descent with AdaGrad steps. Each fold's model is trained on the other folds. The lists themselves were tuned on all
 * of these headlines, so their share of the figures is not held out; the blind set is what shows how they generalise.
 */
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { foldText, words } from "../../src/topics/text.js";
import type { Headline } from "./evaluate.js";

interface Example {
  lang: string;
  features: string[];
  /** The topics the keyword lists matched. */
  listed: Set<string>;
  topics: Set<string>;
}

/** One way of deciding a topic from the lists' finding and the model's probability. */
export interface Variant {
  name: string;
  decide: (listed: boolean, probability: number) => boolean;
}

export const VARIANTS: Variant[] = [
  { name: "lists alone", decide: (listed) => listed },
  { name: "model alone (p ≥ 0.5)", decide: (_listed, p) => p >= 0.5 },
  { name: "lists, model admits at p ≥ 0.3", decide: (listed, p) => listed || p >= 0.3 },
  { name: "lists, model admits at p ≥ 0.5", decide: (listed, p) => listed || p >= 0.5 },
  { name: "lists, model vetoes at p < 0.05", decide: (listed, p) => listed && p >= 0.05 },
];

export interface VariantFigures {
  name: string;
  /** Macro precision and recall over the topics, per language and for all ("all"). */
  byLang: Record<string, { precision: number; recall: number }>;
}

const STEM = 5;
const EPOCHS = 400;
const L2 = 0.001;
const RATE = 0.5;

/** Each variant's figures over k folds of the headlines, each fold decided by a model trained on the others. */
export function crossValidate(headlines: readonly Headline[], folds: number): VariantFigures[] {
  const fold = headlines.map((h) => hash(h.id) % folds);
  const counts = VARIANTS.map(() => new Map<string, Map<string, Confusion>>());
  for (let k = 0; k < folds; k++) {
    const held = headlines.filter((_, i) => fold[i] === k);
    decideAll(headlines.filter((_, i) => fold[i] !== k), held, counts);
  }
  return figures(counts);
}

/** Each variant's figures on `testing`, with a model trained on `training`. */
export function trainAndTest(training: readonly Headline[], testing: readonly Headline[]): VariantFigures[] {
  const counts = VARIANTS.map(() => new Map<string, Map<string, Confusion>>());
  decideAll(training, testing, counts);
  return figures(counts);
}

type Confusion = [tp: number, fp: number, fn: number];

const listMatcher = new TopicMatcher(BUILTIN_TOPICS.map((t, i) => ({ id: i + 1, ...t })));

function toExample(h: Headline): Example {
  return {
    lang: h.lang,
    features: features(h),
    listed: new Set(listMatcher.match(h).map((id) => BUILTIN_TOPICS[id - 1]!.name)),
    topics: new Set(h.topics),
  };
}

/** Adds each variant's decisions on `testing` to `counts` (per variant, language and topic). */
function decideAll(training: readonly Headline[], testing: readonly Headline[], counts: Map<string, Map<string, Confusion>>[]): void {
  const train = training.map(toExample);
  const test = testing.map(toExample);
  for (const { name: topic } of BUILTIN_TOPICS) {
    const weights = trainTopic(train, topic);
    for (const e of test) {
      let score = weights.get("") ?? 0;
      for (const f of e.features) score += weights.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-score));
      VARIANTS.forEach((variant, v) => {
        const said = variant.decide(e.listed.has(topic), p);
        const right = e.topics.has(topic);
        for (const lang of [e.lang, "all"]) {
          const byTopic = counts[v]!.get(lang) ?? counts[v]!.set(lang, new Map()).get(lang)!;
          const c = byTopic.get(topic) ?? byTopic.set(topic, [0, 0, 0]).get(topic)!;
          if (said && right) c[0]++;
          else if (said) c[1]++;
          else if (right) c[2]++;
        }
      });
    }
  }
}

function figures(counts: Map<string, Map<string, Confusion>>[]): VariantFigures[] {
  return VARIANTS.map((variant, v) => ({
    name: variant.name,
    byLang: Object.fromEntries(
      [...counts[v]!].map(([lang, byTopic]) => {
        const scores = [...byTopic.values()].map(([tp, fp, fn]) => [tp + fp === 0 ? 1 : tp / (tp + fp), tp + fn === 0 ? 1 : tp / (tp + fn)]);
        const mean = (j: number) => Math.round((scores.reduce((s, x) => s + x[j]!, 0) / scores.length) * 1000) / 1000;
        return [lang, { precision: mean(0), recall: mean(1) }];
      }),
    ),
  }));
}

function features(h: Headline): string[] {
  const found = new Set<string>();
  for (const word of [...words(h.title), ...words(h.summary)]) {
    if (word.length < 2 || /^\d+$/.test(word)) continue;
    found.add(word);
    if (word.length > STEM) found.add(`${word.slice(0, STEM)}~`);
  }
  for (const category of h.categories) found.add(`#${foldText(category.trim())}`);
  return [...found];
}

/** A logistic regression for one topic; the weight of "" is the bias. */
function trainTopic(examples: readonly Example[], topic: string): Map<string, number> {
  const index = new Map<string, number>([["", 0]]);
  const rows = examples.map((e) => e.features.map((f) => index.get(f) ?? (index.set(f, index.size), index.size - 1)));
  const w = new Float64Array(index.size);
  const g2 = new Float64Array(index.size).fill(1e-8);
  const grad = new Float64Array(index.size);
  const y = examples.map((e) => (e.topics.has(topic) ? 1 : 0));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    grad.fill(0);
    rows.forEach((row, i) => {
      let score = w[0]!;
      for (const f of row) score += w[f]!;
      const error = 1 / (1 + Math.exp(-score)) - y[i]!;
      grad[0]! += error;
      for (const f of row) grad[f]! += error;
    });
    for (let j = 0; j < w.length; j++) {
      const g = grad[j]! / examples.length + (j === 0 ? 0 : L2 * w[j]!);
      g2[j]! += g * g;
      w[j]! -= (RATE * g) / Math.sqrt(g2[j]!);
    }
  }
  return new Map([...index].map(([feature, j]) => [feature, w[j]!]));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
