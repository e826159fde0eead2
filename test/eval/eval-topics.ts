/**
 * Topic evaluation (`npm run eval:topics`): runs the app's topic matcher with the built-in topics over the labelled
 * headlines in headlines.json and prints, per topic, precision and recall against the labels; then the same over the
 * holdout set headlines-holdout.json (written blind to the keyword lists, never used to tune them); then same-story
 * pairing (src/stories/same-story.ts) over story-pairs.json. `--misses` lists what each got wrong. Last line: one
 * JSON object. The figures come from evaluate.ts.
 */
import { evaluate, PAIR_KINDS, TARGETS, type StoryFigures, type TopicFigures } from "./evaluate.js";

function main(): void {
  const figures = evaluate();
  const { topics, holdout, stories } = figures;
  const showMisses = process.argv.includes("--misses");

  if (showMisses) console.log(topics.misses.join("\n"), "\n");
  console.log(`Topic evaluation: ${topics.headlines} labelled headlines (test/eval/${topics.file}), the built-in topics\n`);
  printTopics(topics);

  console.log(`\nHoldout: ${holdout.headlines} headlines written blind to the keyword lists (test/eval/${holdout.file}), never used to tune them\n`);
  if (showMisses) console.log(holdout.misses.join("\n"), "\n");
  printTopics(holdout);

  console.log(`\nSame-story pairing: ${stories.pairs} labelled pairs (test/eval/story-pairs.json), src/stories/same-story.ts\n`);
  if (showMisses) {
    for (const m of stories.mistakes) console.log(`${m.id} ${m.kind} (labelled ${m.same ? "same" : "different"}, ${m.hoursApart} h apart): ${JSON.stringify(m.a)} / ${JSON.stringify(m.b)}`);
    console.log();
  }
  printStories(stories);
  const parity = (name: string, s: StoryFigures) =>
    `${name}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, rewrites ${s.rewriteRecall.toFixed(3)} (${s.pairs} pairs)`;
  console.log(`  ${parity("odd ids (tuned on)", figures.storiesOdd)}; ${parity("even ids (held out)", figures.storiesEven)}\n`);

  console.log(
    JSON.stringify({
      topics: Object.fromEntries(Object.entries(topics.topics).map(([name, t]) => [name, { precision: t.precision, recall: t.recall }])),
      macro_precision: topics.macroPrecision,
      macro_recall: topics.macroRecall,
      story_precision: stories.precision,
      story_recall: stories.recall,
      story_recall_rewrites: stories.rewriteRecall,
      holdout_macro_precision: holdout.macroPrecision,
      holdout_macro_recall: holdout.macroRecall,
    }),
  );
}

function printTopics(f: TopicFigures): void {
  const rows = Object.entries(f.topics).map(
    ([name, t]) => `  ${name.padEnd(12)} ${t.precision.toFixed(3).padStart(9)}   ${t.recall.toFixed(3).padStart(6)}   (${t.tp} / ${t.fp} / ${t.fn})`,
  );
  console.log(["  topic        precision   recall   (tp / fp / fn)", ...rows].join("\n"));
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
