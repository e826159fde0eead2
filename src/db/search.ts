import { and, eq, lt } from "drizzle-orm";
import { toFtsQuery, type Rule } from "../topics/rule.js";
import { STORY_COLUMNS, withSources, type Headline } from "./articles.js";
import { perDatabase, type Db } from "./client.js";
import { searches } from "./schema.js";

const statements = perDatabase((db) => ({
  page: db.$client.prepare<[string, number, number], Omit<Headline, "alsoSources"> & { alsoSources: string | null }>(
    `SELECT ${STORY_COLUMNS}, a.fetched_at AS fetchedAt
     FROM articles a JOIN feeds f ON f.id = a.feed_id
     WHERE a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)
     ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`,
  ),
  count: db.$client.prepare<[string], number>(`SELECT count(*) FROM articles WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`).pluck(),
}));

/** The stored articles a rule matches in the full-text index, newest first: `limit` of them from `offset`, and how many in all. */
export function searchArticles(db: Db, rule: Rule, limit: number, offset: number): { total: number; headlines: Headline[] } {
  const query = toFtsQuery(rule);
  const s = statements(db);
  return { total: s.count.get(query)!, headlines: s.page.all(query, limit, offset).map(withSources) };
}

/** Remembers a chat's search so its buttons can page through it; returns its id. */
export function saveSearch(db: Db, chatId: number, query: string, now: number): number {
  return db.insert(searches).values({ chatId, query, createdAt: now }).returning({ id: searches.id }).get().id;
}

/** One of the chat's searches; another chat's is not found. */
export function getSearch(db: Db, chatId: number, id: number): string | undefined {
  return db
    .select({ query: searches.query })
    .from(searches)
    .where(and(eq(searches.id, id), eq(searches.chatId, chatId)))
    .get()?.query;
}

export function pruneSearches(db: Db, before: number): number {
  return db.delete(searches).where(lt(searches.createdAt, before)).run().changes;
}
