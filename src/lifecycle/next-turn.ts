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
let waiting = 0;

/** Runs first in each turn's check phase while slices wait: the turn's work is counted from here. */
function markTurn(): void {
  turnStarted = performance.now();
  marked = false;
  if (waiting > 0) armMark();
}

function armMark(): void {
  if (marked) return;
  marked = true;
  setImmediate(markTurn);
}

/**
 * Resolves after the event loop has had a turn: long work done in slices lets every other update and timer run. A
 * slice whose turn has already run TURN_BUDGET_MS of slices waits for the next one; the first slice of a turn always
 * runs, so every slicer goes on.
 */
export function nextTurn(): Promise<void> {
  waiting++;
  armMark();
  return new Promise((resolve) => {
    const resume = () => {
      if (performance.now() - turnStarted > TURN_BUDGET_MS) {
        armMark();
        setImmediate(resume);
        return;
      }
      waiting--;
      resolve();
    };
    setImmediate(resume);
  });
}
