import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { dueSubscribers } from "../db/subscribers.js";
import { composeDigest } from "./compose-digest.js";

const BATCH = 500;

export interface DueDigestsResult {
  due: number;
  queued: number;
  nothingNew: number;
  failed: number;
}

/** Composes the digest of every subscriber whose digest time has come, a batch at a time, into the outbox. */
export function composeDueDigests(db: Db, now: number, log: Logger): DueDigestsResult {
  const result: DueDigestsResult = { due: 0, queued: 0, nothingNew: 0, failed: 0 };
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const batch = dueSubscribers(db, now, after, BATCH);
    if (batch.length === 0) break;
    for (const subscriber of batch) {
      result.due++;
      try {
        const outcome = composeDigest(db, subscriber, now, true);
        if (outcome.kind === "queued") result.queued++;
        else result.nothingNew++;
      } catch (error) {
        // One chat's bad data must not hold back everyone else's digest.
        result.failed++;
        log.error({ chatId: subscriber.chatId, err: (error as Error).message }, "composing a digest failed");
      }
    }
    after = batch.at(-1)!.chatId;
  }
  if (result.due > 0) log.info(result, "due digests composed");
  return result;
}
