import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection, every `intervalMs`. A checkpoint copies
 * the WAL back into the database file; run by the connection that commits (SQLite's automatic checkpoint), it stalls
 * that commit, and so the whole event loop, for tens of milliseconds at a time: long enough to cost a busy sender its
 * place in Telegram's rate (see README, Benchmarks). A PASSIVE checkpoint from another connection never blocks the
 * app's reads or writes. The app's own automatic checkpoint stays as a safety net should this thread fall behind.
 */
export function startCheckpointer(path: string, log: Logger, intervalMs = 500): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // Plain JavaScript, so the worker needs no TypeScript loader.
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require(workerData.driver);
    const db = new Database(workerData.path);
    db.pragma("busy_timeout = 1000");
    const timer = setInterval(() => {
      try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage(String(error)); }
    }, workerData.intervalMs);
    parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
  `;
  const worker = new Worker(source, { eval: true, workerData: { driver, path, intervalMs } });
  worker.unref();
  worker.on("message", (error: string) => log.warn({ err: error }, "WAL checkpoint failed; SQLite's own checkpoint still runs"));
  worker.on("error", (error) => log.warn({ err: error.message }, "the WAL checkpoint thread stopped; SQLite's own checkpoint still runs"));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Referenced again, so that the process waits for the thread to close its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
