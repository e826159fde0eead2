import type { Db } from "./client.js";

export interface WriteBatcher {
  /**
   * Runs `job` in its own savepoint inside the next batch; resolves with its result once the batch has committed.
   * `weight` is the job's share of a full batch (1 by default): a small write such as one row's update can weigh less,
   * so more of them share a commit.
   */
  run<T>(job: () => T, weight?: number): Promise<T>;
  /** Commits what is queued now. */
  flush(): void;
}

export interface WriteBatcherOptions {
  /** Commit once jobs of this much weight wait… */
  maxJobs: number;
  /** …or once the oldest has waited this long. */
  maxDelayMs: number;
}

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Commits many small write transactions together. Each commit appends every page it changed to the WAL, and the
 * writes of one feed after another change mostly the same index pages, so one commit per batch writes far less than
 * one per feed (see README, Benchmarks). Each job still runs in a savepoint of its own: a job that throws is rolled
 * back alone and rejects alone; the others commit.
 */
export function createWriteBatcher(db: Db, options: WriteBatcherOptions): WriteBatcher {
  let queue: Job[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;

  const commit = (jobs: Job[]): void => {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction, not just the savepoint:
    // the jobs before lost their writes, and the ones after would run outside any transaction.
    let lostWith: number | undefined;
    try {
      db.$client.transaction(() => {
        for (const [i, job] of jobs.entries()) {
          try {
            // A transaction inside a transaction is a savepoint in better-sqlite3.
            outcomes.push({ ok: true, value: db.$client.transaction(job.run)() });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
            if (!db.$client.inTransaction) {
              lostWith = i;
              throw error;
            }
          }
        }
      })();
    } catch (error) {
      if (lostWith === undefined) {
        for (const job of jobs) job.reject(error);
        return;
      }
      // The job that lost the transaction fails; the others are written again without it.
      jobs[lostWith]!.reject(error);
      const others = jobs.filter((_, i) => i !== lostWith);
      if (others.length > 0) commit(others);
      return;
    }
    jobs.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)));
  };

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const jobs = queue;
    queue = [];
    queued = 0;
    if (jobs.length > 0) commit(jobs);
  };

  return {
    run<T>(run: () => T, weight = 1): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
        queued += weight;
        if (queued >= options.maxJobs) flush();
        else timer ??= setTimeout(flush, options.maxDelayMs);
      });
    },
    flush,
  };
}
