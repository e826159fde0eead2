import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { TopicMatcher, type TopicRule } from "../topics/matcher.js";
import { FeedParseError, type ParsedFeed } from "./parse-feed.js";
import type { WorkerRequest } from "./parse-worker.js";
import { completeFeed, prepareFeed, type PrepareFn } from "./prepare-feed.js";

export interface ParsePool {
  prepare: PrepareFn;
  /** Resolves once every worker has loaded (or failed to). */
  ready(): Promise<void>;
  /**
   * New topic rules for the feeds prepared from now on. Users' topics followed or unfollowed since the last call are
   * added to or removed from the matcher; any other change builds it again.
   */
  setRules(rules: readonly TopicRule[]): void;
  close(): Promise<void>;
}

type Reply = { ready: true } | { id: number; feed: ParsedFeed } | { id: number; error: { name: string; message: string } };

interface Slot {
  worker: Worker;
  loaded: Promise<void>;
  pending: Map<number, { resolve: (feed: ParsedFeed) => void; reject: (error: Error) => void }>;
}

/**
 * The worker is TypeScript like the rest of the app, so it is loaded through tsx's ESM API, found by path: Node 20
 * does not apply a parent's loader to a worker's entry, tsx's CommonJS build cannot be loaded from an eval'd worker,
 * and import.meta.resolve is not available under the test runner.
 */
function workerSource(): string {
  const tsxRoot = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxRoot, "dist", "esm", "api", "index.mjs")).href;
  const entry = new URL("./parse-worker.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}));`;
}

const MAX_RESPAWN_DELAY_MS = 60_000;
/**
 * The cap on a worker's young generation. rss-parser makes much short-lived garbage, and V8 let the worker's heap grow
 * to 45-60 MB (15-35 MB in use) for it; with the cap, the heap stays at about 21 MB (bench:ingest's peak RSS).
 */
const YOUNG_GENERATION_MB = 12;
/** Feeds a worker holds (one parsing, the rest queued) before the main thread helps. */
const BACKLOG = 3;
/** The largest feed the main thread parses itself: about 10 ms of blocking. */
const MAIN_THREAD_MAX_BYTES = 256 * 1024;

/** One core stays for the main thread, which fetches and writes to SQLite; more workers than cores only compete. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Parsing XML is the costliest step of a poll and rss-parser is synchronous; worker threads decode and parse feeds
 * (parseFetched) while the main thread fetches, matches topics (completeFeed) and stores. Matching stays on the main
 * thread, which has time to spare, so the workers carry only what must leave it. A worker that dies fails only the
 * feeds it held and is replaced after a growing delay; while no worker is up, feeds are prepared on the main thread.
 */
export function createParsePool(initialRules: readonly TopicRule[], log: Logger, size = defaultPoolSize()): ParsePool {
  const source = workerSource();
  let matcher = new TopicMatcher(initialRules);
  let matched = new Map(initialRules.map((t) => [t.id, t]));
  const slots: (Slot | undefined)[] = Array.from({ length: size }, () => undefined);
  let nextId = 0;
  let closed = false;
  let failures = 0;

  const spawn = (index: number): void => {
    const worker = new Worker(source, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    let markLoaded!: () => void;
    const slot: Slot = { worker, pending: new Map(), loaded: new Promise((resolve) => (markLoaded = resolve)) };
    worker.unref();
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) return markLoaded();
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      failures = 0;
      slot.pending.delete(reply.id);
      if ("feed" in reply) waiter.resolve(reply.feed);
      else waiter.reject(reply.error.name === "FeedParseError" ? new FeedParseError(reply.error.message) : new Error(reply.error.message));
    });
    let failed = false;
    const fail = (error: Error) => {
      markLoaded();
      if (failed || closed) return;
      failed = true;
      for (const waiter of slot.pending.values()) waiter.reject(new FeedParseError(`the parser failed: ${error.message}`));
      slot.pending.clear();
      slots[index] = undefined;
      void worker.terminate();
      const delay = Math.min(MAX_RESPAWN_DELAY_MS, 1000 * 2 ** Math.min(failures, 10));
      failures++;
      log.error({ err: error.message, respawnInMs: delay }, "feed parser worker failed");
      setTimeout(() => closed || spawn(index), delay).unref();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
    slots[index] = slot;
  };
  slots.forEach((_, i) => spawn(i));

  return {
    prepare(request) {
      if (closed) return Promise.reject(new Error("parse pool is closed"));
      const live = slots.filter((s): s is Slot => s !== undefined);
      if (live.length === 0) return prepareFeed(request, matcher);
      const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      // When every worker is backed up, the main thread, which otherwise waits on them, parses a small feed itself.
      if (slot.pending.size >= BACKLOG && request.body.byteLength <= MAIN_THREAD_MAX_BYTES) return prepareFeed(request, matcher);
      const id = nextId++;
      const { body, contentType, fetchedAt, feedTopics, url } = request;
      return new Promise<ParsedFeed>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, body, contentType, fetchedAt, ...(url ? { url } : {}) } satisfies WorkerRequest);
      }).then((parsed) => completeFeed(parsed, feedTopics, matcher));
    },
    async ready() {
      await Promise.all(slots.map((slot) => slot?.loaded));
    },
    setRules(next) {
      // One pass over the topics, most of them the very objects of the last call (matchingTopics keeps them): a
      // rebuild of the matcher for ten thousand users' topics blocked the event loop for a few hundred milliseconds.
      const added: TopicRule[] = [];
      let kept = 0;
      for (const topic of next) {
        if (sameRule(topic, matched.get(topic.id))) kept++;
        else added.push(topic);
      }
      const replaced = added.flatMap((t) => matched.get(t.id) ?? []);
      let removed = replaced;
      if (kept + replaced.length < matched.size) {
        const ids = new Set(next.map((t) => t.id));
        removed = [...matched.values()].filter((t) => !ids.has(t.id));
        removed.push(...replaced);
      }
      if ([...removed, ...added].every((t) => t.rule)) {
        for (const topic of removed) {
          matcher.removeRuleTopic(topic.id);
          matched.delete(topic.id);
        }
        for (const topic of added) {
          matcher.addRuleTopic(topic);
          matched.set(topic.id, topic);
        }
      } else {
        matcher = new TopicMatcher(next);
        matched = new Map(next.map((t) => [t.id, t]));
      }
    },
    async close() {
      closed = true;
      const live = slots.filter((s): s is Slot => s !== undefined);
      for (const slot of live) for (const waiter of slot.pending.values()) waiter.reject(new Error("parse pool closed"));
      await Promise.all(live.map((s) => s.worker.terminate()));
    },
  };
}

/** Whether two versions of a topic match the same articles (a missing one matches none). */
function sameRule(a: TopicRule, b: TopicRule | undefined): boolean {
  if (a === b) return true;
  if (!b) return false;
  if (a.rule || b.rule) return typeof a.rule === "string" && a.rule === b.rule;
  const same = (x: readonly string[] = [], y: readonly string[] = []) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.name === b.name && same(a.categories, b.categories) && same(a.keywords, b.keywords) && same(a.exclude, b.exclude);
}
