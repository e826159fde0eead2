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
  /** The task under way is the benchmark's own (checking a reply): not counted. */
  skipCurrent(): void;
  stop(): void;
}

/**
 * The calling thread's time on a core so far, in ns, read from the kernel; undefined where it cannot be read. The
 * kernel brings the figure up to date at its ticks and when the thread is switched out; process.cpuUsage() just
 * before the read makes it do so now (within a few µs, rather than one tick, 4 ms here).
 */
function threadCpu(): { read(): number; close(): void } | undefined {
  let fd: number;
  try {
    fd = openSync("/proc/thread-self/schedstat", "r");
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(96);
  const read = () => {
    process.cpuUsage();
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return Number(buffer.toString("latin1", 0, length).split(" ")[0]);
  };
  try {
    // A kernel that does not keep the figure writes zeros: the main thread has run for a while by now.
    if (read() > 0) return { read, close: () => closeSync(fd) };
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
  let skip = false;
  let longest = 0;
  let longestCpu = 0;
  const hook = createHook({
    before() {
      if (depth++ !== 0) return;
      started = performance.now();
      if (cpu) startedCpu = cpu.read();
    },
    after() {
      if (--depth !== 0) return;
      if (!skip) {
        longest = Math.max(longest, performance.now() - started);
        if (cpu) longestCpu = Math.max(longestCpu, (cpu.read() - startedCpu) / 1e6);
      }
      skip = false;
    },
  }).enable();
  return {
    longestMs: () => longest,
    longestCpuMs: () => (cpu ? longestCpu : undefined),
    reset: () => {
      longest = 0;
      longestCpu = 0;
    },
    skipCurrent: () => (skip = true),
    stop: () => {
      hook.disable();
      cpu?.close();
    },
  };
}
