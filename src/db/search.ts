import { and, eq, lt } from "drizzle-orm";
import { toFtsQuery, type Rule } from "../topics/rule.js";
import { headlinesByIds, newestInWindows, SORT_BELOW, type Headline, type Pause, type Windowed } from "./articles.js";
import { perDatabase, type Db } from "./client.js";
import { searches } from "./schema.js";

const statements = perDatabase((db) => ({
  // Pruning takes articles out of the index with the table, and a search waits for the index to catch up: the index's
  // count is the articles'.
  count: db.$client.prepare<[string], number>("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?").pluck(),
  sorted: db.$client
    .prepare<[string, number, number], number>(
      `SELECT a.id FROM articles a WHERE a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)
       ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`,
    )
    .pluck(),
  window: db.$client.prepare<[string, number, number, number], Windowed>(
    `SELECT a.id, a.published_at AS publishedAt FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
     WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND articles_fts.rowid < ?
     ORDER BY a.published_at DESC, a.id DESC LIMIT ?`,
  ),
  ids: db.$client.prepare<[string, number, number], number>("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC").pluck(),
  articles: db.$client.prepare<[string], CandidateRow>(
    "SELECT id, title, summary, categories, published_at AS publishedAt FROM articles WHERE id IN (SELECT value FROM json_each(?))",
  ),
  fetchedSince: db.$client.prepare<[string, number, number], CandidateRow>(
    `SELECT a.id, a.title, a.summary, a.categories, a.published_at AS publishedAt FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
     WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND a.fetched_at > ?`,
  ),
  // Without the index, SQLite finds a min(id) by reading the table from its oldest row: a month's in 250 ms.
  firstFetchedAfter: db.$client.prepare<[number], number | null>("SELECT min(id) FROM articles INDEXED BY articles_fetched_at WHERE fetched_at > ?").pluck(),
}));

type CandidateRow = Omit<Candidate, "categories"> & { categories: string };

/** An article the index found for a rule, with what the rule's matcher needs to confirm it. */
export interface Candidate {
  id: number;
  title: string;
  summary: string;
  categories: string[];
  publishedAt: number;
}

const candidate = (row: CandidateRow): Candidate => ({ ...row, categories: JSON.parse(row.categories) as string[] });

/** How many articles the FTS5 query finds. */
export function countCandidates(db: Db, query: string): number {
  return statements(db).count.get(query)!;
}

/** The ids, newest first, from `from` up to (not including) `below`, of the articles the FTS5 query (toFtsCandidates) finds. */
export function candidateIds(db: Db, query: string, from: number, below: number): number[] {
  return statements(db).ids.all(query, from, below);
}

/** The articles of the ids, with what a rule's matcher looks at; pruned ones are missing. */
export function candidateArticles(db: Db, ids: readonly number[]): Candidate[] {
  return statements(db).articles.all(JSON.stringify(ids)).map(candidate);
}

/** The articles fetched after `since` that the FTS5 query finds. */
export function candidatesFetchedSince(db: Db, query: string, since: number): Candidate[] {
  const s = statements(db);
  // Ids grow as articles are stored, so the index is read from the first one fetched since, and no further back.
  const first = s.firstFetchedAfter.get(since);
  return first === null || first === undefined ? [] : s.fetchedSince.all(query, first, since).map(candidate);
}

/**
 * The stored articles a rule matches in the full-text index, newest first: `limit` of them from `offset`, and how many
 * in all; a long walk pauses between windows.
 */
export async function searchArticles(db: Db, rule: Rule, limit: number, offset: number, pause?: Pause): Promise<{ total: number; headlines: Headline[] }> {
  const query = toFtsQuery(rule);
  const s = statements(db);
  const total = s.count.get(query)!;
  const walked = total < SORT_BELOW ? undefined : await newestInWindows(db, (from, below, wanted) => s.window.all(query, from, below, wanted), offset + limit, pause);
  return { total, headlines: headlinesByIds(db, walked ? walked.slice(offset) : s.sorted.all(query, limit, offset)) };
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
