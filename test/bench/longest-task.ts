/**
 * The longest task the event loop ran: one callback and the microtasks after it, timed by async_hooks from its
 * `before` to its `after`. monitorEventLoopDelay sees how late a timer fires, which also counts the time the process
 * waited for a core while others ran (on two cores: the fake Bot API's process, the checkpoint thread, anyone else's
 * work); this sees only what the loop itself was busy with, so the two together tell a long piece of work from a busy
 * machine.
 *
 * Each task is timed twice: by the clock, and by the main thread's own time on a core, from the kernel's
 * /proc/thread-self/schedstat (Linux; elsewhere only the clock). On a virtual machine the clock also counts the time
 * the host ran someone else on this machine's core ("steal"); a kernel with CONFIG_PARAVIRT_TIME_ACCOUNTING leaves
 * that out of a thread's time on a core, so the second figure is the work itself.
 */
import { createHook } from "node:async_hooks";
import { closeSync, openSync, readSync } from "node:fs";
import { performance } from "node:perf_hooks";

export interface TaskTimer {
  /** The longest task that ended since the last reset, in ms by the clock. */
  longestMs(): number;
  /**
   * The most time on a core one task took since the last reset, in ms (not necessarily the task longest by the
   * clock); undefined where the kernel does not tell.
   */
  longestCpuMs(): number | undefined;
  reset(): void;
  /**
   * The task longest by the clock since the last reset, split: its time on a core, and its time waiting in the run
   * queue for one (ms; the rest is the host's steal or the thread asleep). Undefined where the kernel does not tell.
   */
  longestSplit(): { ms: number; cpuMs: number; waitMs: number } | undefined;
  /** The task under way is the benchmark's own (checking a reply): not counted. */
  skipCurrent(): void;
  stop(): void;
}

/**
 * The calling thread's time on a core so far, in ns, read from the kernel; undefined where it cannot be read. The
 * kernel brings the figure up to date at its ticks and when the thread is switched out; process.cpuUsage() just
 * before the read makes it do so now (within a few µs, rather than one tick, 4 ms here).
 */
function threadCpu(): { read(): number; waited(): number; close(): void } | undefined {
  let fd: number;
  try {
    fd = openSync("/proc/thread-self/schedstat", "r");
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(96);
  // The second field: the time the thread waited in the run queue, as of the last read.
  let wait = 0;
  const read = () => {
    process.cpuUsage();
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const [run, waited] = buffer.toString("latin1", 0, length).split(" ");
    wait = Number(waited);
    return Number(run);
  };
  try {
    // A kernel that does not keep the figure writes zeros: the main thread has run for a while by now.
    if (read() > 0) return { read, waited: () => wait, close: () => closeSync(fd) };
  } catch {
    // Not readable with pread: the clock alone, then.
  }
  closeSync(fd);
  return undefined;
}

export function timeTasks(): TaskTimer {
  const cpu = threadCpu();
  let depth = 0;
  let started = 0;
  let startedCpu = 0;
  let startedWait = 0;
  let skip = false;
  let longest = 0;
  let longestCpu = 0;
  let split: { ms: number; cpuMs: number; waitMs: number } | undefined;
  const hook = createHook({
    before() {
      if (depth++ !== 0) return;
      started = performance.now();
      if (cpu) {
        startedCpu = cpu.read();
        startedWait = cpu.waited();
      }
    },
    after() {
      if (--depth !== 0) return;
      if (!skip) {
        const ms = performance.now() - started;
        if (cpu) {
          const cpuMs = (cpu.read() - startedCpu) / 1e6;
          longestCpu = Math.max(longestCpu, cpuMs);
          if (ms > longest) split = { ms, cpuMs, waitMs: (cpu.waited() - startedWait) / 1e6 };
        }
        longest = Math.max(longest, ms);
      }
      skip = false;
    },
  }).enable();
  return {
    longestMs: () => longest,
    longestCpuMs: () => (cpu ? longestCpu : undefined),
    longestSplit: () => split,
    reset: () => {
      longest = 0;
      longestCpu = 0;
      split = undefined;
    },
    skipCurrent: () => (skip = true),
    stop: () => {
      hook.disable();
      cpu?.close();
    },
  };
}
