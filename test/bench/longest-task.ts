/**
 * The longest task the event loop ran: one callback and the microtasks after it, timed by async_hooks from its
 * `before` to its `after`. monitorEventLoopDelay sees how late a timer fires, which also counts the time the process
 * waited for a core while others ran (on two cores: the fake Bot API's process, the checkpoint thread, anyone else's
 * work); this sees only what the loop itself was busy with, so the two together tell a long piece of work from a busy
 * machine.
 */
import { createHook } from "node:async_hooks";
import { performance } from "node:perf_hooks";

export interface TaskTimer {
  /** The longest task that ended since the last reset, in ms. */
  longestMs(): number;
  reset(): void;
  /** The task under way is the benchmark's own (checking a reply): not counted. */
  skipCurrent(): void;
  stop(): void;
}

export function timeTasks(): TaskTimer {
  let depth = 0;
  let started = 0;
  let skip = false;
  let longest = 0;
  const hook = createHook({
    before() {
      if (depth++ === 0) started = performance.now();
    },
    after() {
      if (--depth !== 0) return;
      if (!skip) longest = Math.max(longest, performance.now() - started);
      skip = false;
    },
  }).enable();
  return {
    longestMs: () => longest,
    reset: () => (longest = 0),
    skipCurrent: () => (skip = true),
    stop: () => hook.disable(),
  };
}
