import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { dueSubscribers, topicIdsOfChats } from "../db/subscribers.js";
import { listTopics, ownTopicsOfChats } from "../db/topics.js";
import { createDigestComposer } from "./compose-digest.js";

/** Chats read, composed and committed together: memory holds one batch, never every due chat. */
const BATCH = 500;

export interface DueDigestsResult {
  due: number;
  queued: number;
  nothingNew: number;
  failed: number;
}

/**
 * Composes the digest of every subscriber whose digest time has come into the outbox, a batch of chats at a time;
 * each batch is one transaction with a savepoint per chat.
 */
export function composeDueDigests(db: Db, now: number, log: Logger, options: { maxPerTopic: number }): DueDigestsResult {
  const result: DueDigestsResult = { due: 0, queued: 0, nothingNew: 0, failed: 0 };
  const catalog = new Map(listTopics(db).map((t) => [t.id, t]));
  const composer = createDigestComposer(db, options);
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const batch = dueSubscribers(db, now, after, BATCH);
    if (batch.length === 0) break;
    const chatIds = batch.map((s) => s.chatId);
    const followed = topicIdsOfChats(db, chatIds);
    // The catalog's topics are read once a run; the users' own only for the chats of the batch.
    const topics = new Map([...catalog, ...ownTopicsOfChats(db, chatIds).map((t) => [t.id, t] as const)]);
    db.$client.transaction(() => {
      for (const subscriber of batch) {
        result.due++;
        try {
          const chatTopics = (followed.get(subscriber.chatId) ?? []).flatMap((id) => topics.get(id) ?? []);
          const outcome = composer.compose(subscriber, chatTopics, now, true);
          if (outcome.kind === "queued") result.queued++;
          else result.nothingNew++;
        } catch (error) {
          // One chat's bad data must not hold back everyone else's digest; its own writes were rolled back.
          result.failed++;
          log.error({ chatId: subscriber.chatId, err: (error as Error).message }, "composing a digest failed");
        }
      }
    })();
    after = batch.at(-1)!.chatId;
  }
  if (result.due > 0) log.info(result, "due digests composed");
  return result;
}
