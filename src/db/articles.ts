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

/** The statements storing items, prepared once per database: building SQL per item cost more than running it. */
function prepareStore(db: Db) {
  const p = sql.placeholder;
  return {
    markSeen: db.insert(seenItems).values({ feedId: p("feedId"), identity: p("identity"), seenAt: p("seenAt") }).onConflictDoNothing().prepare(),
    findByCanonical: db.select({ id: articles.id }).from(articles).where(eq(articles.canonicalUrl, p("canonical"))).prepare(),
    insertArticle: db
      .insert(articles)
      .values({
        feedId: p("feedId"),
        canonicalUrl: p("canonical"),
        title: p("title"),
        link: p("link"),
        summary: p("summary"),
        categories: p("categories"),
        publishedAt: p("publishedAt"),
        fetchedAt: p("fetchedAt"),
      })
      // A story already stored from another feed conflicts on its canonical link and returns no row.
      .onConflictDoNothing()
      .returning({ id: articles.id })
      .prepare(),
    addSource: db.insert(articleSources).values({ articleId: p("articleId"), feedId: p("feedId"), seenAt: p("seenAt") }).onConflictDoNothing().prepare(),
    addTopic: db.insert(articleTopics).values({ articleId: p("articleId"), topicId: p("topicId") }).onConflictDoNothing().prepare(),
  };
}

const statements = new WeakMap<Db, ReturnType<typeof prepareStore>>();

/**
 * Stores a feed's items in one transaction. An item the feed had before (by identity) is skipped, even if its article
 * was pruned since; a story already stored from another feed gains this feed as a source instead of a second copy.
 */
export function storeFeedItems(db: Db, feedId: number, items: readonly FeedItem[], topicsOf: TopicsOf, fetchedAt: number): StoreResult {
  let q = statements.get(db);
  if (!q) statements.set(db, (q = prepareStore(db)));
  const { markSeen, findByCanonical, insertArticle, addSource, addTopic } = q;
  return db.transaction(() => {
    const result: StoreResult = { fresh: 0, added: 0, merged: 0 };
    for (const item of items) {
      if (markSeen.run({ feedId, identity: identityHash(item.key), seenAt: fetchedAt }).changes === 0) continue;
      result.fresh++;
      const canonical = canonicalUrl(item.link);
      const row = insertArticle.get({
        feedId,
        canonical,
        title: item.title,
        link: item.link,
        summary: item.summary,
        categories: JSON.stringify(item.categories),
        publishedAt: item.publishedAt,
        fetchedAt,
      });
      if (!row) {
        const existing = findByCanonical.get({ canonical });
        if (existing) addSource.run({ articleId: existing.id, feedId, seenAt: fetchedAt });
        result.merged++;
        continue;
      }
      addSource.run({ articleId: row.id, feedId, seenAt: fetchedAt });
      for (const topicId of topicsOf(item)) addTopic.run({ articleId: row.id, topicId });
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
