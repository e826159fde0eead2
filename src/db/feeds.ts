import { asc, eq, notInArray, sql } from "drizzle-orm";
import type { CatalogFeed } from "../catalog/load-catalog.js";
import { perDatabase, type Db } from "./client.js";
import { feeds, seenItems, type Feed } from "./schema.js";

/** Makes the feeds table list exactly the catalog's feeds; feeds dropped from the catalog keep their rows but are no longer polled. */
export function syncCatalogFeeds(db: Db, catalog: readonly CatalogFeed[], now: number): void {
  db.transaction(() => {
    for (const feed of catalog) {
      db.insert(feeds)
        .values({ url: feed.url, name: feed.name ?? null, topics: feed.topics, inCatalog: true, createdAt: now })
        .onConflictDoUpdate({ target: feeds.url, set: { name: feed.name ?? null, topics: feed.topics, inCatalog: true } })
        .run();
    }
    db.update(feeds)
      .set({ inCatalog: false })
      .where(notInArray(feeds.url, catalog.map((f) => f.url)))
      .run();
  });
}

export function listCatalogFeeds(db: Db): Feed[] {
  return db.select().from(feeds).where(eq(feeds.inCatalog, true)).orderBy(asc(feeds.id)).all();
}

/** What a poll needs to know of a feed. */
export type DueFeed = Pick<Feed, "id" | "url" | "name" | "topics" | "fetchUrl" | "etag" | "lastModified" | "errorStreak" | "failingSince">;

// Read at every poll tick; a prepared statement without the query builder's row mapping, which cost more than the
// query (see README, Benchmarks).
const dueStatement = perDatabase((db) =>
  db.$client.prepare<[number], Omit<DueFeed, "topics"> & { topics: string }>(`SELECT
      id, url, name, topics, fetch_url AS fetchUrl, etag, last_modified AS lastModified,
      error_streak AS errorStreak, failing_since AS failingSince
    FROM feeds WHERE in_catalog = 1 AND status = 'active' AND next_check_at <= ?
    ORDER BY next_check_at, id`),
);

/** Active catalog feeds whose next check has come, the most overdue first. */
export function dueFeeds(db: Db, now: number): DueFeed[] {
  return dueStatement(db)
    .all(now)
    .map((row) => ({ ...row, topics: JSON.parse(row.topics) as string[] }));
}

export interface FeedSuccess {
  polledAt: number;
  nextCheckAt: number;
  notModified: boolean;
  /** Validators of a 200 response; absent for a 304, which keeps the old ones. */
  validators?: { etag: string | null; lastModified: string | null };
  movedTo?: string;
}

// Run after every poll, 304s included, so prepared once rather than built by the query builder each time.
const successStatement = perDatabase((db) =>
  db.$client.prepare(`UPDATE feeds SET
      last_polled_at = @polledAt, last_success_at = @polledAt, next_check_at = @nextCheckAt,
      last_error = NULL, error_streak = 0, failing_since = NULL,
      poll_count = poll_count + 1, not_modified_count = not_modified_count + @notModified,
      etag = CASE WHEN @hasValidators THEN @etag ELSE etag END,
      last_modified = CASE WHEN @hasValidators THEN @lastModified ELSE last_modified END,
      fetch_url = coalesce(@movedTo, fetch_url)
    WHERE id = @feedId`),
);

export function recordFeedSuccess(db: Db, feedId: number, outcome: FeedSuccess): void {
  successStatement(db).run({
    feedId,
    polledAt: outcome.polledAt,
    nextCheckAt: outcome.nextCheckAt,
    notModified: outcome.notModified ? 1 : 0,
    hasValidators: outcome.validators ? 1 : 0,
    etag: outcome.validators?.etag ?? null,
    lastModified: outcome.validators?.lastModified ?? null,
    movedTo: outcome.movedTo ?? null,
  });
}

export interface FeedFailure {
  polledAt: number;
  error: string;
  nextCheckAt: number;
  /** Set when the failure disables the feed (410 Gone, or failing for days). */
  disable?: string;
}

export function recordFeedFailure(db: Db, feed: Pick<Feed, "id" | "errorStreak" | "failingSince">, failure: FeedFailure): void {
  db.update(feeds)
    .set({
      lastPolledAt: failure.polledAt,
      lastError: failure.error,
      errorStreak: feed.errorStreak + 1,
      failingSince: feed.failingSince ?? failure.polledAt,
      nextCheckAt: failure.nextCheckAt,
      pollCount: sql`${feeds.pollCount} + 1`,
      ...(failure.disable ? { status: "disabled" as const, disabledReason: failure.disable } : {}),
    })
    .where(eq(feeds.id, feed.id))
    .run();
}

export interface FeedReport extends Feed {
  itemsPerDay: number;
}

/** Every catalog feed with how many items a day it brought over the last week. */
export function feedReport(db: Db, now: number): FeedReport[] {
  const weekAgo = now - 7 * 86_400_000;
  const counts = new Map(
    db
      .select({ feedId: seenItems.feedId, n: sql<number>`count(*)` })
      .from(seenItems)
      .where(sql`${seenItems.seenAt} > ${weekAgo}`)
      .groupBy(seenItems.feedId)
      .all()
      .map((r) => [r.feedId, r.n]),
  );
  return listCatalogFeeds(db).map((feed) => {
    const days = Math.max(1, Math.min(7, (now - feed.createdAt) / 86_400_000));
    return { ...feed, itemsPerDay: (counts.get(feed.id) ?? 0) / days };
  });
}
