import { readFileSync } from "node:fs";
import { BUILTIN_TOPICS } from "./builtin-topics.js";
import { foldText } from "./text.js";

/**
 * The built-in topics' second opinion: a logistic regression per topic over an article's words, their first five
 * letters (a stem that survives the cases of Russian, Ukrainian and Azerbaijani: "Харкові", "Харкова" → "харко") and
 * its categories, trained on the labelled headlines in test/eval (`npm run train:topics`) and shipped beside this file
 * as topic-model.bin; nothing is downloaded. It admits what the keyword lists missed when it is sure (p ≥ 0.5) and
 * vetoes what they matched when it is sure they are wrong (p < 0.1), with a few topics' own cuts (CUTS).
 * test/eval/second-opinion.ts has the figures.
 */
export const ADMIT = 0.5;
export const VETO = 0.1;

export interface Cuts {
  /** The probability at or above which the model admits the topic when the lists did not find it. */
  admit: number;
  /** The probability below which it vetoes the topic the lists found. */
  veto: number;
}

/**
 * Topics whose cuts differ, set from 5-fold cross-validation over the tuning sets (decisions of models trained on the
 * other folds, 6,867 headlines):
 * - Ukraine: Ukrainian-language text alone lifts it to p 0.5-0.6 (a Taylor Swift party, a FIFA decision, a bus crash
 *   in Antalya). Admitted at p ≥ 0.5, 20 of 66 admissions were wrong; at p ≥ 0.6, 6 of 46.
 * With fewer headlines, other topics' best cuts moved from one round to the next (Climate, Health and Sports were
 * vetoed only below 0.05 for a while); at 6,867 the common ones do best for all the others.
 */
export const CUTS: Readonly<Record<string, Partial<Cuts>>> = {
  Ukraine: { admit: 0.6 },
};

/** A topic's cuts. */
export function cutsOf(topic: string): Cuts {
  return { admit: ADMIT, veto: VETO, ...CUTS[topic] };
}
const STEM = 5;

export interface TopicModelFile {
  /** The topics, in the order of each feature's weights. */
  topics: string[];
  bias: number[];
  features: string[];
  /** One weight per feature and topic: feature i's weights are at i × topics.length. */
  weights: ArrayLike<number>;
}

export class TopicModel {
  private readonly index = new Map<string, number>();
  /** Each feature's weights start at its offset in `table`, one per topic. */
  private readonly offsets = new Map<string, number>();
  private readonly table: Float32Array;
  private readonly bias: Float64Array;
  private readonly size: number;

  constructor(data: TopicModelFile) {
    data.topics.forEach((name, i) => this.index.set(name, i));
    this.size = data.topics.length;
    this.bias = Float64Array.from(data.bias);
    this.table = Float32Array.from(data.weights);
    data.features.forEach((feature, i) => this.offsets.set(feature, i * this.size));
  }

  /** The position of a topic's probabilities in `probabilities`, or undefined for a topic the model does not know. */
  topicIndex(name: string): number | undefined {
    return this.index.get(name);
  }

  /** Each topic's probability for an article's features. */
  probabilities(features: Iterable<string>): number[] {
    const scores = this.bias.slice();
    for (const feature of features) this.add(scores, this.offsets.get(feature));
    return Array.from(scores, sigmoid);
  }

  /**
   * Each topic's score (the logit of its probability) for the features of articleFeatures(folded, categories), without
   * building them: each folded word's weights and stem are remembered (news repeats its vocabulary), and a word or
   * stem counts once per article. Scores, not probabilities, so that no exponential is taken per article.
   */
  scoresOf(folded: Iterable<string>, categories: readonly string[]): Float64Array {
    const scores = this.bias.slice();
    // Marked with this call's number instead of collected in sets: this runs for every stored article.
    const mark = ++this.calls;
    for (const word of folded) {
      const entry = this.entry(word);
      if (!entry || entry.mark === mark) continue;
      entry.mark = mark;
      this.add(scores, entry.offset);
      const stem = entry.stem;
      if (stem && stem.mark !== mark) {
        stem.mark = mark;
        this.add(scores, stem.offset);
      }
    }
    for (const category of categories) this.add(scores, this.offsets.get(`#${foldText(category.trim())}`));
    return scores;
  }

  private calls = 0;
  private readonly entries = new Map<string, WordEntry | null>();
  private readonly stems = new Map<string, Feature>();

  private entry(word: string): WordEntry | null {
    let entry = this.entries.get(word);
    if (entry !== undefined) return entry;
    if (word.length < 2 || /^\d+$/.test(word)) entry = null;
    else {
      let stem: Feature | undefined;
      if (word.length > STEM) {
        const key = `${word.slice(0, STEM)}~`;
        stem = this.stems.get(key);
        if (!stem) this.stems.set(key, (stem = { offset: this.offsets.get(key), mark: 0 }));
      }
      entry = { offset: this.offsets.get(word), stem, mark: 0 };
    }
    // Bounded like the matcher's own cache: a flood of unique words must not grow it without end.
    if (this.entries.size >= ENTRY_LIMIT) {
      this.entries.clear();
      this.stems.clear();
    }
    this.entries.set(word, entry);
    return entry;
  }

  private add(scores: Float64Array, offset: number | undefined): void {
    if (offset === undefined) return;
    for (let i = 0; i < this.size; i++) scores[i]! += this.table[offset + i]!;
  }
}

/** A word or stem: where its weights are, and the last call that counted it. */
interface Feature {
  offset: number | undefined;
  mark: number;
}

interface WordEntry extends Feature {
  stem: Feature | undefined;
}

const ENTRY_LIMIT = 100_000;

function sigmoid(score: number): number {
  return 1 / (1 + Math.exp(-score));
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

const logit = (p: number) => Math.log(p / (1 - p));

/** A topic's cuts as scores (logits), for decideTopic. */
export function scoreCuts(topic: string): Cuts {
  const { admit, veto } = cutsOf(topic);
  return { admit: logit(admit), veto: logit(veto) };
}

/** Whether an article is in a topic, given whether the lists found it, the model's score (scoresOf) and scoreCuts. */
export function decideTopic(listed: boolean, score: number, cuts: Cuts): boolean {
  return listed ? score >= cuts.veto : score >= cuts.admit;
}

let shipped: TopicModel | undefined;

/** The model shipped beside this file, read on first use. */
export function shippedModel(): TopicModel {
  shipped ??= new TopicModel(decodeModel(readFileSync(new URL("./topic-model.bin", import.meta.url))));
  return shipped;
}

/**
 * The shipped file: a 4-byte little-endian length, that many bytes of JSON (topics, bias, features), then the weights
 * as little-endian 32-bit floats. Parsing 250,000 numbers as JSON cost the process 20 MB at start; this costs 2.
 */
export function encodeModel(model: TopicModelFile): Buffer {
  const header = Buffer.from(JSON.stringify({ topics: model.topics, bias: model.bias, features: model.features }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const weights = Buffer.alloc(model.weights.length * 4);
  for (let i = 0; i < model.weights.length; i++) weights.writeFloatLE(model.weights[i]!, i * 4);
  return Buffer.concat([length, header, weights]);
}

export function decodeModel(bytes: Buffer): TopicModelFile & { weights: Float32Array } {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString("utf8", 4, 4 + length)) as Omit<TopicModelFile, "weights">;
  const count = header.features.length * header.topics.length;
  const weights = new Float32Array(count);
  for (let i = 0; i < count; i++) weights[i] = bytes.readFloatLE(4 + length + i * 4);
  return { ...header, weights };
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
