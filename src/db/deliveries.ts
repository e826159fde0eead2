import type { InlineKeyboardMarkup } from "grammy/types";
import { STORY_COLUMNS, withSources } from "./articles.js";
import { perDatabase, type Db } from "./client.js";
import { queueBody, storeBody, type MessageBody } from "./outbox.js";

/** A fresh article for a digest. */
export interface DigestCandidate {
  id: number;
  title: string;
  link: string | null;
  source: string;
  publishedAt: number;
  topicId: number;
  /** Other feeds that carried the same link. */
  alsoSources: string[];
}

type CandidateRow = Omit<DigestCandidate, "alsoSources"> & { alsoSources: string | null };

// Composition reads and writes these for every due chat; prepared once rather than built by the query builder.
const statements = perDatabase((db) => ({
  inTopic: db.$client.prepare<[number, number, number, number], CandidateRow>(
    `SELECT ${STORY_COLUMNS}, ? AS topicId
     FROM article_topics t JOIN articles a ON a.id = t.article_id JOIN feeds f ON f.id = a.feed_id
     WHERE t.topic_id = ? AND a.fetched_at > ?
     ORDER BY a.published_at DESC, a.id ASC LIMIT ?`,
  ),
  delivered: db.$client.prepare<[number, number], string>(`SELECT article_ids FROM deliveries WHERE chat_id = ? AND delivered_at >= ?`).pluck(),
  deliver: db.$client.prepare<[number, number, string, number | null]>(`INSERT INTO deliveries (chat_id, delivered_at, article_ids, last_body_id) VALUES (?, ?, ?, ?)`),
  digested: db.$client.prepare<[number, number | null, number]>(`UPDATE subscribers SET last_digest_at = ?, next_digest_at = coalesce(?, next_digest_at) WHERE chat_id = ?`),
  skip: db.$client.prepare<[number, number]>(`UPDATE subscribers SET next_digest_at = ? WHERE chat_id = ?`),
}));

/** The topic's articles fetched after `since`, newest first, at most `limit`. */
export function topicCandidates(db: Db, topicId: number, since: number, limit: number): DigestCandidate[] {
  return statements(db)
    .inTopic.all(topicId, topicId, since, limit)
    .map(withSources);
}

/**
 * The articles the chat received in digests from `since` on (the previous digest included). An article fetched after
 * `since` can only be in one of those, so this is all a digest of articles fetched after `since` must leave out.
 */
export function deliveredSince(db: Db, chatId: number, since: number): Set<number> {
  const ids = new Set<number>();
  for (const list of statements(db).delivered.all(chatId, since)) for (const id of JSON.parse(list) as number[]) ids.add(id);
  return ids;
}

export interface ComposedDigest {
  chatId: number;
  /** Each with its hash (see bodyHash) when the caller has it already. */
  messages: readonly (MessageBody & { hash?: string })[];
  articleIds: readonly number[];
}

/**
 * Commits a composed digest in one transaction (a savepoint when the caller has one open): its messages into the
 * outbox (each text stored once, however many chats it goes to), its articles as delivered to the chat, and the
 * chat's digest times moved on. All of it happens or none.
 */
export function commitDigest(db: Db, digest: ComposedDigest, now: number, nextDigestAt?: number): void {
  const s = statements(db);
  db.$client.transaction(() => {
    let lastBodyId: number | null = null;
    for (const message of digest.messages) queueBody(db, digest.chatId, (lastBodyId = storeBody(db, message, now, message.hash)), now);
    s.deliver.run(digest.chatId, now, JSON.stringify(digest.articleIds), lastBodyId);
    s.digested.run(now, nextDigestAt ?? null, digest.chatId);
  })();
}

/** Forgets deliveries older than `before`: their articles are pruned by then and cannot come back. */
export function pruneDeliveries(db: Db, before: number): number {
  return db.$client.prepare(`DELETE FROM deliveries WHERE delivered_at < ?`).run(before).changes;
}

/** Moves a chat's next digest without sending one (nothing new). */
export function skipDigest(db: Db, chatId: number, nextDigestAt: number): void {
  statements(db).skip.run(nextDigestAt, chatId);
}

/** A digest a chat received, with what its "Show N more" buttons need. */
export interface DeliveredDigest {
  id: number;
  more: Record<string, number[][]>;
  expanded: number[];
  /** The text and buttons of the digest's last message, as sent; undefined once pruned. */
  lastMessage?: { text: string; replyMarkup: InlineKeyboardMarkup | null };
}

/** The chat's digest composed at `deliveredAt`; another chat's is not found. */
export function findDigest(db: Db, chatId: number, deliveredAt: number): DeliveredDigest | undefined {
  const row = db.$client
    .prepare<[number, number], { id: number; more: string | null; expanded: string; text: string | null; replyMarkup: string | null }>(
      `SELECT d.id, b.more, d.expanded, b.text, b.reply_markup AS replyMarkup
       FROM deliveries d LEFT JOIN message_bodies b ON b.id = d.last_body_id WHERE d.chat_id = ? AND d.delivered_at = ?`,
    )
    .get(chatId, deliveredAt);
  if (!row) return undefined;
  return {
    id: row.id,
    more: row.more === null ? {} : (JSON.parse(row.more) as Record<string, number[][]>),
    expanded: JSON.parse(row.expanded) as number[],
    ...(row.text === null ? {} : { lastMessage: { text: row.text, replyMarkup: row.replyMarkup === null ? null : (JSON.parse(row.replyMarkup) as InlineKeyboardMarkup) } }),
  };
}

export function markExpanded(db: Db, digestId: number, expanded: readonly number[]): void {
  db.$client.prepare("UPDATE deliveries SET expanded = ? WHERE id = ?").run(JSON.stringify(expanded), digestId);
}

/** Stored articles by id, as digests show them; pruned ones are missing. */
export function candidatesByIds(db: Db, ids: readonly number[]): Map<number, DigestCandidate> {
  const rows = db.$client
    .prepare<[string], CandidateRow>(
      `SELECT ${STORY_COLUMNS}, 0 AS topicId FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids));
  return new Map(rows.map((row) => [row.id, withSources(row)]));
}
