import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { FeedParseError, type ParsedFeed } from "./parse-feed.js";
import type { ParseRequest } from "./parse-worker.js";

export interface ParsePool {
  parse(body: Buffer, contentType: string | null, fetchedAt: number): Promise<ParsedFeed>;
  close(): Promise<void>;
}

type Reply = { id: number; feed: ParsedFeed } | { id: number; error: { name: string; message: string } };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (feed: ParsedFeed) => void; reject: (error: Error) => void }>;
}

/**
 * The worker is TypeScript like the rest of the app, so it is loaded through tsx's API: that works whether the app runs
 * under `tsx` or under the test runner (Node 20 does not apply a parent's loader to a worker's entry file).
 */
function workerSource(): string {
  // tsx's ESM API by path: its CommonJS build cannot be loaded from an eval'd worker, and import.meta.resolve is not
  // available under the test runner.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxRoot, "dist", "esm", "api", "index.mjs")).href;
  const entry = new URL("./parse-worker.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}));`;
}

/**
 * Parsing XML is the costliest step of a poll and rss-parser is synchronous; a few worker threads parse feeds while
 * the main thread fetches, matches and stores. A worker that dies fails only the feeds it held and is replaced.
 */
export function createParsePool(size = Math.max(1, Math.min(4, availableParallelism()))): ParsePool {
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = [];
  const source = workerSource();

  const spawn = (index: number): Slot => {
    const worker = new Worker(source, { eval: true });
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      if ("feed" in reply) waiter.resolve(reply.feed);
      else waiter.reject(reply.error.name === "FeedParseError" ? new FeedParseError(reply.error.message) : new Error(reply.error.message));
    });
    const fail = (error: Error) => {
      for (const waiter of slot.pending.values()) waiter.reject(new FeedParseError(`the parser failed: ${error.message}`));
      slot.pending.clear();
      if (!closed) slots[index] = spawn(index);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (slots[index] === slot && !closed) fail(new Error(`worker exited with code ${code}`));
    });
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(spawn(i));

  return {
    parse(body, contentType, fetchedAt) {
      if (closed) return Promise.reject(new Error("parse pool is closed"));
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<ParsedFeed>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        const request: ParseRequest = { id, body, contentType, fetchedAt };
        slot.worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      for (const slot of slots) for (const waiter of slot.pending.values()) waiter.reject(new Error("parse pool closed"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
