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
}

// Composition reads and writes these for every due chat; prepared once rather than built by the query builder.
const statements = perDatabase((db) => ({
  inTopic: db.$client.prepare<[number, number, number, number], DigestCandidate>(
    `SELECT a.id, a.title, a.link, coalesce(f.name, f.url) AS source, a.published_at AS publishedAt, ? AS topicId
     FROM article_topics t JOIN articles a ON a.id = t.article_id JOIN feeds f ON f.id = a.feed_id
     WHERE t.topic_id = ? AND a.fetched_at > ?
     ORDER BY a.published_at DESC, a.id ASC LIMIT ?`,
  ),
  delivered: db.$client.prepare<[number, number], string>(`SELECT article_ids FROM deliveries WHERE chat_id = ? AND delivered_at >= ?`).pluck(),
  deliver: db.$client.prepare<[number, number, string]>(`INSERT INTO deliveries (chat_id, delivered_at, article_ids) VALUES (?, ?, ?)`),
  digested: db.$client.prepare<[number, number | null, number]>(`UPDATE subscribers SET last_digest_at = ?, next_digest_at = coalesce(?, next_digest_at) WHERE chat_id = ?`),
  skip: db.$client.prepare<[number, number]>(`UPDATE subscribers SET next_digest_at = ? WHERE chat_id = ?`),
}));

/** The topic's articles fetched after `since`, newest first, at most `limit`. */
export function topicCandidates(db: Db, topicId: number, since: number, limit: number): DigestCandidate[] {
  return statements(db).inTopic.all(topicId, topicId, since, limit);
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
    for (const message of digest.messages) queueBody(db, digest.chatId, storeBody(db, message, now, message.hash), now);
    s.deliver.run(digest.chatId, now, JSON.stringify(digest.articleIds));
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
