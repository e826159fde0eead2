import { performance } from "node:perf_hooks";

/**
 * Work a turn of the event loop runs in slices (the back-fill of a new topic, an unfollow's unlinking, the search
 * indexer, a reply's folding), counting what the turn ran before them (timers, replies to updates), before the others'
 * next slices wait for the following turn. Each slicer keeps its own slices short, but several of them resumed in one
 * turn ran back to back: a /latest read, two back-fill slices and the indexer held timers and the next update for
 * 60-90 ms (bench:commands), though no one slice took 30; and an /unfollow's reply and the slice it asked for ran in
 * one turn, 40-50 ms.
 */
export const TURN_BUDGET_MS = 10;

/** When the turn began, as far as the budget knows: its check phase less the work done since the last slice. */
let turnStarted = 0;
let marked = false;
/** The clock and the loop's idle time when the last slice ended (or the budget last looked). */
let seenAt = performance.now();
let seenIdle = idleMs();
let servedThisTurn = false;
let servedLastTurn = true;
/** Those waiting for a turn, first come first served: one put off by the budget is served first in the next turn. */
const waiting: (() => void)[] = [];

/** The time the loop has spent waiting for something to do, in ms. */
function idleMs(): number {
  return performance.eventLoopUtilization().idle;
}

/** Notes that the loop's work up to now has been counted. */
function see(): void {
  seenAt = performance.now();
  seenIdle = idleMs();
}

/**
 * Runs first in each turn's check phase while slices wait. The turn's work is counted from where it began: the busy
 * time since the last slice ended, which is this turn's timers and I/O callbacks (and the end of the last turn).
 */
function markTurn(): void {
  const now = performance.now();
  const busy = Math.max(0, now - seenAt - (idleMs() - seenIdle));
  turnStarted = now - busy;
  see();
  servedLastTurn = servedThisTurn;
  servedThisTurn = false;
  marked = false;
  if (waiting.length > 0) armMark();
}

function armMark(): void {
  if (marked) return;
  marked = true;
  setImmediate(markTurn);
}

/**
 * One immediate per waiter; each serves whoever has waited longest, unless the turn's budget is spent. A turn after
 * one that served no slice serves one whatever it cost, so slices go on however busy the loop is.
 */
function serve(): void {
  if (performance.now() - turnStarted > TURN_BUDGET_MS && (servedThisTurn || servedLastTurn)) {
    armMark();
    setImmediate(serve);
    return;
  }
  const next = waiting.shift();
  if (!next) return;
  servedThisTurn = true;
  next();
  // After the slice's continuation, which resolving queued first.
  queueMicrotask(see);
}

/**
 * Resolves after the event loop has had a turn: long work done in slices lets every other update and timer run. Once
 * a turn has run TURN_BUDGET_MS of work, its own and the slices', the rest wait for the next one, served in the order
 * they came.
 */
export function nextTurn(): Promise<void> {
  armMark();
  return new Promise((resolve) => {
    waiting.push(resolve);
    setImmediate(serve);
  });
}
