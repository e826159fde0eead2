import { desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { FeedItem } from "../feeds/parse-feed.js";
import type { Db } from "./client.js";
import { canonicalUrl, identityHash } from "../feeds/identity.js";
import { articles, articleSources, articleTopics, feeds, seenItems } from "./schema.js";

/** Decides an item's topics; called only for items that are new. */
export type TopicsOf = (item: FeedItem) => readonly number[];

export interface StoreResult {
  /** Items never seen before in this feed. */
  fresh: number;
  /** New articles stored. */
  added: number;
  /** Fresh items that were a story already stored from another feed (same canonical link). */
  merged: number;
}

/**
 * Stores a feed's items in one transaction. An item the feed had before (by identity) is skipped, even if its article
 * was pruned since; a story already stored from another feed gains this feed as a source instead of a second copy.
 */
export function storeFeedItems(db: Db, feedId: number, items: readonly FeedItem[], topicsOf: TopicsOf, fetchedAt: number): StoreResult {
  return db.transaction(() => {
    const result: StoreResult = { fresh: 0, added: 0, merged: 0 };
    for (const item of items) {
      const identity = identityHash(item.key);
      const seen = db.insert(seenItems).values({ feedId, identity, seenAt: fetchedAt }).onConflictDoNothing().run();
      if (seen.changes === 0) continue;
      result.fresh++;
      const canonical = canonicalUrl(item.link);
      const existing = canonical === null ? undefined : db.select({ id: articles.id }).from(articles).where(eq(articles.canonicalUrl, canonical)).get();
      if (existing) {
        db.insert(articleSources).values({ articleId: existing.id, feedId, seenAt: fetchedAt }).onConflictDoNothing().run();
        result.merged++;
        continue;
      }
      const row = db
        .insert(articles)
        .values({ feedId, canonicalUrl: canonical, title: item.title, link: item.link, summary: item.summary, categories: item.categories, publishedAt: item.publishedAt, fetchedAt })
        .returning({ id: articles.id })
        .get();
      db.insert(articleSources).values({ articleId: row.id, feedId, seenAt: fetchedAt }).run();
      const topicIds = topicsOf(item);
      if (topicIds.length > 0) db.insert(articleTopics).values(topicIds.map((topicId) => ({ articleId: row.id, topicId }))).run();
      result.added++;
    }
    return result;
  });
}

/** Deletes articles fetched before `before` (their identities stay in seen_items); returns how many. */
export function pruneArticles(db: Db, before: number): number {
  return db.delete(articles).where(lt(articles.fetchedAt, before)).run().changes;
}

/** An article as lists and digests show it. */
export interface Headline {
  id: number;
  title: string;
  link: string | null;
  source: string;
  publishedAt: number;
  fetchedAt: number;
}

const headlineColumns = {
  id: articles.id,
  title: articles.title,
  link: articles.link,
  source: sql<string>`coalesce(${feeds.name}, ${feeds.url})`,
  publishedAt: articles.publishedAt,
  fetchedAt: articles.fetchedAt,
};

/** The newest articles in any of the topics, each once, newest first. */
export function latestInTopics(db: Db, topicIds: readonly number[], limit: number, offset: number): Headline[] {
  if (topicIds.length === 0) return [];
  const inTopics = db.selectDistinct({ id: articleTopics.articleId }).from(articleTopics).where(inArray(articleTopics.topicId, [...topicIds]));
  return db
    .select(headlineColumns)
    .from(articles)
    .innerJoin(feeds, eq(feeds.id, articles.feedId))
    .where(inArray(articles.id, inTopics))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export function countArticles(db: Db, feedId?: number): number {
  const where = feedId === undefined ? undefined : eq(articles.feedId, feedId);
  return db.select({ n: sql<number>`count(*)` }).from(articles).where(where).get()?.n ?? 0;
}
