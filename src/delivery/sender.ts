import { GrammyError, HttpError, type Api } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { duePendingMessages, markDropped, markRetry, markSending, markSent, migrateChat } from "../db/outbox.js";
import type { OutboxMessage } from "../db/schema.js";
import { deactivateSubscriber } from "../db/subscribers.js";

export interface SenderDeps {
  db: Db;
  api: Api;
  log: Logger;
  now?: () => number;
  /** How often the outbox is checked when nobody kicks the sender. */
  idleMs?: number;
}

export interface Sender {
  /** Asks the sender to look at the outbox now. */
  kick(): void;
  /** Resolves once the outbox has no message due now (for tests and shutdown). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 100;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Starts the loop that drains the outbox: one message at a time, in order, each settled before the next. */
export function startSender(deps: SenderDeps): Sender {
  const now = deps.now ?? Date.now;
  const idleMs = deps.idleMs ?? 1000;
  let stopped = false;
  let wake: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];

  const loop = (async () => {
    while (!stopped) {
      const batch = duePendingMessages(deps.db, now(), BATCH);
      if (batch.length === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, idleMs).unref();
        });
        continue;
      }
      for (const message of batch) {
        if (stopped) break;
        await sendOne(deps, message, now);
      }
    }
  })();

  return {
    kick: () => wake?.(),
    drained: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      }),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      for (const resolve of idleWaiters) resolve();
    },
  };
}

async function sendOne(deps: SenderDeps, message: OutboxMessage, now: () => number): Promise<void> {
  markSending(deps.db, message.id);
  try {
    await deps.api.sendMessage(message.chatId, message.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup as never } : {}),
    });
    markSent(deps.db, message.id, now());
  } catch (error) {
    handleFailure(deps, message, error, now());
  }
}

/** The one place where a failed delivery is classified, recorded and logged. */
function handleFailure(deps: SenderDeps, message: OutboxMessage, error: unknown, now: number): void {
  const { db, log } = deps;
  const context = { chatId: message.chatId, outboxId: message.id, attempt: message.attempts + 1 };
  if (error instanceof GrammyError) {
    const description = `${error.error_code} ${error.description}`;
    const migrateTo = error.parameters.migrate_to_chat_id;
    if (migrateTo !== undefined) {
      migrateChat(db, message.chatId, migrateTo);
      markRetry(db, message.id, description, now);
      log.info({ ...context, migrateTo }, "chat migrated; resending to the new chat id");
      return;
    }
    if (error.error_code === 403 || (error.error_code === 400 && /chat not found|user is deactivated/i.test(error.description))) {
      markDropped(db, message.id, description);
      deactivateSubscriber(db, message.chatId);
      log.info({ ...context, telegram: description }, "chat unreachable; subscriber marked inactive");
      return;
    }
    if (error.error_code === 429) {
      const retryAfter = (error.parameters.retry_after ?? 1) * 1000;
      markRetry(db, message.id, description, now + retryAfter);
      log.warn({ ...context, retryAfterMs: retryAfter }, "still rate limited after retries; message stays pending");
      return;
    }
    if (error.error_code >= 400 && error.error_code < 500) {
      // Telegram refused this message itself (a bug in composing it): retrying would fail the same way.
      markDropped(db, message.id, description);
      log.error({ ...context, telegram: description }, "Telegram rejected a digest message; dropped");
      return;
    }
  }
  const reason = error instanceof HttpError ? `network: ${error.message}` : error instanceof GrammyError ? `${error.error_code} ${error.description}` : String(error);
  const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(message.attempts, 10));
  markRetry(db, message.id, reason, now + backoff);
  log.warn({ ...context, err: reason, retryInMs: backoff }, "sending failed; will retry");
}
