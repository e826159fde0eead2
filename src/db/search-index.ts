import type { Logger } from "pino";
import { CATEGORY_MARK } from "../topics/rule.js";
import { perDatabase, type Db } from "./client.js";

/** Articles indexed per transaction by indexPending. */
const BATCH = 500;
/** Articles indexed between two turns of the event loop after a poll. */
const STEP = 200;

/**
 * The statements that bring articles_fts up to date. The index holds every article up to the highest rowid in it;
 * categories are indexed between marks (CATEGORY_MARK), so that category:World matches "World", not "World news".
 */
const statements = perDatabase((db) => ({
  indexedThrough: db.$client.prepare<[], number>("SELECT coalesce(max(rowid), 0) FROM articles_fts").pluck(),
  pending: db.$client.prepare<[number, number], { id: number; title: string; summary: string; categories: string }>(`SELECT id, title, summary,
      coalesce((SELECT group_concat('${CATEGORY_MARK} ' || value || ' ${CATEGORY_MARK}', ' ') FROM json_each(categories)), '') AS categories
    FROM articles WHERE id > ? ORDER BY id LIMIT ?`),
  insert: db.$client.prepare("INSERT OR REPLACE INTO articles_fts (rowid, title, summary, categories) VALUES (?, ?, ?, ?)"),
  forget: db.$client.prepare<[number]>("DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM articles WHERE fetched_at < ?)"),
}));

/** Indexes up to `limit` articles the index lacks, on the app's connection; returns how many. */
export function indexPending(db: Db, limit: number): number {
  const s = statements(db);
  let done = 0;
  while (done < limit) {
    const indexed = db.$client.transaction(() => {
      const rows = s.pending.all(s.indexedThrough.get()!, Math.min(BATCH, limit - done));
      for (const row of rows) s.insert.run(row.id, row.title, row.summary, row.categories);
      return rows.length;
    }).immediate();
    done += indexed;
    if (indexed < BATCH) break;
  }
  return done;
}

/** Takes the articles fetched before `before` out of the index; run just before they are deleted. */
export function forgetIndexed(db: Db, before: number): void {
  statements(db).forget.run(before);
}

export interface SearchIndexer {
  /** Indexes what the index lacks, a batch at a time between other work; returns at once. Run after each poll. */
  catchUp(): void;
  /** Waits for the batch under way, if any, and indexes no more. */
  stop(): Promise<void>;
}

/**
 * Brings articles_fts up to date after each poll, on the app's connection, in batches of 200 articles (about 8 ms
 * each) with the event loop free between them. Indexing costs about 40 µs an article, as much as storing it: done in
 * the store path it slowed every poll by two thirds, and on a thread of its own beside a poll it still cost the poll a
 * fifth of its speed on two cores and the thread 20 MB (see README, Benchmarks). /search first indexes up to 20,000
 * articles this has not reached yet, so a search right after a poll misses nothing.
 */
export function createSearchIndexer(db: Db, log: Logger): SearchIndexer {
  let running: Promise<void> | undefined;
  let stopped = false;
  // Asked again while running (a poll ended meanwhile): the loop looks once more when it is done.
  let wanted = false;
  const loop = async () => {
    try {
      while (!stopped && wanted) {
        wanted = false;
        while (!stopped && indexPending(db, STEP) === STEP) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      log.warn({ err: String(error) }, "search indexing failed; the next poll or /search tries again");
    }
  };
  return {
    catchUp() {
      wanted = true;
      if (stopped || running) return;
      running = loop().finally(() => (running = undefined));
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}
