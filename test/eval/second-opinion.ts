/**
 * How the classifier beside the keyword lists is measured: k-fold cross-validation of the logistic regression per
 * built-in topic, trained on the labelled tuning headlines, as a second opinion that admits what the lists missed or
 * vetoes what they matched, in several ways of deciding. `npm run eval:topics` prints it.
 *
 * The model is the app's (src/topics/topic-model.ts, trained by train-model.ts). Each fold's model is trained on the
 * other folds. The lists themselves were tuned on all
 * of these headlines, so their share of the figures is not held out; the blind set is what shows how they generalise.
 */
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { cutsOf, TopicModel } from "../../src/topics/topic-model.js";
import type { Headline } from "./evaluate.js";
import { headlineFeatures, trainModel } from "./train-model.js";

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
  decide: (listed: boolean, probability: number, topic: string) => boolean;
}

export const VARIANTS: Variant[] = [
  { name: "lists alone", decide: (listed) => listed },
  { name: "model alone (p ≥ 0.5)", decide: (_listed, p) => p >= 0.5 },
  { name: "lists, model admits at p ≥ 0.3", decide: (listed, p) => listed || p >= 0.3 },
  { name: "lists, model admits at p ≥ 0.5", decide: (listed, p) => listed || p >= 0.5 },
  { name: "lists, model vetoes at p < 0.05", decide: (listed, p) => listed && p >= 0.05 },
  { name: "lists, model vetoes at p < 0.1", decide: (listed, p) => listed && p >= 0.1 },
  { name: "admits at p ≥ 0.5, vetoes at p < 0.05", decide: (listed, p) => (listed ? p >= 0.05 : p >= 0.5) },
  { name: "admits at p ≥ 0.5, vetoes at p < 0.1", decide: (listed, p) => (listed ? p >= 0.1 : p >= 0.5) },
  { name: "admits at p ≥ 0.7, vetoes at p < 0.05", decide: (listed, p) => (listed ? p >= 0.05 : p >= 0.7) },
  { name: "as shipped (a few topics' own cuts)", decide: (listed, p, topic) => (listed ? p >= cutsOf(topic).veto : p >= cutsOf(topic).admit) },
];

export interface VariantFigures {
  name: string;
  /** Macro precision and recall over the topics, per language and for all ("all"). */
  byLang: Record<string, { precision: number; recall: number }>;
}


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

const listMatcher = new TopicMatcher(BUILTIN_TOPICS.map((t, i) => ({ id: i + 1, ...t })), { secondOpinion: false });

function toExample(h: Headline): Example {
  return {
    lang: h.lang,
    features: headlineFeatures(h),
    listed: new Set(listMatcher.match(h).map((id) => BUILTIN_TOPICS[id - 1]!.name)),
    topics: new Set(h.topics),
  };
}

/** Adds each variant's decisions on `testing` to `counts` (per variant, language and topic). */
function decideAll(training: readonly Headline[], testing: readonly Headline[], counts: Map<string, Map<string, Confusion>>[]): void {
  const model = new TopicModel(trainModel(training));
  for (const e of testing.map(toExample)) {
    const probabilities = model.probabilities(e.features);
    BUILTIN_TOPICS.forEach(({ name: topic }, t) => {
      const p = probabilities[t]!;
      VARIANTS.forEach((variant, v) => {
        const said = variant.decide(e.listed.has(topic), p, topic);
        const right = e.topics.has(topic);
        for (const lang of [e.lang, "all"]) {
          const byTopic = counts[v]!.get(lang) ?? counts[v]!.set(lang, new Map()).get(lang)!;
          const c = byTopic.get(topic) ?? byTopic.set(topic, [0, 0, 0]).get(topic)!;
          if (said && right) c[0]++;
          else if (said) c[1]++;
          else if (right) c[2]++;
        }
      });
    });
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

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
