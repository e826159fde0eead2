import type { Logger } from "pino";
import { nextTurn } from "../lifecycle/next-turn.js";
import { ftsDocument } from "../topics/rule.js";
import { perDatabase, type Db } from "./client.js";

/** Articles indexed per transaction by indexPending. */
const BATCH = 500;
/** Articles indexed between two turns of the event loop by catchUpIndex: a few milliseconds. */
const STEP = 50;
/**
 * Pages of index segments merged after each step (FTS5's 'merge' command; its own automerge is off, migration 0011),
 * 1-15 ms beside a month of articles, and enough to keep each level of segments from growing (measured over 100,000
 * articles indexed 50 at a time; see README, Benchmarks).
 */
const MERGE_PAGES = 16;

/**
 * The statements that bring articles_fts up to date. The index holds every article up to the highest rowid in it, as
 * ftsDocument writes it: folded words, each category one word.
 */
const statements = perDatabase((db) => ({
  indexedThrough: db.$client.prepare<[], number>("SELECT coalesce((SELECT rowid FROM articles_fts ORDER BY rowid DESC LIMIT 1), 0)").pluck(),
  newest: db.$client.prepare<[], number>("SELECT coalesce(max(id), 0) FROM articles").pluck(),
  pending: db.$client.prepare<[number, number], { id: number; title: string; summary: string; categories: string }>(
    "SELECT id, title, summary, categories FROM articles WHERE id > ? ORDER BY id LIMIT ?",
  ),
  insert: db.$client.prepare("INSERT OR REPLACE INTO articles_fts (rowid, title, summary, categories) VALUES (?, ?, ?, ?)"),
  forget: db.$client.prepare<[number]>("DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM articles WHERE fetched_at < ?)"),
  merge: db.$client.prepare<[number]>("INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', ?)"),
}));

/** Indexes up to `limit` articles the index lacks, on the app's connection, in one go; returns how many. */
export function indexPending(db: Db, limit: number): number {
  const s = statements(db);
  let done = 0;
  while (done < limit) {
    const indexed = db.$client.transaction(() => {
      const rows = s.pending.all(s.indexedThrough.get()!, Math.min(BATCH, limit - done));
      for (const row of rows) {
        const document = ftsDocument({ title: row.title, summary: row.summary, categories: JSON.parse(row.categories) as string[] });
        s.insert.run(row.id, document.title, document.summary, document.categories);
      }
      return rows.length;
    }).immediate();
    done += indexed;
    if (indexed < BATCH) break;
  }
  return done;
}

/** One indexing run at a time per database, shared by whoever waits for the index (polls, /search, /follow). */
const indexing = perDatabase((): IndexingState => ({ stopped: false }));

interface IndexingState {
  running?: Promise<number>;
  /** The merge after a run's last step, which no one waiting for the index waits for (stop does). */
  merging?: Promise<void>;
  stopped: boolean;
  /** Where a failed merge is told (createSearchIndexer's logger). */
  log?: Logger;
}

/**
 * Resolves once the index holds every article stored before the call, indexing STEP articles at a time with the
 * event loop free between (about 50 µs an article: a poll's few hundred take a few turns, the 25,000 of a first poll
 * about a second). Resolves at once after the indexer has stopped: the app is stopping.
 */
export async function catchUpIndex(db: Db): Promise<void> {
  const s = statements(db);
  const state = indexing(db);
  const target = s.newest.get()!;
  while (!state.stopped && s.indexedThrough.get()! < target) {
    state.running ??= indexInSteps(db, state).finally(() => (state.running = undefined));
    // Nothing was left to index: the articles past the index were deleted meanwhile.
    if ((await state.running) === 0) break;
  }
}

async function indexInSteps(db: Db, state: IndexingState): Promise<number> {
  let total = 0;
  while (!state.stopped) {
    const step = indexPending(db, STEP);
    total += step;
    if (step === 0) break;
    if (step < STEP) {
      // The run's last step: merged in a turn of its own, after whoever waited for the index has it.
      state.merging ??= nextTurn()
        .then(() => mergeUnlessStopped(db, state))
        .finally(() => (state.merging = undefined));
      break;
    }
    await nextTurn();
    mergeUnlessStopped(db, state);
    await nextTurn();
  }
  return total;
}

/** A merge is upkeep: one that fails is logged, and the next step's merge tries again. */
function mergeUnlessStopped(db: Db, state: IndexingState): void {
  if (state.stopped) return;
  try {
    mergeSegments(db);
  } catch (error) {
    state.log?.warn({ err: String(error) }, "merging the search index's segments failed; the next step tries again");
  }
}

/** Merges MERGE_PAGES pages' worth of the index's segments, where a level holds enough of them to merge. */
function mergeSegments(db: Db): void {
  statements(db).merge.run(MERGE_PAGES);
}

/** Takes the articles fetched before `before` out of the index; run just before they are deleted. */
export function forgetIndexed(db: Db, before: number): void {
  statements(db).forget.run(before);
}

export interface SearchIndexer {
  /** Indexes what the index lacks, a step at a time between other work; returns at once. Run after each poll. */
  catchUp(): void;
  /** Waits for the step (or merge) under way, if any, and indexes and merges no more. */
  stop(): Promise<void>;
}

/**
 * Brings articles_fts up to date after each poll (catchUpIndex), on the app's connection. Indexing costs about 40 µs
 * an article, as much as storing it: done in the store path it slowed every poll by two thirds, and on a thread of
 * its own beside a poll it still cost the poll a fifth of its speed on two cores and the thread 20 MB (see README,
 * Benchmarks). /search and /follow wait for the same run, so what a poll stored a moment ago is found.
 */
export function createSearchIndexer(db: Db, log: Logger): SearchIndexer {
  indexing(db).log = log;
  return {
    catchUp() {
      catchUpIndex(db).catch((error: unknown) => log.warn({ err: String(error) }, "search indexing failed; the next poll or /search tries again"));
    },
    async stop() {
      const state = indexing(db);
      state.stopped = true;
      await state.running;
      await state.merging;
    },
  };
}
