import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import type { Logger } from "pino";
import { AUTOCHECKPOINT_PAGES } from "./client.js";

export interface Checkpointer {
  stop(): Promise<void>;
}

/** A log this long (about 200 MB of 4 KB pages) means the thread has fallen behind: SQLite's own checkpoint helps. */
const BEHIND_PAGES = 50_000;

export interface CheckpointerOptions {
  intervalMs?: number;
  /**
   * The app's connection: while the thread runs, its automatic checkpoint is off (wal_autocheckpoint = 0). SQLite ran
   * it inside whichever commit made the log reach 10,000 pages, holding the event loop for 100-400 ms with a month of
   * articles (see README, Benchmarks); it comes back on should the log pass BEHIND_PAGES, or the thread stop.
   */
  connection?: Database.Database;
  /** Log pages past which the thread counts as behind (BEHIND_PAGES; tests make it small). */
  behindPages?: number;
}

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection, every `intervalMs`. A checkpoint copies
 * the WAL back into the database file; run by the connection that commits (SQLite's automatic checkpoint), it stalls
 * that commit, and so the whole event loop. A PASSIVE checkpoint from another connection never blocks the app's reads
 * or writes, and the log starts again from its beginning at the first write after a checkpoint that copied it all.
 */
export function startCheckpointer(path: string, log: Logger, { intervalMs = 500, connection, behindPages = BEHIND_PAGES }: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // Plain JavaScript, so the worker needs no TypeScript loader.
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require(workerData.driver);
    const db = new Database(workerData.path);
    db.pragma("busy_timeout = 1000");
    const timer = setInterval(() => {
      try {
        const [result] = db.pragma("wal_checkpoint(PASSIVE)");
        if (result) parentPort.postMessage({ pages: result.log, copied: result.checkpointed });
      } catch (error) {
        parentPort.postMessage({ error: String(error) });
      }
    }, workerData.intervalMs);
    parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
  `;
  const worker = new Worker(source, { eval: true, workerData: { driver, path, intervalMs } });
  worker.unref();
  let selfCheckpoints = true;
  const ownCheckpoints = (on: boolean) => {
    if (!connection?.open || on === selfCheckpoints) return;
    selfCheckpoints = on;
    connection.pragma(`wal_autocheckpoint = ${on ? AUTOCHECKPOINT_PAGES : 0}`);
  };
  ownCheckpoints(false);
  worker.on("message", (message: { pages: number; copied: number } | { error: string }) => {
    if ("error" in message) {
      log.warn({ err: message.error }, "WAL checkpoint failed; SQLite's own checkpoints are on until one succeeds");
      ownCheckpoints(true);
      return;
    }
    // -1: the checkpoint could not run this time (SQLite's own was running).
    if (message.pages < 0) return;
    const behind = message.pages > behindPages && message.copied < message.pages;
    if (behind && !selfCheckpoints) log.warn({ pages: message.pages }, "the write-ahead log keeps growing; SQLite's own checkpoints are back on until it is short again");
    ownCheckpoints(behind);
  });
  worker.on("error", (error) => {
    log.warn({ err: error.message }, "the WAL checkpoint thread stopped; SQLite's own checkpoints are back on");
    ownCheckpoints(true);
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Referenced again, so that the process waits for the thread to close its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
      ownCheckpoints(true);
    },
  };
}
