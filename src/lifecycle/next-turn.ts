import { performance } from "node:perf_hooks";

/**
 * Work a turn of the event loop runs in slices (the back-fill of a new topic, an unfollow's unlinking, the search
 * indexer, a reply's folding) before the others' next slices wait for the following turn. Each slicer keeps its own
 * slices short, but several of them resumed in one turn ran back to back: a /latest read, two back-fill slices and
 * the indexer held timers and the next update for 60-90 ms (bench:commands), though no one slice took 30.
 */
export const TURN_BUDGET_MS = 15;

let turnStarted = 0;
let marked = false;
/** Those waiting for a turn, first come first served: one put off by the budget is served first in the next turn. */
const waiting: (() => void)[] = [];

/** Runs first in each turn's check phase while slices wait: the turn's work is counted from here. */
function markTurn(): void {
  turnStarted = performance.now();
  marked = false;
  if (waiting.length > 0) armMark();
}

function armMark(): void {
  if (marked) return;
  marked = true;
  setImmediate(markTurn);
}

/** One immediate per waiter; each serves whoever has waited longest, unless the turn's budget is spent. */
function serve(): void {
  if (performance.now() - turnStarted > TURN_BUDGET_MS) {
    armMark();
    setImmediate(serve);
    return;
  }
  waiting.shift()?.();
}

/**
 * Resolves after the event loop has had a turn: long work done in slices lets every other update and timer run. Once
 * a turn has run TURN_BUDGET_MS of slices, the rest wait for the next one, served in the order they came; the first
 * slice of a turn always runs, so every slicer goes on.
 */
export function nextTurn(): Promise<void> {
  armMark();
  return new Promise((resolve) => {
    waiting.push(resolve);
    setImmediate(serve);
  });
}
