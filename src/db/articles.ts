import { desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { PreparedItem } from "../feeds/prepare-feed.js";
import { perDatabase, type Db } from "./client.js";
import { articles, articleSources, articleTopics, feeds, seenItems } from "./schema.js";

export interface StoreResult {
  /** Items never seen before in this feed. */
  fresh: number;
  /** New articles stored. */
  added: number;
  /** Fresh items that were a story already stored from another feed (same canonical link). */
  merged: number;
}

/**
 * The statements storing items, prepared once per database and run on better-sqlite3 directly: this is the hot path
 * of every poll, and Drizzle's per-call parameter mapping cost more than SQLite's own work (see README, Benchmarks).
 */
const prepareStore = perDatabase((db) => {
  const client = db.$client;
  return {
    markSeen: client.prepare("INSERT INTO seen_items (feed_id, identity, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    // A story already stored from another feed conflicts on its canonical key and returns no row.
    insertArticle: client
      .prepare(
        "INSERT INTO articles (feed_id, canonical_key, title, link, summary, categories, published_at, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
      )
      .pluck(),
    findByCanonical: client.prepare("SELECT id FROM articles WHERE canonical_key = ?").pluck(),
    addSource: client.prepare("INSERT INTO article_sources (article_id, feed_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    // A user's topic deleted between matching and storing (an /unfollow during a poll) is skipped, not a failed feed.
    addTopic: client.prepare("INSERT INTO article_topics (article_id, topic_id) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM topics WHERE id = ?) ON CONFLICT DO NOTHING"),
  };
});

/**
 * Stores a feed's items. An item the feed had before (by identity) is skipped, even if its article was pruned since;
 * a story already stored from another feed gains this feed as an extra source instead of a second copy. It runs in the
 * caller's transaction (a poll writes the items with the feed's new validators, see pollFeed), so that all of a
 * feed's items are written or none.
 */
export function storeFeedItems(db: Db, feedId: number, items: readonly PreparedItem[], fetchedAt: number): StoreResult {
  if (!db.$client.inTransaction) throw new Error("storeFeedItems must run inside a transaction");
  const { markSeen, findByCanonical, insertArticle, addSource, addTopic } = prepareStore(db);
  const result: StoreResult = { fresh: 0, added: 0, merged: 0 };
  for (const item of items) {
    if (markSeen.run(feedId, item.identity, fetchedAt).changes === 0) continue;
    result.fresh++;
    const id = insertArticle.get(feedId, item.canonical, item.title, item.link, item.summary, JSON.stringify(item.categories), item.publishedAt, fetchedAt) as
      | number
      | undefined;
    if (id === undefined) {
      const existing = findByCanonical.get(item.canonical) as number | undefined;
      if (existing !== undefined) addSource.run(existing, feedId, fetchedAt);
      result.merged++;
      continue;
    }
    for (const topicId of item.topicIds) addTopic.run(id, topicId, topicId);
    result.added++;
  }
  return result;
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
  /** Other feeds that carried the same link. */
  alsoSources: string[];
}

/** Separates source names in a concatenated column; a feed name cannot hold it. */
const UNIT_SEPARATOR = "\u001f";

/** The names of the other feeds that carried the article `articleId` names, joined by UNIT_SEPARATOR (null for none). */
function alsoSourcesSql(articleId: string): string {
  return `(SELECT group_concat(coalesce(o.name, o.url), char(31)) FROM article_sources s JOIN feeds o ON o.id = s.feed_id WHERE s.article_id = ${articleId})`;
}

/** A story's columns (see Headline, without fetchedAt), from `articles a` joined to its feed `f`. */
export const STORY_COLUMNS = `a.id, a.title, a.link, coalesce(f.name, f.url) AS source, a.published_at AS publishedAt, ${alsoSourcesSql("a.id")} AS alsoSources`;

/** A row with STORY_COLUMNS' `alsoSources`, the names split. */
export function withSources<T extends { alsoSources: string | null }>(row: T): Omit<T, "alsoSources"> & { alsoSources: string[] } {
  return { ...row, alsoSources: row.alsoSources === null ? [] : row.alsoSources.split(UNIT_SEPARATOR) };
}

const headlineColumns = {
  id: articles.id,
  title: articles.title,
  link: articles.link,
  source: sql<string>`coalesce(${feeds.name}, ${feeds.url})`,
  publishedAt: articles.publishedAt,
  fetchedAt: articles.fetchedAt,
  alsoSources: sql<string | null>`${sql.raw(alsoSourcesSql('"articles"."id"'))}`,
};

const { alsoSources: _, ...ruleColumns } = headlineColumns;

/** An article with what a rule looks at. */
export interface RuleCandidate extends Omit<Headline, "alsoSources"> {
  summary: string;
  categories: string[];
}

/** Articles fetched after `since`, newest first: what /preview tries a rule on. */
export function articlesSince(db: Db, since: number): RuleCandidate[] {
  return db
    .select({ ...ruleColumns, summary: articles.summary, categories: articles.categories })
    .from(articles)
    .innerJoin(feeds, eq(feeds.id, articles.feedId))
    .where(gt(articles.fetchedAt, since))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .all();
}

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
    .all()
    .map(withSources);
}

export function countArticles(db: Db, feedId?: number): number {
  const where = feedId === undefined ? undefined : eq(articles.feedId, feedId);
  return db.select({ n: sql<number>`count(*)` }).from(articles).where(where).get()?.n ?? 0;
}
