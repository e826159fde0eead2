import { desc, eq, inArray, sql } from "drizzle-orm";
import type { FeedItem } from "../feeds/parse-feed.js";
import type { Db } from "./client.js";
import { articles, articleTopics, feeds } from "./schema.js";

/** Decides an item's topics; called only for items that are new. */
export type TopicsOf = (item: FeedItem) => readonly number[];

/** Stores a feed's items in one transaction; items already stored for the feed are skipped. Returns how many were new. */
export function storeFeedItems(db: Db, feedId: number, items: readonly FeedItem[], topicsOf: TopicsOf, fetchedAt: number): number {
  return db.transaction((tx) => {
    let added = 0;
    for (const item of items) {
      const row = tx
        .insert(articles)
        .values({
          feedId,
          itemKey: item.key,
          title: item.title,
          link: item.link,
          summary: item.summary,
          categories: item.categories,
          publishedAt: item.publishedAt,
          fetchedAt,
        })
        .onConflictDoNothing({ target: [articles.feedId, articles.itemKey] })
        .returning({ id: articles.id })
        .get();
      if (!row) continue;
      added++;
      const topicIds = topicsOf(item);
      if (topicIds.length > 0) tx.insert(articleTopics).values(topicIds.map((topicId) => ({ articleId: row.id, topicId }))).run();
    }
    return added;
  });
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
