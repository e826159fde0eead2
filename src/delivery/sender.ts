import { GrammyError, HttpError, type Api } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { describeTelegramFailure } from "../telegram/failure.js";
import { markDropped, markRetry, markSending, markSent, migrateChat, pendingAfter } from "../db/outbox.js";
import { deactivateSubscriber } from "../db/subscribers.js";
import { ChatQueue, type QueuedMessage } from "./chat-queue.js";
import { sleep as realSleep, type Sleep } from "../lifecycle/sleep.js";
import type { Clock, Pacer } from "./pacer.js";

export interface SenderDeps {
  db: Db;
  /** An Api without the paced fetch of the bot's replies: the sender paces and retries its own messages. */
  api: Api;
  pacer: Pacer;
  log: Logger;
  /** The wall clock written into the outbox (tests move it); pacing runs on `clock`. */
  now?: () => number;
  /** The monotonic clock pacing, pauses and the stop grace period run on (performance.now by default); it must be
   * the pacer's clock, as the sender compares it with the pacer's slots. */
  clock?: Clock;
  /** How the sender waits, on `clock`'s time (real timers by default); the signal ends a wait early. */
  sleep?: Sleep;
  /** How often the outbox is read when nobody kicks the sender. */
  idleMs?: number;
  /** Requests out at once; a chat never has more than one. */
  maxInFlight?: number;
  /** Sends with `allow_paid_broadcast`, which lifts Telegram's limit to 1000 a second for a fee (TELEGRAM_RATE > 30). */
  paidBroadcast?: boolean;
  /** Called once per answered (or failed) request, for metrics; a request cut short by stop() has no outcome. */
  onOutcome?: (outcome: SendOutcome) => void;
}

/**
 * What became of a request. sent: Telegram accepted it. 429: flood control (every send paused). 403: the chat is gone
 * (blocked, deactivated, or 400 "chat not found"). dropped: Telegram refused that message (another 400). failed:
 * Telegram could not be used (transport, 5xx, 401, 404). migrated: the group moved to a new chat id.
 */
export type SendOutcome = "sent" | "429" | "403" | "dropped" | "failed" | "migrated";

export interface Sender {
  /** Asks the sender to read the outbox now. */
  kick(): void;
  /** Resolves once nothing waits in the outbox or in flight (for tests and shutdown). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** Messages held in memory at most; more are read from the outbox, a few hundred at a time, as these go. */
const WINDOW = 2000;
const REFILL = 250;
const BACKOFF_BASE_MS = 500;
export const MAX_BACKOFF_MS = 30_000;
/** How long stop() waits for requests in flight (main.ts forces an exit after 10 s). */
const STOP_GRACE_MS = 4000;

/**
 * Drains the outbox at the pacer's rate. Messages are read in the order they were composed, each chat's in order and
 * one at a time; many chats' requests are out at once. Every message is marked `sending` before its request and
 * `sent` after, so a crash can repeat at most the requests that were in flight.
 */
export function startSender(deps: SenderDeps): Sender {
  const { db, pacer, log } = deps;
  const now = deps.now ?? Date.now;
  const clock = deps.clock ?? (() => performance.now());
  const sleep = deps.sleep ?? realSleep;
  const idleMs = deps.idleMs ?? 1000;
  const maxInFlight = deps.maxInFlight ?? 32;
  const queue = new ChatQueue();
  let cursor = 0;
  let inFlight = 0;
  /** Transport failures in a row (5xx, network): the pause after each grows until a request gets through. */
  let failures = 0;
  let transportPauseEnds = 0;
  let stopped = false;
  // Cuts the requests still in flight short when stop()'s grace period is over.
  const cancel = new AbortController();
  /** Ends the loop's current wait (a kick, an answer, stop). */
  let wake: AbortController | undefined;
  let idleWaiters: (() => void)[] = [];
  /** Resolved when no request is out any more (for stop). */
  let settledWaiters: (() => void)[] = [];

  const nudge = () => {
    const controller = wake;
    wake = undefined;
    controller?.abort();
  };
  const wait = async (ms: number): Promise<void> => {
    const controller = new AbortController();
    wake = controller;
    await sleep(Math.max(1, ms), controller.signal);
    if (wake === controller) wake = undefined;
  };
  const settled = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => settledWaiters.push(resolve));

  const load = (): void => {
    // Small reads keep each one short, as the loop waits for it.
    if (queue.size > WINDOW - REFILL) return;
    const rows = pendingAfter(db, cursor, WINDOW - queue.size);
    const t = clock();
    const wall = now();
    for (const row of rows) {
      // A message retried before a restart waits out the rest of its pause.
      const backoff = Math.max(0, row.nextAttemptAt - wall);
      queue.add(row, Math.max(t + backoff, pacer.chatReadyAt(row.chatId)));
      cursor = row.id;
    }
    if (rows.length > 0) pacer.forgetIdle();
  };

  const outcome: Outcomes = {
    sent(message) {
      failures = 0;
      pacer.answered(message.chatId);
      queue.sent(message.chatId, pacer.chatReadyAt(message.chatId));
    },
    retry(message, pauseMs) {
      queue.retry(message.chatId, clock() + pauseMs);
    },
    pauseAll(ms) {
      pacer.pause(ms);
    },
    transportFailure() {
      const t = clock();
      // Requests sent before the pause began fail together; only a failure after it (a new try) doubles the pause.
      if (t >= transportPauseEnds || failures === 0) failures++;
      const pause = Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
      transportPauseEnds = Math.max(transportPauseEnds, t + pause);
      pacer.pause(pause);
      return { pause, atBound: pause >= MAX_BACKOFF_MS };
    },
    dropped(message) {
      queue.sent(message.chatId, 0);
    },
    chatGone(message) {
      queue.dropChat(message.chatId);
    },
    moved(message, toChatId) {
      queue.moveChat(message.chatId, toChatId, pacer.chatReadyAt(toChatId));
    },
  };

  // A metrics hook that throws must not change what is recorded of a message.
  const report = (kind: SendOutcome) => {
    try {
      deps.onOutcome?.(kind);
    } catch (error) {
      log.warn({ outcome: kind, err: String(error) }, "onOutcome failed");
    }
  };

  const step = async (): Promise<void> => {
    load();
    const top = queue.peek();
    if (!top) {
      if (inFlight === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
      await wait(idleMs);
      return;
    }
    if (inFlight >= maxInFlight) {
      await wait(idleMs);
      return;
    }
    const t = clock();
    const chatAt = pacer.chatReadyAt(top.chatId);
    if (chatAt > top.at) {
      // The chat got a reply since it was scheduled: it waits its turn again.
      queue.delay(top.chatId, chatAt);
      return;
    }
    const at = Math.max(top.at, pacer.slotAt());
    if (at > t) {
      await wait(at - t);
      return;
    }
    const message = queue.pop()!;
    pacer.take(message.chatId, t);
    inFlight++;
    void sendOne(deps, message, now, outcome, report, cancel.signal)
      .catch((error: unknown) => {
        // The database failed while recording the outcome: the message stays in the outbox and is tried again later.
        log.error({ chatId: message.chatId, outboxId: message.id, err: String(error) }, "could not record a message's outcome; it stays queued");
        queue.retry(message.chatId, clock() + MAX_BACKOFF_MS);
      })
      .finally(() => {
        inFlight--;
        if (inFlight === 0) {
          for (const resolve of settledWaiters) resolve();
          settledWaiters = [];
        }
        nudge();
      });
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        await step();
      } catch (error) {
        // Reading the outbox failed (the database itself): logged, and tried again after a pause, never a busy loop.
        log.error({ err: String(error) }, "the sender could not read the outbox; retrying");
        await wait(idleMs);
      }
    }
  })();

  return {
    kick: nudge,
    drained: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        nudge();
      }),
    async stop() {
      stopped = true;
      nudge();
      await loop;
      // Requests out get a moment to finish, so that a restart does not send them again; then they are cut short and
      // their messages stay marked as being sent, for the next start to queue again.
      if (inFlight > 0) {
        const grace = new AbortController();
        await Promise.race([settled(), sleep(STOP_GRACE_MS, grace.signal)]);
        grace.abort();
      }
      cancel.abort();
      await settled();
      for (const resolve of idleWaiters) resolve();
    },
  };
}

/** What the sender's queue and pacer do after a request; sendOne and handleFailure decide which. */
interface Outcomes {
  sent(message: QueuedMessage): void;
  retry(message: QueuedMessage, pauseMs: number): void;
  pauseAll(ms: number): void;
  /** Counts a failure to reach Telegram and pauses every send; returns the pause and whether it reached its bound. */
  transportFailure(): { pause: number; atBound: boolean };
  dropped(message: QueuedMessage): void;
  chatGone(message: QueuedMessage): void;
  moved(message: QueuedMessage, toChatId: number): void;
}

async function sendOne(
  deps: SenderDeps,
  message: QueuedMessage,
  now: () => number,
  outcome: Outcomes,
  report: (kind: SendOutcome) => void,
  signal: AbortSignal,
): Promise<void> {
  message.attempts++;
  markSending(deps.db, message.id);
  try {
    await deps.api.sendMessage(message.chatId, message.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(deps.paidBroadcast ? { allow_paid_broadcast: true } : {}),
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup as never } : {}),
    }, signal as Parameters<Api["sendMessage"]>[3]);
  } catch (error) {
    // Cut short by stop(): Telegram may have it, so it stays marked as being sent.
    if (signal.aborted) return;
    report(handleFailure(deps, message, error, now(), outcome));
    return;
  }
  markSent(deps.db, message.id, now());
  outcome.sent(message);
  report("sent");
}

/** The one place where a failed delivery is classified, recorded and logged; returns how it was classified. */
function handleFailure(deps: SenderDeps, message: QueuedMessage, error: unknown, now: number, outcome: Outcomes): SendOutcome {
  const { db, log } = deps;
  const context = { chatId: message.chatId, outboxId: message.id, attempt: message.attempts };
  if (error instanceof GrammyError) {
    const description = `${error.error_code} ${error.description}`;
    const migrateTo = error.parameters.migrate_to_chat_id;
    if (migrateTo !== undefined) {
      migrateChat(db, message.chatId, migrateTo);
      markRetry(db, message.id, description, now);
      outcome.moved(message, migrateTo);
      log.info({ ...context, migrateTo }, "chat migrated; resending to the new chat id");
      return "migrated";
    }
    if (error.error_code === 403 || (error.error_code === 400 && /chat not found|user is deactivated/i.test(error.description))) {
      deactivateSubscriber(db, message.chatId);
      outcome.chatGone(message);
      log.info({ ...context, telegram: description }, "chat unreachable; subscriber marked inactive and its waiting messages dropped");
      return "403";
    }
    if (error.error_code === 429) {
      const pause = (error.parameters.retry_after ?? 1) * 1000;
      outcome.pauseAll(pause);
      markRetry(db, message.id, description, now + pause);
      outcome.retry(message, pause);
      log.warn({ ...context, retryAfterMs: pause }, "Telegram flood control: every send paused for retry_after");
      return "429";
    }
    if (error.error_code === 400) {
      // Telegram refused this message itself (a bug in composing it): retrying would fail the same way.
      markDropped(db, message.id, description);
      outcome.dropped(message);
      log.error({ ...context, telegram: description }, "Telegram rejected a message; dropped");
      return "dropped";
    }
  }
  // 5xx, a gateway's HTML page, a refused connection, or 401/404 (a revoked token, a wrong API root): Telegram cannot
  // be used now, which is not this message's fault. It stays pending.
  const reason = error instanceof GrammyError ? `${error.error_code} ${error.description}` : error instanceof HttpError ? `${error.message} (${describeTelegramFailure(error)})` : String(error);
  const { pause, atBound } = outcome.transportFailure();
  markRetry(db, message.id, reason, now + pause);
  outcome.retry(message, pause);
  const line = { ...context, err: reason, retryInMs: pause };
  if (atBound) log.error(line, "Telegram still unreachable; the message stays pending and is retried");
  else log.warn(line, "sending failed; every send paused before retrying");
  return "failed";
}
