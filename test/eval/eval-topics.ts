/**
 * Topic evaluation (`npm run eval:topics`): runs the app's topic matcher with the built-in topics over the labelled
 * tuning headlines (the lists were tuned on them), then over the blind set headlines-blind.json (written by people who
 * had not seen the lists, once they were fixed, and never tuned on: the figures reported), per topic and per language;
 * then k-fold cross-validation of a classifier as a second opinion beside the lists (second-opinion.ts); then
 * same-story pairing (src/stories/same-story.ts) over story-pairs.json. `--misses` lists what each got wrong,
 * `--folds N` sets the folds (default 5). Last line: one JSON object. The figures come from evaluate.ts.
 */
import { evaluate, loadTuningSets, PAIR_KINDS, TARGETS, type StoryFigures, type TopicFigures } from "./evaluate.js";
import { crossValidate } from "./second-opinion.js";

function main(): void {
  const figures = evaluate();
  const { topics, blind, stories } = figures;
  const showMisses = process.argv.includes("--misses");
  const folds = Number(process.argv[process.argv.indexOf("--folds") + 1]) || 5;

  if (showMisses) console.log(topics.misses.join("\n"), "\n");
  console.log(`Tuning sets: ${topics.headlines} labelled headlines (test/eval/${topics.file}), the built-in topics tuned on them\n`);
  printTopics(topics);

  if (blind) {
    console.log(`\nBlind set: ${blind.headlines} headlines written blind to the fixed lists (test/eval/${blind.file}), never tuned on\n`);
    if (showMisses) console.log(blind.misses.join("\n"), "\n");
    printTopics(blind);
    const unlike = figures.blindUnlike!;
    console.log(`\nOf them, the ${unlike.headlines} whose titles share less than half their words with every tuning headline's\n`);
    printTopics(unlike);
  }

  const variants = crossValidate(loadTuningSets(), folds);
  const langs = Object.keys(variants[0]!.byLang).sort((a, b) => (a === "all" ? 1 : b === "all" ? -1 : a.localeCompare(b)));
  console.log(`\nA classifier as a second opinion: ${folds}-fold cross-validation over the tuning sets, macro precision / recall\n`);
  console.log(`  ${"variant".padEnd(34)} ${langs.map((l) => l.padStart(15)).join("")}`);
  for (const v of variants) console.log(`  ${v.name.padEnd(34)} ${langs.map((l) => `${v.byLang[l]!.precision.toFixed(3)} / ${v.byLang[l]!.recall.toFixed(3)}`.padStart(15)).join("")}`);

  console.log(`\nSame-story pairing: ${stories.pairs} labelled pairs (test/eval/story-pairs.json), src/stories/same-story.ts\n`);
  if (showMisses) {
    for (const m of stories.mistakes) console.log(`${m.id} ${m.kind} (labelled ${m.same ? "same" : "different"}, ${m.hoursApart} h apart): ${JSON.stringify(m.a)} / ${JSON.stringify(m.b)}`);
    console.log();
  }
  printStories(stories);
  const parity = (name: string, s: StoryFigures) =>
    `${name}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, rewrites ${s.rewriteRecall.toFixed(3)} (${s.pairs} pairs)`;
  console.log(`  ${parity("odd ids (tuned on)", figures.storiesOdd)}; ${parity("even ids (held out)", figures.storiesEven)}\n`);

  const macro = (f: TopicFigures) => ({
    macro_precision: f.macroPrecision,
    macro_recall: f.macroRecall,
    by_language: Object.fromEntries(Object.entries(f.byLang).map(([lang, l]) => [lang, { precision: l.macroPrecision, recall: l.macroRecall }])),
  });
  console.log(
    JSON.stringify({
      tuning: { headlines: topics.headlines, ...macro(topics) },
      ...(blind ? { blind: { headlines: blind.headlines, ...macro(blind), topics: Object.fromEntries(Object.entries(blind.topics).map(([name, t]) => [name, { precision: t.precision, recall: t.recall }])) } } : {}),
      ...(figures.blindUnlike ? { blind_unlike_tuning: { headlines: figures.blindUnlike.headlines, ...macro(figures.blindUnlike) } } : {}),
      second_opinion: Object.fromEntries(variants.map((v) => [v.name, v.byLang.all])),
      story_precision: stories.precision,
      story_recall: stories.recall,
      story_recall_rewrites: stories.rewriteRecall,
    }),
  );
}

function printTopics(f: TopicFigures): void {
  const langs = Object.keys(f.byLang);
  const cell = (p: number, r: number) => `${p.toFixed(2)} / ${r.toFixed(2)}`.padStart(13);
  const rows = Object.entries(f.topics).map(
    ([name, t]) =>
      `  ${name.padEnd(12)}${langs.map((l) => cell(f.byLang[l]!.topics[name]!.precision, f.byLang[l]!.topics[name]!.recall)).join("")}${cell(t.precision, t.recall)}   (${t.tp} / ${t.fp} / ${t.fn})`,
  );
  const head = `  ${"P / R".padEnd(12)}${langs.map((l) => `${l} (${f.byLang[l]!.headlines})`.padStart(13)).join("")}${"all".padStart(13)}   (tp / fp / fn)`;
  const macro = `  ${"macro".padEnd(12)}${langs.map((l) => cell(f.byLang[l]!.macroPrecision, f.byLang[l]!.macroRecall)).join("")}${cell(f.macroPrecision, f.macroRecall)}`;
  console.log([head, ...rows, macro].join("\n"));
  console.log(`\n  macro precision ${f.macroPrecision.toFixed(3)} (target ≥ ${TARGETS.macroPrecision}), macro recall ${f.macroRecall.toFixed(3)} (target ≥ ${TARGETS.macroRecall})`);
  console.log(`  every topic right for ${f.allRight} of ${f.headlines} headlines (--misses lists the others)`);
}

function printStories(s: StoryFigures): void {
  const rows = PAIR_KINDS.map((kind) => {
    const k = s.kinds[kind];
    return `  ${kind.padEnd(10)} ${String(k.pairs).padStart(5)}   ${String(k.calledSame).padStart(11)}   ${String(k.right).padStart(5)}`;
  });
  console.log(["  kind       pairs   called same   right", ...rows].join("\n"));
  console.log(`\n  precision ${s.precision.toFixed(3)} over all pairs called the same story (target ≥ ${TARGETS.storyPrecision})`);
  console.log(`  recall ${s.recall.toFixed(3)} over the near-duplicate kinds, wire and link (target ≥ ${TARGETS.storyRecall})`);
  console.log(
    `  rewrites: ${s.kinds.rewrite.calledSame} of ${s.kinds.rewrite.pairs} called the same story (recall ${s.rewriteRecall.toFixed(3)}): independent reports of one event are out of reach of headline similarity, by design`,
  );
  const rewrites = s.mistakes.filter((m) => m.kind === "rewrite").length;
  console.log(`  ${s.mistakes.length} pairs wrong, ${rewrites} of them rewrites (--misses lists them)`);
}

main();
