/**
 * k-fold cross-validation of the topic model over every labelled tuning set (`npm run eval:topics -- --folds 5` prints
 * it; `tsx test/eval/cross-validate.ts` alone too). Each fold's model is trained on the other folds and decides the
 * fold's headlines together with the keyword lists, exactly as src/topics/topic-model.ts does in the app. The keyword
 * lists themselves were tuned on all of these headlines, so the lists' share of the figures is not held out; the
 * blind set (headlines-blind.json) is what shows how both generalise.
 */
import { fileURLToPath } from "node:url";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { decideTopic, topicProbability, type TopicModelData } from "../../src/topics/topic-model.js";
import type { Headline } from "./evaluate.js";
import { loadTuningSets, toExample, trainModel, type Example } from "./train-model.js";

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
}

export type Decide = (model: TopicModelData | undefined, example: Example, topic: string) => boolean;

export const withModel: Decide = (model, e, topic) => decideTopic(e.listed.has(topic), topicProbability(model!.topics[topic]!, e.features, e.listed.has(topic)));
export const listsOnly: Decide = (_model, e, topic) => e.listed.has(topic);

/** Per topic and language, the confusion of each fold's decisions over its own headlines. */
export function crossValidate(headlines: readonly Headline[], folds: number, decide: Decide): Map<string, Map<string, Confusion>> {
  const examples = headlines.map(toExample);
  const fold = headlines.map((h) => hash(h.id) % folds);
  const byLang = new Map<string, Map<string, Confusion>>();
  for (let k = 0; k < folds; k++) {
    const training = examples.filter((_, i) => fold[i] !== k);
    const model = decide === listsOnly ? undefined : trainModel(training);
    examples.forEach((e, i) => {
      if (fold[i] !== k) return;
      for (const lang of [headlines[i]!.lang, "all"]) {
        let topics = byLang.get(lang);
        if (!topics) byLang.set(lang, (topics = new Map(BUILTIN_TOPICS.map((t) => [t.name, { tp: 0, fp: 0, fn: 0 }]))));
        for (const { name } of BUILTIN_TOPICS) {
          const c = topics.get(name)!;
          const said = decide(model, e, name);
          const right = e.topics.has(name);
          if (said && right) c.tp++;
          else if (said) c.fp++;
          else if (right) c.fn++;
        }
      }
    });
  }
  return byLang;
}

export function scores(c: Confusion): { precision: number; recall: number } {
  return { precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp), recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn) };
}

export function macro(topics: Map<string, Confusion>): { precision: number; recall: number } {
  const all = [...topics.values()].map(scores);
  return { precision: all.reduce((s, x) => s + x.precision, 0) / all.length, recall: all.reduce((s, x) => s + x.recall, 0) / all.length };
}

export function printFigures(title: string, byLang: Map<string, Map<string, Confusion>>): void {
  const langs = [...byLang.keys()].sort((a, b) => (a === "all" ? 1 : b === "all" ? -1 : a.localeCompare(b)));
  console.log(`\n${title}\n`);
  console.log(`  ${"topic".padEnd(11)} ${langs.map((l) => `${l.padStart(5)} P / R    `).join(" ")}`);
  for (const { name } of BUILTIN_TOPICS) {
    const cells = langs.map((l) => {
      const s = scores(byLang.get(l)!.get(name)!);
      return `${s.precision.toFixed(2).padStart(6)} / ${s.recall.toFixed(2)}`;
    });
    console.log(`  ${name.padEnd(11)} ${cells.join("  ")}`);
  }
  const m = langs.map((l) => {
    const s = macro(byLang.get(l)!);
    return `${s.precision.toFixed(3).padStart(6)} / ${s.recall.toFixed(3)}`;
  });
  console.log(`  ${"macro".padEnd(11)} ${m.join("  ").replace(/ (\d\.\d{3}) \/ (\d\.\d{3})/g, "$1 / $2")}`);
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function main(): void {
  const folds = Number(process.argv[process.argv.indexOf("--folds") + 1]) || 5;
  const headlines = loadTuningSets();
  printFigures(`Keyword lists alone over ${headlines.length} tuning headlines (tuned on all of them)`, crossValidate(headlines, folds, listsOnly));
  printFigures(`${folds}-fold cross-validation, lists with the model`, crossValidate(headlines, folds, withModel));
  const [admit, veto] = (process.env.THRESHOLDS ?? "").split(",").map(Number);
  if (admit) {
    const custom: Decide = (model, e, topic) => {
      const p = topicProbability(model!.topics[topic]!, e.features, false);
      return e.listed.has(topic) ? p >= veto! : p >= admit;
    };
    printFigures(`admit ${admit}, veto ${veto}`, crossValidate(headlines, folds, custom));
    printFigures(`model alone ≥ 0.5`, crossValidate(headlines, folds, (m, e, t) => topicProbability(m!.topics[t]!, e.features, false) >= 0.5));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
