import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nextTurn, TURN_BUDGET_MS } from "../../src/lifecycle/next-turn.js";

// The clock is simulated: a slice "takes" the milliseconds it adds to it, so the test runs in no time at all.
let clock = 0;
afterEach(() => vi.restoreAllMocks());

function useFakeClock(): void {
  // Forward from wherever the last test left it: nextTurn keeps the time it last looked, and the loop's real idle
  // time is small beside these jumps, so each test starts with a turn that has been busy for long.
  clock += 1_000_000;
  vi.spyOn(performance, "now").mockImplementation(() => clock);
}

/** Slices of `ms` each, one after each nextTurn(), noting each in `log`. */
async function slicer(name: string, slices: number, ms: number, log: string[]): Promise<void> {
  for (let i = 0; i < slices; i++) {
    await nextTurn();
    log.push(name);
    clock += ms;
  }
}

/**
 * Notes "turn" at the start of each turn's check phase, until stopped: an immediate queued while immediates run waits
 * for the next turn, so this one, queuing itself first thing, runs at the start of each.
 */
function turns(log: string[]): { stop(): void } {
  let immediate: NodeJS.Immediate;
  const mark = () => {
    immediate = setImmediate(mark);
    log.push("turn");
  };
  immediate = setImmediate(mark);
  return { stop: () => clearImmediate(immediate) };
}

/** The simulated work run in each turn of the loop. */
function workPerTurn(log: readonly string[], ms: number): number[] {
  const turns: number[] = [0];
  for (const entry of log) {
    if (entry === "turn") turns.push(0);
    else turns[turns.length - 1]! += ms;
  }
  return turns;
}

describe("Work done in slices (nextTurn)", () => {
  it("runs at most the turn's budget of slices in one turn of the loop, whoever the slices belong to", async () => {
    useFakeClock();
    const log: string[] = [];
    const ticking = turns(log);
    await Promise.all(["a", "b", "c", "d"].map((name) => slicer(name, 5, 10, log)));
    ticking.stop();
    // Four slicers, 20 slices: all of them ran, and no turn ran more than one slice past the budget.
    expect(log.filter((e) => e !== "turn")).toHaveLength(20);
    expect(Math.max(...workPerTurn(log, 10))).toBeLessThanOrEqual(TURN_BUDGET_MS + 10);
    // Without the budget, a turn would have run all four slicers' slices together (40 ms).
    expect(Math.max(...workPerTurn(log, 10))).toBeLessThan(40);
  });

  it("serves a slice the budget put off first in the next turn, however busy the others keep it", async () => {
    useFakeClock();
    const log: string[] = [];
    const ticking = turns(log);
    await Promise.all([slicer("a", 30, 10, log), slicer("b", 30, 10, log), slicer("c", 3, 1, log)]);
    ticking.stop();
    // Two slicers could fill every turn's budget for 30 turns; the third's three slices still go within the first few.
    const slices = log.filter((e) => e !== "turn");
    expect(slices.lastIndexOf("c")).toBeLessThan(12);
    expect(slices).toHaveLength(63);
  });

  it("serves a slice in a turn after one that served none, so a slicer whose slices are long still goes on", async () => {
    useFakeClock();
    const log: string[] = [];
    const ticking = turns(log);
    await Promise.all([slicer("long", 3, 40, log), slicer("short", 3, 1, log)]);
    ticking.stop();
    expect(log.filter((e) => e === "long")).toHaveLength(3);
    expect(log.filter((e) => e === "short")).toHaveLength(3);
  });

  it("counts what a turn ran before its slices: a reply's work and the slices waiting go in different turns", async () => {
    useFakeClock();
    const log: string[] = [];
    const ticking = turns(log);
    const fill = slicer("fill", 200, 1, log);
    // Once the fill goes a slice a turn (its first turn came after a long busy one, and the turn after a turn that
    // served none serves one whatever it cost), a reply to an update, 20 ms of work in the timers phase, asks for a
    // slice while the fill's wait.
    while (log.filter((e) => e === "fill").length < 3) await new Promise((resolve) => setImmediate(resolve));
    const reply = new Promise<void>((resolve) =>
      setTimeout(() => {
        clock += 20;
        log.push("reply");
        resolve(slicer("after reply", 1, 5, log));
      }, 0),
    );
    await Promise.all([reply, fill]);
    ticking.stop();
    // The reply's turn reaches its check phase ("turn") and runs no slice there: the next entry is the next turn.
    const at = log.indexOf("reply");
    expect(log.slice(at + 1, at + 3)).toEqual(["turn", "turn"]);
    expect(log.filter((e) => e === "after reply")).toHaveLength(1);
    expect(log.filter((e) => e === "fill")).toHaveLength(200);
  });

});
