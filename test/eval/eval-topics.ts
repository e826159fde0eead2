/**
 * Topic evaluation (`npm run eval:topics`): runs the app's topic matcher with the built-in topics over the labelled
 * headlines in headlines.json and prints, per topic, precision and recall against the labels; then the same-story
 * pairing over story-pairs.json once the app has one (until then its figures are null). Last line: one JSON object.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";

interface Headline {
  id: string;
  lang: string;
  title: string;
  summary: string;
  categories: string[];
  topics: string[];
}

const TARGETS = { macroPrecision: 0.95, macroRecall: 0.9, storyPrecision: 0.95, storyRecall: 0.85 };

function load<T>(file: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8")) as T;
}

function main(): void {
  const headlines = load<Headline[]>("./headlines.json");
  const rules = BUILTIN_TOPICS.map((topic, i) => ({ id: i + 1, ...topic }));
  const matcher = new TopicMatcher(rules);
  const names = new Map(rules.map((r) => [r.id, r.name]));
  const counts = new Map(rules.map((r) => [r.name, { tp: 0, fp: 0, fn: 0 }]));
  const misses: string[] = [];
  for (const h of headlines) {
    const found = new Set(matcher.match({ title: h.title, summary: h.summary, categories: h.categories }).map((id) => names.get(id)!));
    const wanted = new Set(h.topics);
    for (const [name, c] of counts) {
      if (found.has(name) && wanted.has(name)) c.tp++;
      else if (found.has(name)) c.fp++;
      else if (wanted.has(name)) c.fn++;
    }
    if ([...found].sort().join() !== [...wanted].sort().join()) misses.push(`${h.id}: matched [${[...found].join(", ")}], labelled [${h.topics.join(", ")}]`);
  }
  const topics = Object.fromEntries(
    [...counts].map(([name, c]) => [name, { precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) }]),
  );
  const values = Object.values(topics);
  const macroPrecision = round3(values.reduce((s, t) => s + t.precision, 0) / values.length);
  const macroRecall = round3(values.reduce((s, t) => s + t.recall, 0) / values.length);

  if (process.argv.includes("--misses")) console.log(misses.join("\n"), "\n");
  console.log(`Topic evaluation: ${headlines.length} labelled headlines (test/eval/headlines.json), the built-in topics\n`);
  console.log(["  topic        precision   recall   (tp / fp / fn)", ...[...counts].map(([name, c]) => `  ${name.padEnd(12)} ${topics[name]!.precision.toFixed(3).padStart(9)}   ${topics[name]!.recall.toFixed(3).padStart(6)}   (${c.tp} / ${c.fp} / ${c.fn})`)].join("\n"));
  console.log(`\n  macro precision ${macroPrecision.toFixed(3)} (target ≥ ${TARGETS.macroPrecision}), macro recall ${macroRecall.toFixed(3)} (target ≥ ${TARGETS.macroRecall})`);
  console.log(`  every topic right for ${headlines.length - misses.length} of ${headlines.length} headlines (--misses lists the others)`);
  console.log(`  same-story pairing: not built yet, so its figures are null (targets precision ≥ ${TARGETS.storyPrecision}, recall ≥ ${TARGETS.storyRecall})\n`);
  console.log(JSON.stringify({ topics, macro_precision: macroPrecision, macro_recall: macroRecall, story_precision: null, story_recall: null }));
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : round3(a / b);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main();
