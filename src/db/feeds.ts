import { eq, notInArray } from "drizzle-orm";
import type { CatalogFeed } from "../catalog/load-catalog.js";
import type { Db } from "./client.js";
import { feeds, type Feed } from "./schema.js";

/** Makes the feeds table list exactly the catalog's feeds; feeds dropped from the catalog keep their rows but are no longer polled. */
export function syncCatalogFeeds(db: Db, catalog: readonly CatalogFeed[], now: number): void {
  db.transaction((tx) => {
    for (const feed of catalog) {
      tx.insert(feeds)
        .values({ url: feed.url, name: feed.name ?? null, topics: feed.topics, inCatalog: true, createdAt: now })
        .onConflictDoUpdate({ target: feeds.url, set: { name: feed.name ?? null, topics: feed.topics, inCatalog: true } })
        .run();
    }
    const urls = catalog.map((f) => f.url);
    tx.update(feeds).set({ inCatalog: false }).where(notInArray(feeds.url, urls)).run();
  });
}

export function listCatalogFeeds(db: Db): Feed[] {
  return db.select().from(feeds).where(eq(feeds.inCatalog, true)).orderBy(feeds.id).all();
}

export interface FeedPollOutcome {
  polledAt: number;
  etag?: string | null;
  lastModified?: string | null;
}

export function recordFeedSuccess(db: Db, feedId: number, outcome: FeedPollOutcome): void {
  const validators = outcome.etag !== undefined ? { etag: outcome.etag, lastModified: outcome.lastModified ?? null } : {};
  db.update(feeds)
    .set({ lastPolledAt: outcome.polledAt, lastSuccessAt: outcome.polledAt, lastError: null, errorStreak: 0, ...validators })
    .where(eq(feeds.id, feedId))
    .run();
}

export function recordFeedFailure(db: Db, feed: Feed, error: string, polledAt: number): void {
  db.update(feeds)
    .set({ lastPolledAt: polledAt, lastError: error, errorStreak: feed.errorStreak + 1 })
    .where(eq(feeds.id, feed.id))
    .run();
}
