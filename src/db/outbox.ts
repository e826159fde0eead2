import { createHash } from "node:crypto";
import { and, eq, lte, sql } from "drizzle-orm";
import { perDatabase, type Db } from "./client.js";
import { outbox, subscribers } from "./schema.js";

/** An outbox row as the sender holds it. */
export interface PendingMessage {
  id: number;
  chatId: number;
  text: string;
  replyMarkup: unknown;
  attempts: number;
  nextAttemptAt: number;
}

// The sender reads and marks every message; prepared once rather than built by the query builder each time.
const statements = perDatabase((db) => ({
  pendingAfter: db.$client.prepare<[number, number], Omit<PendingMessage, "replyMarkup"> & { replyMarkup: string | null }>(
    `SELECT o.id, o.chat_id AS chatId, b.text, b.reply_markup AS replyMarkup, o.attempts, o.next_attempt_at AS nextAttemptAt
     FROM outbox o JOIN message_bodies b ON b.id = o.body_id
     WHERE o.status = 'pending' AND o.id > ? ORDER BY o.id LIMIT ?`,
  ),
  findBody: db.$client.prepare<[string], number>(`SELECT id FROM message_bodies WHERE hash = ?`).pluck(),
  addBody: db.$client.prepare<[string, string, string | null, string | null, number]>(
    `INSERT INTO message_bodies (hash, text, reply_markup, more, created_at) VALUES (?, ?, ?, ?, ?)`,
  ),
  queue: db.$client.prepare<[number, number, number, number]>(`INSERT INTO outbox (chat_id, body_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?)`),
  sending: db.$client.prepare<[number]>(`UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?`),
  sent: db.$client.prepare<[number, number]>(`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`),
  retry: db.$client.prepare<[string, number, number]>(`UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?`),
}));

/** Pending messages after outbox id `afterId`, in id order (the order they were composed in). */
export function pendingAfter(db: Db, afterId: number, limit: number): PendingMessage[] {
  return statements(db)
    .pendingAfter.all(afterId, limit)
    .map((row) => ({ ...row, replyMarkup: row.replyMarkup === null ? null : (JSON.parse(row.replyMarkup) as unknown) }));
}

/** Marked before the request, so a crash during it leaves a trace that `requeueInterrupted` finds. */
export function markSending(db: Db, id: number): void {
  statements(db).sending.run(id);
}

export function markSent(db: Db, id: number, now: number): void {
  statements(db).sent.run(now, id);
}

/** Back to pending; `nextAttemptAt` tells a restarted sender when to try again. */
export function markRetry(db: Db, id: number, error: string, nextAttemptAt: number): void {
  statements(db).retry.run(error, nextAttemptAt, id);
}

export function markDropped(db: Db, id: number, error: string): void {
  db.update(outbox).set({ status: "dropped", lastError: error }).where(eq(outbox.id, id)).run();
}

/** After a crash, messages caught mid-request go back to pending: they may arrive twice, but none is lost. */
export function requeueInterrupted(db: Db): number {
  return db.update(outbox).set({ status: "pending" }).where(eq(outbox.status, "sending")).run().changes;
}

/**
 * The chat moved (a group became a supergroup): carry the subscriber and its waiting messages to the new id. When the
 * new chat already has a subscriber (someone used the bot there first), the old one's topics and deliveries join it.
 */
export function migrateChat(db: Db, fromChatId: number, toChatId: number): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    const exists = sqlite.prepare("SELECT 1 FROM subscribers WHERE chat_id = ?").get(toChatId) !== undefined;
    // The chat's own topics move with it; one the new chat already has by name is dropped with its subscription.
    sqlite.prepare("UPDATE OR IGNORE topics SET owner_chat_id = ? WHERE owner_chat_id = ?").run(toChatId, fromChatId);
    sqlite.prepare("DELETE FROM topics WHERE owner_chat_id = ?").run(fromChatId);
    if (exists) {
      sqlite.prepare("INSERT OR IGNORE INTO subscriptions (chat_id, topic_id, created_at) SELECT ?, topic_id, created_at FROM subscriptions WHERE chat_id = ?").run(toChatId, fromChatId);
      sqlite.prepare("UPDATE deliveries SET chat_id = ? WHERE chat_id = ?").run(toChatId, fromChatId);
      sqlite.prepare("DELETE FROM subscribers WHERE chat_id = ?").run(fromChatId);
    } else {
      // subscriptions and deliveries follow through their ON UPDATE CASCADE.
      sqlite.prepare("UPDATE subscribers SET chat_id = ? WHERE chat_id = ?").run(toChatId, fromChatId);
    }
    sqlite.prepare("UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status IN ('pending', 'sending')").run(toChatId, fromChatId);
  })();
}

export function countByStatus(db: Db): Record<string, number> {
  const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** A message's text and markup, and the hash that identifies them in message_bodies. */
export interface MessageBody {
  text: string;
  replyMarkup?: unknown;
  /** The stories a digest's "Show N more" buttons add (see message_bodies.more). */
  more?: Record<string, number[][]>;
}

export function bodyHash(body: MessageBody): string {
  const markup = body.replyMarkup === undefined ? "" : JSON.stringify(body.replyMarkup);
  const more = body.more === undefined ? "" : JSON.stringify(body.more);
  return createHash("sha256").update(body.text).update("\u0000").update(markup).update("\u0000").update(more).digest("base64url");
}

/** The body's id, storing it first if no message had this text and markup before. */
export function storeBody(db: Db, body: MessageBody, now: number, hash = bodyHash(body)): number {
  const s = statements(db);
  const existing = s.findBody.get(hash);
  if (existing !== undefined) return existing;
  const markup = body.replyMarkup === undefined ? null : JSON.stringify(body.replyMarkup);
  const more = body.more === undefined ? null : JSON.stringify(body.more);
  return Number(s.addBody.run(hash, body.text, markup, more, now).lastInsertRowid);
}

/** Queues a stored body for a chat. */
export function queueBody(db: Db, chatId: number, bodyId: number, now: number): void {
  statements(db).queue.run(chatId, bodyId, now, now);
}

/** Queues one message for the sender (admin notices, anything that must survive a restart). */
export function enqueueMessage(db: Db, chatId: number, text: string, now: number): void {
  db.$client.transaction(() => queueBody(db, chatId, storeBody(db, { text }, now), now))();
}

/** Deletes sent and dropped messages older than `before`, and the texts no message uses any more. */
export function pruneOutbox(db: Db, before: number): number {
  return db.$client.transaction(() => {
    const messages = db.delete(outbox).where(and(sql`${outbox.status} in ('sent', 'dropped')`, lte(outbox.createdAt, before))).run().changes;
    db.$client.prepare(`DELETE FROM message_bodies WHERE created_at <= ? AND NOT EXISTS (SELECT 1 FROM outbox WHERE body_id = message_bodies.id)`).run(before);
    return messages;
  })();
}

/** Messages waiting to be sent or being sent: the outbox's depth. */
export function waitingCount(db: Db): number {
  return db.$client.prepare<[], number>("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").pluck().get() ?? 0;
}
