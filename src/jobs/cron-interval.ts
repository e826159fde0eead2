import { createTask } from "node-cron";

/** The shortest gap between the next few runs of a cron expression: how often a healthy feed is polled. */
export function cronIntervalMs(expression: string): number {
  const task = createTask(expression, () => undefined);
  try {
    const runs = task.getNextRuns(6).map((d) => d.getTime());
    let gap = Number.POSITIVE_INFINITY;
    for (let i = 1; i < runs.length; i++) gap = Math.min(gap, runs[i]! - runs[i - 1]!);
    return Number.isFinite(gap) ? gap : 10 * 60_000;
  } finally {
    void task.destroy();
  }
}
