import { and, asc, eq, sql } from "drizzle-orm";
import { DEFAULT_DIGEST_TIMES, nextDigestAt } from "../digests/schedule.js";
import { perDatabase, type Db } from "./client.js";
import { outbox, subscribers, subscriptions, topics, type Subscriber, type Topic } from "./schema.js";

export function getSubscriber(db: Db, chatId: number): Subscriber | undefined {
  return db.select().from(subscribers).where(eq(subscribers.chatId, chatId)).get();
}

/** The chat's subscriber row, created with the default schedule on first contact; `/start` also reactivates it. */
export function ensureSubscriber(db: Db, chatId: number, now: number, options: { firstName?: string; reactivate?: boolean } = {}): Subscriber {
  const existing = getSubscriber(db, chatId);
  if (existing) {
    if (options.reactivate && !existing.active) {
      const next = nextDigestAt(existing.digestTimes, existing.timezone, now);
      db.update(subscribers).set({ active: true, nextDigestAt: next }).where(eq(subscribers.chatId, chatId)).run();
      return { ...existing, active: true, nextDigestAt: next };
    }
    return existing;
  }
  const row = {
    chatId,
    firstName: options.firstName ?? null,
    timezone: "UTC",
    digestTimes: DEFAULT_DIGEST_TIMES,
    nextDigestAt: nextDigestAt(DEFAULT_DIGEST_TIMES, "UTC", now),
    createdAt: now,
  };
  db.insert(subscribers).values(row).onConflictDoNothing().run();
  return getSubscriber(db, chatId)!;
}

/** Sets the digest times and/or timezone and moves the next digest accordingly. */
export function setSchedule(db: Db, chatId: number, change: { times?: string[]; timezone?: string }, now: number): Subscriber {
  const current = getSubscriber(db, chatId);
  if (!current) throw new Error(`no subscriber ${chatId}`);
  const digestTimes = change.times ?? current.digestTimes;
  const timezone = change.timezone ?? current.timezone;
  const next = nextDigestAt(digestTimes, timezone, now);
  db.update(subscribers).set({ digestTimes, timezone, nextDigestAt: next }).where(eq(subscribers.chatId, chatId)).run();
  return { ...current, digestTimes, timezone, nextDigestAt: next };
}

export function setPaused(db: Db, chatId: number, paused: boolean, now: number): Subscriber {
  const current = getSubscriber(db, chatId);
  if (!current) throw new Error(`no subscriber ${chatId}`);
  // On resume, the next digest is the next time from now, not a catch-up of the ones missed while paused.
  const next = paused ? current.nextDigestAt : nextDigestAt(current.digestTimes, current.timezone, now);
  db.update(subscribers).set({ paused, nextDigestAt: next }).where(eq(subscribers.chatId, chatId)).run();
  return { ...current, paused, nextDigestAt: next };
}

/** Telegram refuses to deliver to the chat (blocked, deactivated): stop composing for it and drop what waits. */
export function deactivateSubscriber(db: Db, chatId: number): void {
  db.transaction((tx) => {
    tx.update(subscribers).set({ active: false }).where(eq(subscribers.chatId, chatId)).run();
    tx.update(outbox)
      .set({ status: "dropped", lastError: "chat inactive" })
      .where(and(eq(outbox.chatId, chatId), sql`${outbox.status} in ('pending', 'sending')`))
      .run();
  });
}

type SubscriberRow = Omit<Subscriber, "digestTimes" | "paused" | "active"> & { digestTimes: string; paused: number; active: number };

// Read for every due chat at each digest tick; prepared once, without the query builder's row mapping.
const statements = perDatabase((db) => ({
  due: db.$client.prepare<[number, number, number], SubscriberRow>(
    `SELECT chat_id AS chatId, first_name AS firstName, timezone, digest_times AS digestTimes, paused, active,
       last_digest_at AS lastDigestAt, next_digest_at AS nextDigestAt, created_at AS createdAt
     FROM subscribers WHERE next_digest_at <= ? AND active = 1 AND paused = 0 AND chat_id > ?
     ORDER BY chat_id LIMIT ?`,
  ),
  topicIds: db.$client.prepare<[string], { chatId: number; topicId: number }>(
    `SELECT s.chat_id AS chatId, s.topic_id AS topicId FROM subscriptions s JOIN topics t ON t.id = s.topic_id
     WHERE s.chat_id IN (SELECT value FROM json_each(?)) AND t.active = 1 ORDER BY s.chat_id, t.owner_chat_id IS NULL, s.topic_id`,
  ),
}));

/** Subscribers whose next digest is due, in pages of `limit` after chat id `afterChatId`. */
export function dueSubscribers(db: Db, now: number, afterChatId: number, limit: number): Subscriber[] {
  return statements(db)
    .due.all(now, afterChatId, limit)
    .map((row) => ({ ...row, digestTimes: JSON.parse(row.digestTimes) as string[], paused: row.paused === 1, active: row.active === 1 }));
}

/**
 * The active topic ids each of the chats follows: its own topics first, the most specific of its interests, so that an
 * article in both is shown under the user's own heading; then the catalog's, in catalog order.
 */
export function topicIdsOfChats(db: Db, chatIds: readonly number[]): Map<number, number[]> {
  const byChat = new Map<number, number[]>();
  for (const { chatId, topicId } of statements(db).topicIds.all(JSON.stringify(chatIds))) {
    const list = byChat.get(chatId);
    if (list) list.push(topicId);
    else byChat.set(chatId, [topicId]);
  }
  return byChat;
}

/** The topics the chat follows, its own first (see topicIdsOfChats). */
export function subscribedTopics(db: Db, chatId: number): Topic[] {
  return db
    .select({ topic: topics })
    .from(subscriptions)
    .innerJoin(topics, eq(topics.id, subscriptions.topicId))
    .where(and(eq(subscriptions.chatId, chatId), eq(topics.active, true)))
    .orderBy(sql`${topics.ownerChatId} IS NULL`, asc(topics.id))
    .all()
    .map((r) => r.topic);
}

export function subscribe(db: Db, chatId: number, topicId: number, now: number): boolean {
  return db.insert(subscriptions).values({ chatId, topicId, createdAt: now }).onConflictDoNothing().run().changes > 0;
}

export function unsubscribe(db: Db, chatId: number, topicId: number): boolean {
  return db.delete(subscriptions).where(and(eq(subscriptions.chatId, chatId), eq(subscriptions.topicId, topicId))).run().changes > 0;
}

/** Subscribes if not subscribed, else unsubscribes; returns whether the chat is now subscribed. */
export function toggleSubscription(db: Db, chatId: number, topicId: number, now: number): boolean {
  // better-sqlite3 runs everything on one connection, so `db` inside the callback is inside the transaction.
  return db.transaction(() => (unsubscribe(db, chatId, topicId) ? false : subscribe(db, chatId, topicId, now)));
}
