import { eq, lt, sql } from "drizzle-orm";
import type { PreparedItem } from "../feeds/prepare-feed.js";
import { perDatabase, type Db } from "./client.js";
import { articles, articleSources, seenItems } from "./schema.js";

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

/**
 * Below this many articles a list is read whole and sorted (about 5 µs an article); from it on, its newest are walked
 * in windows of ids (newestInWindows), which reads a few hundred.
 */
export const SORT_BELOW = 5000;

/** The first window of a walk spans this many ids per article wanted; each next one spans twice the ids. */
const FIRST_WINDOW = 4;

/**
 * How long a walk reads windows before it pauses (the caller's `pause`, a turn of the event loop for the bot): the
 * newest 30 of a chat's dozen broad topics read 8,000 ids in seven windows, 12-21 ms beside a month of news.
 */
const WALK_SLICE_MS = 5;

/** Lets others run between the steps of a long read; resolves when the read may go on. */
export type Pause = () => Promise<void>;
const noPause: Pause = () => Promise.resolve();

/** Fetch times fetchedSinceBelow reads through at most: about 20 hours of a 500-feed catalog, 1 ms. */
const FETCHED_SCAN_CAP = 20_000;

const latest = perDatabase((db) => ({
  links: db.$client.prepare<[string, number], number>(`SELECT count(*) FROM (SELECT 1 FROM article_topics WHERE topic_id IN (SELECT value FROM json_each(?)) LIMIT ?)`).pluck(),
  sorted: db.$client
    .prepare<[string, number, number], number>(
      `SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM article_topics WHERE topic_id IN (SELECT value FROM json_each(?)))
       ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`,
    )
    .pluck(),
  // A window of ids of the list's links, its newest first: each topic's links in the window are one range of
  // article_topics_topic.
  window: db.$client.prepare<[string, number, number, number], Windowed>(
    `SELECT DISTINCT a.id, a.published_at AS publishedAt FROM article_topics t JOIN articles a ON a.id = t.article_id
     WHERE t.topic_id IN (SELECT value FROM json_each(?)) AND t.article_id >= ? AND t.article_id < ?
     ORDER BY a.published_at DESC, a.id DESC LIMIT ?`,
  ),
  newest: db.$client.prepare<[], number>("SELECT coalesce(max(id), 0) FROM articles").pluck(),
  oldest: db.$client.prepare<[], number>("SELECT coalesce(min(id), 0) FROM articles").pluck(),
  // Reads the fetch times from `since` on, FETCHED_SCAN_CAP at most (see fetchedSinceBelow).
  fetchedSinceBelow: db.$client
    .prepare<{ since: number; below: number; cap: number }, number>(
      "SELECT count(*) > @cap OR coalesce(min(id) < @below, 0) FROM (SELECT id FROM articles INDEXED BY articles_fetched_at WHERE fetched_at >= @since LIMIT @cap + 1)",
    )
    .pluck(),
  headlines: db.$client.prepare<[string], Headline & { alsoSources: string | null }>(
    `SELECT ${STORY_COLUMNS}, a.fetched_at AS fetchedAt FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id IN (SELECT value FROM json_each(?))`,
  ),
}));

/** An article of a list as a window of it gives it. */
export interface Windowed {
  id: number;
  publishedAt: number;
}

/**
 * The ids of the first `wanted` articles of a list by publication time, then id, newest first, read from the list
 * alone (`window(from, below, limit)`: the `limit` newest of its articles with ids in [from, below)), newest ids first,
 * in windows that double: an article stored later has a higher id. An article a window leaves out has `wanted` newer
 * ones beside it, so it cannot be among the first. Once `wanted` are kept, the walk ends as soon as no article below
 * the window was fetched at or after the publication time of the last one kept: no article is published after it is
 * fetched (a feed's future dates are its fetch time), so none of them can take its place, whatever order the clock
 * stored them in. Walking every stored article newest fetched first instead read them all, in the list or not: for a
 * list of rare topics it gave up after 8,000 and sorted tens of thousands, 300-700 ms; and a window read whole handed
 * the last hours' thousands of links of a chat's broad topics to JavaScript, 20-35 ms (see README, Benchmarks).
 */
export async function newestInWindows(db: Db, window: (from: number, below: number, limit: number) => Iterable<Windowed>, wanted: number, pause: Pause = noPause): Promise<number[]> {
  const s = latest(db);
  const oldest = s.oldest.get()!;
  const kept: { id: number; publishedAt: number }[] = [];
  let below = s.newest.get()! + 1;
  let span = FIRST_WINDOW * wanted;
  let sliceStarted = performance.now();
  while (below > oldest) {
    if (performance.now() - sliceStarted > WALK_SLICE_MS) {
      await pause();
      sliceStarted = performance.now();
    }
    const from = Math.max(oldest, below - span);
    for (const article of window(from, below, wanted)) {
      let at = kept.length;
      while (at > 0 && (kept[at - 1]!.publishedAt < article.publishedAt || (kept[at - 1]!.publishedAt === article.publishedAt && kept[at - 1]!.id < article.id))) at--;
      if (at < wanted) {
        kept.splice(at, 0, article);
        if (kept.length > wanted) kept.pop();
      }
    }
    below = from;
    if (kept.length === wanted && !fetchedSinceBelow(db, kept[wanted - 1]!.publishedAt, below)) break;
    span *= 2;
  }
  return kept.map((article) => article.id);
}

/** The newest articles in any of the topics, each once, newest first; a long walk pauses between windows. */
export async function latestInTopics(db: Db, topicIds: readonly number[], limit: number, offset: number, pause: Pause = noPause): Promise<Headline[]> {
  if (topicIds.length === 0) return [];
  const s = latest(db);
  const ids = JSON.stringify(topicIds);
  const walked = s.links.get(ids, SORT_BELOW)! < SORT_BELOW ? undefined : await newestInWindows(db, (from, below, wanted) => s.window.all(ids, from, below, wanted), offset + limit, pause);
  return headlinesByIds(db, walked ? walked.slice(offset) : s.sorted.all(ids, limit, offset));
}

/** The id of the newest stored article (ids grow as articles are stored), 0 when there is none. */
export function newestArticleId(db: Db): number {
  return latest(db).newest.get()!;
}

/**
 * Whether an article with an id below `id` may have been fetched at `since` or later: true when one was, and when
 * more than FETCHED_SCAN_CAP were fetched since (too many to read through: a month's 750,000 took 30-50 ms), which
 * callers take as "not known to be done" and go on. Ids follow the storing order, fetch times the start of each poll,
 * so neither bounds the other exactly.
 */
export function fetchedSinceBelow(db: Db, since: number, id: number): boolean {
  return latest(db).fetchedSinceBelow.get({ since, below: id, cap: FETCHED_SCAN_CAP }) === 1;
}

/** The id of the oldest stored article, 0 when there is none. */
export function oldestArticleId(db: Db): number {
  return latest(db).oldest.get()!;
}

/** The articles, as lists show them, in the order given; pruned ones are missing. */
export function headlinesByIds(db: Db, ids: readonly number[]): Headline[] {
  const rows = latest(db).headlines.all(JSON.stringify(ids));
  const byId = new Map(rows.map((row) => [row.id, withSources(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function countArticles(db: Db, feedId?: number): number {
  const where = feedId === undefined ? undefined : eq(articles.feedId, feedId);
  return db.select({ n: sql<number>`count(*)` }).from(articles).where(where).get()?.n ?? 0;
}
