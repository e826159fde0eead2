import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { outbox, subscribers, type OutboxMessage } from "./schema.js";

/** Pending messages whose time has come, oldest first. */
export function duePendingMessages(db: Db, now: number, limit: number): OutboxMessage[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
}

/** Marked before the request, so a crash during it leaves a trace that `requeueInterrupted` finds. */
export function markSending(db: Db, id: number): void {
  db.update(outbox)
    .set({ status: "sending", attempts: sql`${outbox.attempts} + 1` })
    .where(eq(outbox.id, id))
    .run();
}

export function markSent(db: Db, id: number, now: number): void {
  db.update(outbox).set({ status: "sent", sentAt: now, lastError: null }).where(eq(outbox.id, id)).run();
}

export function markRetry(db: Db, id: number, error: string, nextAttemptAt: number): void {
  db.update(outbox).set({ status: "pending", lastError: error, nextAttemptAt }).where(eq(outbox.id, id)).run();
}

export function markDropped(db: Db, id: number, error: string): void {
  db.update(outbox).set({ status: "dropped", lastError: error }).where(eq(outbox.id, id)).run();
}

/** After a crash, messages caught mid-request go back to pending: they may arrive twice, but none is lost. */
export function requeueInterrupted(db: Db): number {
  return db.update(outbox).set({ status: "pending" }).where(eq(outbox.status, "sending")).run().changes;
}

/** The chat moved (a group became a supergroup): carry the subscriber and its waiting messages to the new id. */
export function migrateChat(db: Db, fromChatId: number, toChatId: number): void {
  db.transaction(() => {
    db.update(subscribers).set({ chatId: toChatId }).where(eq(subscribers.chatId, fromChatId)).run();
    db.update(outbox).set({ chatId: toChatId }).where(and(eq(outbox.chatId, fromChatId), sql`${outbox.status} in ('pending', 'sending')`)).run();
  });
}

export function countByStatus(db: Db): Record<string, number> {
  const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Queues one message for the sender (admin notices, anything that must survive a restart). */
export function enqueueMessage(db: Db, chatId: number, text: string, now: number): void {
  db.insert(outbox).values({ chatId, text, nextAttemptAt: now, createdAt: now }).run();
}

/** Deletes sent and dropped messages older than `before`. */
export function pruneOutbox(db: Db, before: number): number {
  return db.delete(outbox).where(and(sql`${outbox.status} in ('sent', 'dropped')`, lte(outbox.createdAt, before))).run().changes;
}
